// A server process booting the way the app does: Next.js calls register() from instrumentation.ts once on the
// Node runtime before serving, and that validates the environment, migrates and starts the recurring runner.
// The only difference is time: with TEST_INTERVAL_SCALE=n, setInterval delays run n times faster, so an interval
// of AILEGR_RECURRING_INTERVAL_MINUTES=1 ticks every 60/n seconds (the startup burst's gap, a setTimeout, is
// untouched). On SIGTERM it waits for the runner to stop, as the runner's own handler asks, and exits 0. A boot
// that fails exits 1 with the reason on stderr (register() does that itself).
import type { RecurringRunner } from '@/lib/recurring/runner';

const scale = Number(process.env.TEST_INTERVAL_SCALE ?? 1);
if (scale !== 1) {
  const realSetInterval = globalThis.setInterval;
  globalThis.setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    realSetInterval(callback, (ms ?? 0) / scale, ...args)) as typeof globalThis.setInterval;
}
process.env.NEXT_RUNTIME = 'nodejs';

try {
  const { register } = await import('../../instrumentation');
  await register();
} catch (error) {
  process.stderr.write(`BOOT FAILED ${(error as Error).message}\n`);
  process.exit(1);
}
process.stdout.write('BOOTED\n');

process.once('SIGTERM', () => {
  const runner = (globalThis as unknown as { ailegrRunner?: RecurringRunner }).ailegrRunner;
  void (async () => {
    await runner?.stop();
    const { database } = await import('@/db/client');
    await (await database()).close();
    process.stdout.write('STOPPED\n');
    process.exit(0);
  })();
});
