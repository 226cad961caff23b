import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ABANDONED_MESSAGE, markAbandonedRuns } from '@/lib/recurring/abandoned-runs';
import { recurringStats } from '@/lib/recurring/stats';
import { setDatabaseClock } from './support/db-clock';
import { seedCompany } from './support/fixtures';
import { exitCodeOf, killAllProcesses, startTsProcess } from './support/processes';
import { rowsFrom } from './support/sweep-expectations';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

const ABANDONED_ERRORS = JSON.stringify([{ abandoned: true, message: ABANDONED_MESSAGE }]);

describe('a run row left unfinished by a process that died', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-abandoned-'));
  afterAll(async () => {
    await killAllProcesses();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a run left unfinished by SIGKILL is closed as abandoned when the app starts again (embedded database)', async () => {
    // 400 daily rules, each 100 days behind: a startup run of 40,000 occurrences, far longer than the second before the kill.
    const seed = await openPglite(dir);
    await migrateDatabase(seed);
    const seeded = await seedCompany(seed.db, 'Killed Co', null);
    await seed.db.execute(sql`
      insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, start_date, next_occurrence, next_run_at)
      select ${seeded.company.id}, 'Rule ' || g, 'expense', ${seeded.vendor.id}, ${seeded.byCode('5000')}, 1000 + g, 'daily', d, d, d::timestamp at time zone 'UTC'
      from generate_series(1, 400) g, (select (now() at time zone 'UTC')::date - 99 as d) start`);
    await seed.close();

    const appEnv = { DATABASE_URL: '', AILEGR_DATA_DIR: dir, AILEGR_RECURRING_CRON: 'true', AILEGR_JOB_KEY: 'test-job-key-0123456789', AILEGR_DEMO: 'false', AILEGR_RECURRING_BATCH_SIZE: '20' };
    const first = startTsProcess('tests/support/app-process.ts', appEnv);
    await first.waitForLine((l) => l === 'BOOTED', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    first.child.kill('SIGKILL');
    expect(await exitCodeOf(first, 10_000)).toBeNull();

    // The next start closes it before its own runner starts; that one is stopped cleanly.
    const second = startTsProcess('tests/support/app-process.ts', { ...appEnv, AILEGR_LOG_LEVEL: 'info' });
    await second.waitForLine((l) => l === 'BOOTED', 60_000);
    second.child.kill('SIGTERM');
    expect(await exitCodeOf(second, 30_000)).toBe(0);

    const after = await openPglite(dir);
    try {
      const runs = await rowsFrom<{ id: number; trigger: string; finished: boolean; errors: string | null }>(
        after.db,
        sql`select id::int, trigger, finished_at is not null as finished, errors from recurring_runs order by id`,
      );
      // (After a crash a sequence skips the values it had logged ahead, so the second run's id is not 2.)
      expect(runs.map(({ id, ...run }) => ({ ...run, first: id === 1 }))).toEqual([
        { trigger: 'startup', finished: true, errors: ABANDONED_ERRORS, first: true },
        { trigger: 'startup', finished: true, errors: null, first: false },
      ]);
    } finally {
      await after.close();
    }
    expect(second.lines.some((l) => l.includes('"runIds":[1]') && l.includes('"msg":"closed recurring runs abandoned by a process that stopped before finishing them"'))).toBe(true);
  }, 180_000);
});

describe.each(BACKENDS)('markAbandonedRuns on %s', (backend) => {
  let h: TestDatabase | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('closes unfinished runs older than the bound (or all of them), leaves finished and recent ones, and health shows it', async () => {
    h = await openTestDatabase(backend, { clock: true });
    await setDatabaseClock(h.db, '2026-04-01T12:00:00Z');
    await h.db.execute(sql`
      insert into recurring_runs (trigger, started_at, finished_at, posted, errors) values
        ('interval', '2026-04-01T09:00:00Z', '2026-04-01T09:01:00Z', 5, null),
        ('interval', '2026-04-01T10:00:00Z', null, 0, null),
        ('cli', '2026-04-01T11:50:00Z', null, 0, null)`);
    const state = () =>
      rowsFrom<{ id: number; finished_at: string | null; errors: string | null }>(h!.db, sql`select id::int, finished_at::text, errors from recurring_runs order by id`);

    // Twenty minutes (a 10-minute budget and the margin): the run started two hours ago is abandoned; the other may live.
    expect(await markAbandonedRuns(h.db, { olderThanSeconds: 1200 })).toEqual([2]);
    const closedAt = (await state()).map((r) => (r.finished_at ? new Date(r.finished_at).toISOString() : null));
    expect(closedAt).toEqual(['2026-04-01T09:01:00.000Z', '2026-04-01T12:00:00.000Z', null]);
    expect((await state()).map((r) => r.errors)).toEqual([null, ABANDONED_ERRORS, null]);
    expect((await recurringStats(h.db)).lastRun).toMatchObject({ trigger: 'cli', finishedAt: null, abandoned: false });

    // A process alone with its database (the embedded one at start) closes every unfinished run.
    expect(await markAbandonedRuns(h.db, { olderThanSeconds: null })).toEqual([3]);
    expect((await recurringStats(h.db)).lastRun).toMatchObject({ trigger: 'cli', finishedAt: '2026-04-01T12:00:00.000Z', abandoned: true });
    expect(await markAbandonedRuns(h.db, { olderThanSeconds: null })).toEqual([]);
  });
});
