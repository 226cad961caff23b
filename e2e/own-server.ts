import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/tests/support/postgres-server';
import { E2E_DEMO_PASSWORD, E2E_SIGN_IN_ATTEMPTS_PER_MINUTE } from './demo';

/**
 * A server of the spec's own, beside the suite's `next start`: `start` serves the build under test, `dev` runs
 * `next dev` (its own `.next/dev` folder, so it lives beside the build). Each has its own port and a fresh demo
 * database in its own data folder, and no sweep: only what the spec does posts.
 */
export interface OwnServer {
  baseURL: string;
  stop(): Promise<void>;
}

export async function startOwnServer(mode: 'start' | 'dev', extraEnv: Record<string, string>, readyWithinMs: number): Promise<OwnServer> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ailegr-own-${mode}-`));
  // next dev sets NODE_ENV itself (development); next start serves production.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV'));
  const env = {
    ...inherited,
    ...(mode === 'start' ? { NODE_ENV: 'production' } : {}),
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: '',
    AILEGR_DATA_DIR: dataDir,
    AILEGR_DEMO: 'true',
    AILEGR_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
    AILEGR_RECURRING_CRON: 'false',
    AILEGR_RECURRING_RUN_AT_STARTUP: 'false',
    // As on the suite's server (playwright.config.ts): no sweep at sign-in moving what the specs assert.
    AILEGR_RECURRING_SIGN_IN_TRIGGER: 'off',
    AILEGR_SIGN_IN_ATTEMPTS_PER_MINUTE: String(E2E_SIGN_IN_ATTEMPTS_PER_MINUTE),
    BETTER_AUTH_SECRET: 'own-server-test-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    BETTER_AUTH_URL: baseURL,
    AILEGR_LOG_LEVEL: 'warn',
    ...extraEnv,
  } as NodeJS.ProcessEnv;
  const server: ChildProcess = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), mode, '-p', String(port), '-H', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  // /api/health touches the database: a server whose start-up failed answers 500 to everything.
  const health = `${baseURL}/api/health`;
  for (const deadline = Date.now() + readyWithinMs; ; ) {
    if (server.exitCode !== null) {
      await stop();
      throw new Error(`next ${mode} exited (${server.exitCode}) before it answered:\n${output.slice(-3000)}`);
    }
    if (await fetch(health).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${health} did not answer within ${readyWithinMs} ms:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseURL, stop };
}
