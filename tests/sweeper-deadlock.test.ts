import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { installDatabaseClock, setDatabaseClock } from './support/db-clock';
import { seedCompany } from './support/fixtures';
import { hasPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from './support/postgres-server';
import { killAllProcesses, startSweeper, type SweeperResult } from './support/processes';
import { recordExpectations, SEED_COMPANIES, verifyExpectations } from './support/sweep-expectations';
import { withDatabase } from './support/global-setup';

// Sweeper deadlocks across statements: a batch of more than MAX_DOCUMENTS_PER_STATEMENT postings writes its documents
// in several statements, each locking the document counters of its own chunk. Unless every counter of the batch is
// locked once, in key order, before the first chunk, two sweepers whose batches cover the same companies in another
// order deadlock. PostgreSQL then aborts one transaction ("deadlock detected" in its log) and the sweep retries that
// batch rule by rule. This test runs its own PostgreSQL so that the log it reads is its own.

process.env.AILEGR_LOG_LEVEL ??= 'silent';

const TEMPLATE = 'ailegr_deadlock_template';
const COMPANIES = [
  ['Lock NY', 'America/New_York'],
  ['Lock Paris', 'Europe/Paris'],
  ['Lock UTC', null],
  ['Lock Tokyo', 'Asia/Tokyo'],
  ['Lock Santiago', 'America/Santiago'],
  ['Lock Sydney', 'Australia/Sydney'],
] as const;
const NO_FAULTS = { missing: 0, extra: 0, duplicates: 0, skipsMissing: 0, skipsExtra: 0, wrongDocuments: 0, unbalanced: 0, wrongLines: 0, numbersBroken: 0, rulesWrong: 0 };

/** Rounds, each on a fresh database: every round's start is a new race between the sweepers' first batches. */
const ROUNDS = 2;

describe.skipIf(!hasPostgresBinaries())('sweeper deadlocks across statements (a PostgreSQL of its own, 4 sweeper processes)', () => {
  let server: ThrowawayPostgres | undefined;
  beforeAll(async () => {
    server = await startThrowawayPostgres();
    const admin = await openPostgres(server.url, { max: 1 });
    await admin.db.execute(sql.raw(`create database ${TEMPLATE}`));
    await admin.close();
    const templateUrl = withDatabase(server.url, TEMPLATE);
    const template = await openPostgres(templateUrl, { max: 1 });
    await migrateDatabase(template, templateUrl);
    await template.close();
  }, 180_000);
  afterAll(async () => {
    await killAllProcesses();
    server?.stop();
  });

  it(`companies 30 days behind, batches of more than 2,000 postings, ${ROUNDS} rounds: no deadlock in the PostgreSQL log, every occurrence posted once`, async () => {
    const deadlocks: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const name = `ailegr_deadlock_${round}`;
      const admin = await openPostgres(server!.url, { max: 1 });
      await admin.db.execute(sql.raw(`create database ${name} template ${TEMPLATE}`));
      await admin.close();
      const url = withDatabase(server!.url, name);
      const handle = await openPostgres(url, { max: 2 });
      try {
        const db = handle.db;
        await installDatabaseClock(db, name);
        await setDatabaseClock(db, '2026-06-15T12:00:00Z');
        for (const [company, zone] of COMPANIES) await seedCompany(db, company, zone);
        // 200 daily rules per company, 30 occurrences due each (catch-up: all), invoices and expenses mixed. A
        // batch of 300 rules (50 per company) has 9,000 postings: five document statements, each covering other
        // companies, in an order that depends on where each sweeper's company queue starts.
        await db.execute(sql`
          insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, start_date,
            due_days, catch_up, next_occurrence, next_run_at)
          select c.company_id, 'Rule ' || g, (case when g % 2 = 0 then 'invoice' else 'expense' end)::rule_type,
            case when g % 2 = 0 then c.customer else c.vendor end, case when g % 2 = 0 then c.revenue else c.expense end,
            100 + g, 'daily', c.today - 29, 0, 'all', c.today - 29, (c.today - 29)::timestamp at time zone c.zone
          from (${SEED_COMPANIES}) c cross join generate_series(1, 200) g`);
        expect(await recordExpectations(db)).toEqual({ posted: 36_000, skipped: 0 });
        const logBefore = fs.readFileSync(server!.logPath, 'utf8').length;

        const sweepers = Array.from({ length: 4 }, () => startSweeper(url, { SWEEP_BATCH_SIZE: '300' }));
        await Promise.all(sweepers.map((s) => s.ready()));
        for (const s of sweepers) s.go();
        const results: SweeperResult[] = await Promise.all(sweepers.map((s) => s.result(240_000)));

        const log = fs.readFileSync(server!.logPath, 'utf8').slice(logBefore);
        deadlocks.push(...log.split('\n').filter((line) => line.includes('deadlock detected')).map((line) => `round ${round}: ${line}`));
        expect(await verifyExpectations(db)).toEqual({ posted: 36_000, skipped: 0, ...NO_FAULTS });
        expect(results.reduce((sum, r) => sum + r.posted, 0)).toBe(36_000);
        expect(results.map((r) => r.failures)).toEqual([0, 0, 0, 0]);
      } finally {
        await handle.close();
      }
    }
    expect(deadlocks).toEqual([]);
  }, 600_000);
});
