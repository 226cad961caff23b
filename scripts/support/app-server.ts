// A production server of the app for the scripts that drive one over HTTP (scripts/smoke-servers.ts,
// scripts/bench-api.ts): `next start` on the last `next build`, or, with `kind: 'api-server'`, the route handlers
// served by tests/support/api-server.ts (no build needed; the same handlers, not Next's HTTP layer).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type AppServerKind = 'next' | 'api-server';

export interface AppServer {
  url: string;
  /** The server's process id (its CPU time is read from /proc by scripts/bench-api.ts). */
  pid: number;
  stop(): Promise<void>;
}

function answering(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`the server exited with ${child.exitCode}`));
      try {
        if ((await fetch(url)).status === 200) return resolve();
      } catch {
        // not listening yet
      }
      if (Date.now() > end) return reject(new Error(`${url} did not answer within ${timeoutMs / 1000} s`));
      setTimeout(() => void poll(), 500);
    };
    void poll();
  });
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** With APP_SERVER_CPU_PROF_DIR set, the api-server writes a V8 CPU profile there when it stops (Node refuses it in NODE_OPTIONS). */
function profileArgs(): string[] {
  const dir = process.env.APP_SERVER_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Starts the server on 127.0.0.1:`port` with `env` added to ours, and resolves once /api/health answers 200. */
export async function startAppServer(kind: AppServerKind, port: number, env: Record<string, string>, timeoutMs = 120_000): Promise<AppServer> {
  const url = `http://127.0.0.1:${port}`;
  const fullEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', BETTER_AUTH_URL: url, API_SERVER_PORT: String(port), ...env };
  // The binaries themselves, not npx: SIGTERM must reach the server, not a wrapper.
  const child =
    kind === 'api-server'
      ? spawn(process.execPath, [...profileArgs(), '--import', 'tsx', 'tests/support/api-server.ts'], { env: fullEnv, stdio: ['ignore', 'ignore', 'inherit'] })
      : spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], { env: fullEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await answering(child, `${url}/api/health`, timeoutMs);
  } catch (error) {
    await stopped(child);
    throw error;
  }
  return { url, pid: child.pid!, stop: () => stopped(child) };
}
