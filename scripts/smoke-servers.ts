// CI's smoke step (scripts/test-all.sh): `npm run smoke:recurring` against a freshly started production server
// (`next start` on the build the browser tests made), once over the embedded PGlite and once over a throwaway
// PostgreSQL (tests/support/postgres-server.ts). Arguments go to the smoke (CI passes `--strict-balance`).
// `AILEGR_SMOKE_SERVER=api-server` serves the routes with tests/support/api-server.ts instead, to try the step
// without a build. Exits with the first failure's code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startThrowawayPostgres } from '../tests/support/postgres-server';
import { startAppServer, type AppServerKind } from './support/app-server';

const PASSWORD = 'smoke-only-demo-password-0123';
const SERVER: AppServerKind = process.env.AILEGR_SMOKE_SERVER === 'api-server' ? 'api-server' : 'next';

async function smokeAgainst(backend: 'pglite' | 'postgres'): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-smoke-'));
  const pg = backend === 'postgres' ? await startThrowawayPostgres() : null;
  try {
    const server = await startAppServer(SERVER, await freePort(), {
      AILEGR_DATA_DIR: dataDir,
      DATABASE_URL: pg?.url ?? '',
      AILEGR_DEMO: 'true',
      AILEGR_DEMO_PASSWORD: PASSWORD,
      AILEGR_RECURRING_CRON: 'false',
      BETTER_AUTH_SECRET: 'smoke-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      AILEGR_LOG_LEVEL: 'warn',
    });
    try {
      console.log(`== smoke:recurring on ${backend} (${SERVER})`);
      const smoke = spawn(process.execPath, ['--import', 'tsx', 'scripts/smoke-recurring.ts', ...process.argv.slice(2)], {
        env: { ...process.env, AILEGR_SMOKE_URL: server.url, AILEGR_DEMO_PASSWORD: PASSWORD },
        stdio: 'inherit',
      });
      return await new Promise<number>((resolve) => smoke.once('exit', (code) => resolve(code ?? 1)));
    } finally {
      await server.stop();
    }
  } finally {
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
