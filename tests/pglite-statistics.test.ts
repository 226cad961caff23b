import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql-batch';
import { analyzeGrownTables } from '@/lib/server/boot';
import { seedCompany } from './support/fixtures';
import { openTestDatabase, type TestDatabase } from './support/test-db';

// Issue 13: PGlite has no autovacuum, so nothing analyzed its tables and the planner guessed: at 50,000 documents
// the P&L ran for over ten seconds a run (docs/benchmarks.md). Boot and a ten-minute timer now analyze the tables
// that grew.
describe('statistics of the embedded database', () => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('PGlite has no autovacuum: a table that grew by more than a tenth is analyzed, and the planner then counts a company\'s rows exactly', async () => {
    handle = await openTestDatabase('pglite');
    const { db } = handle;
    const { company } = await seedCompany(db);
    const first = await analyzeGrownTables(db);
    expect(first).toContain('parties');
    expect(first).toContain('journal_entries');
    expect(first).toContain('journal_lines');
    // Nothing grew since: nothing is analyzed again.
    expect(await analyzeGrownTables(db)).toEqual([]);

    await db.execute(sql`
      insert into parties (company_id, kind, name)
      select ${company.id}, 'customer', 'Party ' || g from generate_series(1, 3000) g`);
    expect(await analyzeGrownTables(db)).toEqual(['parties']);
    const [stats] = rowsOf<{ reltuples: number }>(await db.execute(sql`select reltuples from pg_class where relname = 'parties'`));
    expect(Number(stats!.reltuples)).toBe(3002);
    const [plan] = rowsOf<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      await db.execute(sql`explain (format json) select * from parties where company_id = ${company.id}`),
    );
    expect(plan!['QUERY PLAN'][0].Plan['Plan Rows']).toBe(3002);
  });
});
