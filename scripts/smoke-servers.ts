// CI's smoke step (scripts/test-all.sh): `npm run smoke:recurring` against a freshly started production server
// (`next start` on the build the browser tests made), once over the embedded PGlite and once over a throwaway
// PostgreSQL (tests/support/postgres-server.ts). `AILEGR_SMOKE_SERVER=api-server` serves the routes with
// tests/support/api-server.ts instead, to try the step without a build. Exits with the first failure's code.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startThrowawayPostgres } from '../tests/support/postgres-server';

const PASSWORD = 'smoke-only-demo-password-0123';
const SERVER = process.env.AILEGR_SMOKE_SERVER ?? 'next';

function started(child: ChildProcess, url: string, timeoutMs = 120_000): Promise<void> {
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

async function smokeAgainst(backend: 'pglite' | 'postgres'): Promise<number> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-smoke-'));
  const pg = backend === 'postgres' ? await startThrowawayPostgres() : null;
  const env = {
    ...process.env,
    AILEGR_DATA_DIR: dataDir,
    DATABASE_URL: pg?.url ?? '',
    AILEGR_DEMO: 'true',
    AILEGR_DEMO_PASSWORD: PASSWORD,
    AILEGR_RECURRING_CRON: 'false',
    BETTER_AUTH_SECRET: 'smoke-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    BETTER_AUTH_URL: url,
    NEXT_TELEMETRY_DISABLED: '1',
    API_SERVER_PORT: String(port),
    AILEGR_LOG_LEVEL: 'warn',
  };
  // The binaries themselves, not npx: SIGTERM must reach the server, not a wrapper.
  const server =
    SERVER === 'api-server'
      ? spawn(process.execPath, ['--import', 'tsx', 'tests/support/api-server.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
      : spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await started(server, `${url}/api/health`);
    console.log(`== smoke:recurring on ${backend} (${SERVER})`);
    const smoke = spawn(process.execPath, ['--import', 'tsx', 'scripts/smoke-recurring.ts', ...process.argv.slice(2)], {
      env: { ...process.env, AILEGR_SMOKE_URL: url, AILEGR_DEMO_PASSWORD: PASSWORD },
      stdio: 'inherit',
    });
    return await new Promise<number>((resolve) => smoke.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await stopped(server);
    pg?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

let exitCode = 0;
for (const backend of ['pglite', 'postgres'] as const) {
  const code = await smokeAgainst(backend);
  if (code !== 0 && exitCode === 0) exitCode = code;
}
process.exit(exitCode);
