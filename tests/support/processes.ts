import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child node process running a TypeScript file through tsx, with its stdout lines collected. */
export interface TsProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Resolves when a stdout line satisfies `match`; rejects if the process exits first or `timeoutMs` passes. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
}

const running = new Set<ChildProcess>();

/** Starts `node --import tsx <file>` in the repository root with `env` added to this process's environment. */
export function startTsProcess(file: string, env: Record<string, string | undefined>, args: string[] = []): TsProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: 'test', AILEGR_LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  const waiters = new Set<{ match: (line: string) => boolean; resolve: (line: string) => void }>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters) {
      if (w.match(line)) {
        waiters.delete(w);
        w.resolve(line);
      }
    }
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(match, timeoutMs) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`${file}: no matching line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
        }, timeoutMs);
        waiter.resolve = (line) => {
          clearTimeout(timer);
          resolve(line);
        };
        void exited.then((code) => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          reject(new Error(`${file} exited (${code}) before the expected line; stderr: ${stderr.slice(-2000)}`));
        });
      });
    },
  };
}

/** Waits for a process to exit; kills it and fails if it takes longer than `timeoutMs`. */
export async function exitCodeOf(p: TsProcess, timeoutMs: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const result = await Promise.race([p.exited, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') {
    p.child.kill('SIGKILL');
    await p.exited;
    throw new Error(`process did not exit within ${timeoutMs} ms; stderr: ${p.stderr().slice(-2000)}`);
  }
  return result;
}

/** SIGKILLs every child still running (test teardown), and waits for them. */
export async function killAllProcesses(): Promise<void> {
  const exits = [...running].map((child) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()))));
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(exits);
}

export interface SweeperResult {
  passes: number;
  rules: number;
  posted: number;
  skipped: number;
  duplicates: number;
  failures: number;
  runIds: number[];
}

/** Starts a sweeper process (tests/support/sweeper-process.ts) on `url`; it waits for `go()` before sweeping. */
export function startSweeper(url: string, env: Record<string, string> = {}) {
  const p = startTsProcess('tests/support/sweeper-process.ts', { DATABASE_URL: url, ...env });
  return {
    process: p,
    ready: () => p.waitForLine((l) => l === 'READY', 60_000),
    go: () => p.child.stdin!.write('go\n'),
    async result(timeoutMs: number): Promise<SweeperResult> {
      const line = await p.waitForLine((l) => l.startsWith('RESULT '), timeoutMs);
      await exitCodeOf(p, 10_000);
      return JSON.parse(line.slice('RESULT '.length)) as SweeperResult;
    },
  };
}
