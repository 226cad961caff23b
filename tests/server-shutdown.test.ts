import { afterEach, describe, expect, it } from 'vitest';
import { SHUTDOWN_DEADLINE_MS } from '@/lib/server/shutdown';
import { killAllProcesses, startTsProcess } from './support/processes';

// onShutdown in real OS processes: the signal handlers it takes over, the order, the exit (no database involved; the
// SIGTERM test against `next start` itself is e2e/next-start-shutdown.spec.ts).

function start(env: Record<string, string>) {
  const p = startTsProcess('tests/support/shutdown-process.ts', env);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    p.child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { p, exit, ready: () => p.waitForLine((l) => l === 'READY', 60_000) };
}

describe('onShutdown', () => {
  afterEach(async () => {
    await killAllProcesses();
  });

  it('runs its tasks before the handler Next installed, which then exits as it would have (143 on SIGTERM)', async () => {
    const app = start({ HAND_OVER: '1' });
    await app.ready();
    app.p.child.kill('SIGTERM');
    app.p.child.kill('SIGTERM'); // a second signal starts nothing new
    expect(await app.exit).toEqual({ code: 143, signal: null });
    expect(app.p.lines).toEqual(['READY', 'TASK STARTED', 'TASK DONE', 'NEXT EXITS ON SIGTERM']);
  });

  it('hands SIGINT over the same way (130)', async () => {
    const app = start({ HAND_OVER: '1' });
    await app.ready();
    app.p.child.kill('SIGINT');
    expect(await app.exit).toEqual({ code: 130, signal: null });
    expect(app.p.lines).toEqual(['READY', 'TASK STARTED', 'TASK DONE', 'NEXT EXITS ON SIGINT']);
  });

  it('with no handler to hand over to, raises the signal again once the tasks are done', async () => {
    const app = start({});
    await app.ready();
    app.p.child.kill('SIGTERM');
    expect(await app.exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(app.p.lines).toEqual(['READY', 'TASK STARTED', 'TASK DONE']);
  });

  it('gives up on a task still running at the deadline and exits anyway', async () => {
    const app = start({ HAND_OVER: '1', TASK_MS: '600000' });
    await app.ready();
    const signalledAt = Date.now();
    app.p.child.kill('SIGTERM');
    expect(await app.exit).toEqual({ code: 143, signal: null });
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(SHUTDOWN_DEADLINE_MS);
    expect(app.p.lines.filter((l) => !l.startsWith('{'))).toEqual(['READY', 'TASK STARTED', 'NEXT EXITS ON SIGTERM']);
    expect(app.p.lines.some((l) => l.includes('"msg":"shutdown tasks still running at the deadline; exiting without them"'))).toBe(true);
  }, 60_000);
});
