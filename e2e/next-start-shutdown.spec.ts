import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type DatabaseHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf } from '@/db/sql-batch';
import { seedCompany } from '@/tests/support/fixtures';
import { freePort, hasPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '@/tests/support/postgres-server';
import { expect, test } from '@playwright/test';

// The production server itself (`next start` of the build under test), not a harness: Next handles SIGTERM on its
// own and exits, so only a real `next start` shows whether the recurring runner gets to finish its run first.
// Run `next build` first (npm run test:e2e does).

const RULES = 4000;
const DAYS_DUE = 15; // per rule: 60,000 occurrences, far more than the few seconds before SIGTERM can post

interface Backend {
  name: 'pglite' | 'postgres';
  /** A migrated, empty database and the environment that points the server at it. */
  open(): Promise<{ handle: DatabaseHandle; env: Record<string, string>; reopen(): Promise<DatabaseHandle>; dispose(): void }>;
}

const backends: Backend[] = [
  {
    name: 'pglite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-sigterm-'));
      const handle = await openPglite(dir);
      await migrateDatabase(handle);
      return { handle, env: { DATABASE_URL: '', AILEGR_DATA_DIR: dir }, reopen: () => openPglite(dir), dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    async open() {
      const server: ThrowawayPostgres = await startThrowawayPostgres();
      const handle = await openPostgres(server.url, { max: 2 });
      await migrateDatabase(handle, server.url);
      // Test-only, in this throwaway server: every batch's rule advance takes half a second, so the run is slow.
      await handle.db.execute(sql.raw(`create function test_slow_batch() returns trigger language plpgsql as $$ begin perform pg_sleep(0.5); return null; end $$`));
      await handle.db.execute(sql`create trigger test_slow_batch after update on recurring_rules for each statement execute function test_slow_batch()`);
      return { handle, env: { DATABASE_URL: server.url }, reopen: () => openPostgres(server.url, { max: 2 }), dispose: () => server.stop() };
    },
  },
];

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode}) before it answered`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

for (const backend of backends) {
  test(`SIGTERM under next start waits for the recurring runner (${backend.name}): the interrupted run is finished, its batches whole`, async () => {
    test.skip(backend.name === 'postgres' && !hasPostgresBinaries(), 'no PostgreSQL server binaries');
    test.setTimeout(240_000);
    const database = await backend.open();
    try {
      // One company and 4,000 daily rules, each 15 days behind.
      const seeded = await seedCompany(database.handle.db, 'Shutdown Co', null);
      await database.handle.db.execute(sql`
        insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, start_date, next_occurrence, next_run_at)
        select ${seeded.company.id}, 'Rule ' || g, 'expense', ${seeded.vendor.id}, ${seeded.byCode('5000')}, 1000 + g, 'daily', d, d, d::timestamp at time zone 'UTC'
        from generate_series(1, ${RULES}::int) g, (select (now() at time zone 'UTC')::date - ${DAYS_DUE - 1}::int as d) start`);
      await database.handle.close();

      const port = await freePort();
      const server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          NEXT_TELEMETRY_DISABLED: '1',
          ...database.env,
          AILEGR_DEMO: 'false',
          AILEGR_RECURRING_CRON: 'true',
          AILEGR_RECURRING_BATCH_SIZE: '50',
          AILEGR_JOB_KEY: 'sigterm-test-job-key-0123456789',
          BETTER_AUTH_SECRET: 'sigterm-test-secret-0123456789abcdefghijklmnopqrstuvwxyz',
          AILEGR_LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
      try {
        // The first answer comes as register() ends, with the runner's startup run just begun (it takes tens of
        // seconds); a few seconds later, SIGTERM lands in the middle of it.
        await waitForHealth(`http://127.0.0.1:${port}/api/health`, server, 120_000);
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        const signalledAt = Date.now();
        server.kill('SIGTERM');
        const exit = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000))]);
        expect(exit, `next start did not exit within 30 s of SIGTERM; output:\n${output.slice(-3000)}`).not.toBeNull();
        expect(exit).toEqual({ code: 143, signal: null }); // Next's own exit for SIGTERM, after ours
        expect(Date.now() - signalledAt).toBeLessThan(15_000);
      } finally {
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      }

      const after = await database.reopen();
      try {
        const query = async <T>(q: ReturnType<typeof sql>) => [...rowsOf<T>(await after.db.execute(q))];
        const [ledger] = await query<{ documents: number; advanced: number; due: number }>(sql`
          select (select count(*)::int from journal_entries where rule_id is not null) as documents,
            (select sum(occurrences_posted)::int from recurring_rules) as advanced,
            (select count(*)::int from recurring_rules where next_run_at <= now()) as due`);
        const runs = await query<{ trigger: string; finished: boolean; posted: number; errors: string | null }>(
          sql`select trigger, finished_at is not null as finished, posted, errors from recurring_runs order by id`,
        );
        // SIGTERM landed mid-sweep: some occurrences were posted, most are still due.
        expect(ledger!.documents).toBeGreaterThan(0);
        expect(ledger!.documents).toBeLessThan(RULES * DAYS_DUE);
        expect(ledger!.due).toBeGreaterThan(0);
        // The run stopped between batches and wrote its row; every batch it began is whole.
        expect(runs).toEqual([{ trigger: 'startup', finished: true, posted: ledger!.documents, errors: null }]);
        expect(ledger!.advanced).toBe(ledger!.documents);
        const logged = (msg: string) => output.indexOf(`"msg":"${msg}"`);
        expect(logged('recurring runner started')).toBeGreaterThan(-1);
        expect(logged('recurring runner stopping')).toBeGreaterThan(logged('recurring runner started'));
        expect(logged('recurring runner stopped')).toBeGreaterThan(logged('recurring runner stopping'));
      } finally {
        await after.close();
      }
    } finally {
      database.dispose();
    }
  });
}
