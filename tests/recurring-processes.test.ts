import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startOfLocalDay } from '@/lib/dates/local-day';
import { openPostgres } from '@/db/client';
import { sqlArray } from '@/db/sql-batch';
import { createRule, deleteRule, getRuleOrThrow } from '@/lib/recurring/rules';
import { MAX_RULES_PER_COMPANY_PER_BATCH } from '@/lib/recurring/company-queue';
import { runDueRules } from '@/lib/recurring/sweep';
import { setDatabaseClock } from './support/db-clock';
import { ledgerRowCounts, seedCompany } from './support/fixtures';
import { exitCodeOf, killAllProcesses, startSweeper, startTsProcess, type SweeperResult } from './support/processes';
import { postedBy, postedDates, ruleFor, skippedOf } from './support/recurring-fixtures';
import { countOf, recordExpectations, rowsFrom, SEED_COMPANIES, verifyExpectations } from './support/sweep-expectations';
import { HAS_POSTGRES, openTestDatabase, type TestDatabase } from './support/test-db';

// The sweep's exactly-once, crash, downtime, DST and runner claims, on real PostgreSQL with sweepers in separate OS
// processes (tests/support/sweeper-process.ts, tests/support/app-process.ts). PGlite has one connection per
// process, so none of this can be shown there.

// The fault test makes batches fail on purpose; their warnings would bury the test output.
process.env.AILEGR_LOG_LEVEL ??= 'silent';

if (!HAS_POSTGRES) {
  console.warn(
    '\n!! SKIPPED tests/recurring-processes.test.ts: concurrent sweepers, kill -9, downtime, DST and the runner need PostgreSQL ' +
      '(no TEST_DATABASE_URL/DATABASE_URL and no server binaries).\n',
  );
}

const NO_FAULTS = { missing: 0, extra: 0, duplicates: 0, skipsMissing: 0, skipsExtra: 0, wrongDocuments: 0, unbalanced: 0, wrongLines: 0, numbersBroken: 0, rulesWrong: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const iso = (v: unknown) => new Date(v as string).toISOString();

/** Runs the sweep in this process until a pass claims nothing (bounded). */
async function sweepUntilIdle(h: TestDatabase, batchSize?: number) {
  let posted = 0;
  for (let pass = 0; pass < 20; pass++) {
    const s = await runDueRules(h.db, { trigger: 'manual', batchSize });
    posted += s.posted;
    if (s.rules === 0) return posted;
  }
  throw new Error('the sweep did not go idle in 20 passes');
}

describe.skipIf(!HAS_POSTGRES)('the sweep on PostgreSQL, across OS processes', () => {
  let h: TestDatabase | undefined;
  afterEach(async () => {
    await killAllProcesses();
    await h?.close();
    h = undefined;
  });
  afterAll(async () => {
    await killAllProcesses();
  });

  it('4 sweeper processes over 100,000 due occurrences post each exactly once, balanced, and advance every rule', async () => {
    h = await openTestDatabase('postgres', { clock: true });
    // 15:00 UTC: 10:00 in New York, 15:00 in London, already 00:00 tomorrow in Tokyo, 12:00 in Santiago.
    await setDatabaseClock(h.db, '2026-03-20T15:00:00Z');
    for (const [name, zone] of [['New York Co', 'America/New_York'], ['London Co', 'Europe/London'], ['Tokyo Co', 'Asia/Tokyo'], ['UTC Co', null], ['Santiago Co', 'America/Santiago']] as const) {
      await seedCompany(h.db, name, zone);
    }
    // 2,000 rules per company, 10 due occurrences each: 70% daily, 10% every 2 days, 10% weekly, 10% monthly.
    await h.db.execute(sql`
      insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, start_date,
        interval_days, weekday, day_of_month, due_days, catch_up, next_occurrence, next_run_at)
      select c.company_id, 'Rule ' || g, (case when g % 2 = 0 then 'invoice' else 'expense' end)::rule_type,
        case when g % 2 = 0 then c.customer else c.vendor end, case when g % 2 = 0 then c.revenue else c.expense end,
        100 + g, s.cadence::cadence, s.start_date, s.interval_days, s.weekday, s.day_of_month, (g % 3) * 15, 'all',
        s.next_occurrence, s.next_occurrence::timestamp at time zone c.zone
      from (${SEED_COMPANIES}) c
      cross join generate_series(1, 2000) g
      cross join lateral (select
        case when g % 10 < 7 then 'daily' when g % 10 = 7 then 'daily' when g % 10 = 8 then 'weekly' else 'monthly' end as cadence,
        case when g % 10 < 7 then c.today - 9 - g % 50 when g % 10 = 7 then c.today - 19 - 2 * (g % 3)
          when g % 10 = 8 then c.today - 63 - 7 * (g % 5) else (c.today - (9 + g % 3) * interval '1 month')::date end as start_date,
        case when g % 10 = 7 then 2 end::smallint as interval_days,
        case when g % 10 = 8 then extract(dow from c.today) end::smallint as weekday,
        case when g % 10 = 9 then extract(day from c.today) end::smallint as day_of_month,
        case when g % 10 < 7 then c.today - 9 when g % 10 = 7 then c.today - 19
          when g % 10 = 8 then c.today - 63 else (c.today - interval '9 months')::date end as next_occurrence) s`);
    expect(await recordExpectations(h.db)).toEqual({ posted: 100_000, skipped: 0 });

    const sweepers = Array.from({ length: 4 }, () => startSweeper(h!.url!, { SWEEP_BATCH_SIZE: '250' }));
    await Promise.all(sweepers.map((s) => s.ready()));
    for (const s of sweepers) s.go();
    const results: SweeperResult[] = await Promise.all(sweepers.map((s) => s.result(150_000)));

    expect(await verifyExpectations(h.db)).toEqual({ posted: 100_000, skipped: 0, ...NO_FAULTS });
    expect(results.reduce((sum, r) => sum + r.posted, 0)).toBe(100_000);
    expect(results.map((r) => ({ duplicates: r.duplicates, failures: r.failures }))).toEqual(Array(4).fill({ duplicates: 0, failures: 0 }));
    // The work was shared: every process posted a part of it, and together they claimed each rule once.
    for (const r of results) expect(r.posted).toBeGreaterThan(0);
    expect(results.reduce((sum, r) => sum + r.rules, 0)).toBe(10_000);
  }, 180_000);

  it('sweepers killed with SIGKILL at random moments for 12 rounds, then restarted, give exact counts and balanced books', async () => {
    h = await openTestDatabase('postgres', { clock: true });
    await setDatabaseClock(h.db, '2026-05-12T14:00:00Z');
    for (const [name, zone] of [['Kill NY', 'America/New_York'], ['Kill Berlin', 'Europe/Berlin'], ['Kill UTC', null]] as const) await seedCompany(h.db, name, zone);
    // 1,000 daily rules per company, 8 occurrences due each; 10% catch up the latest only, 10% none.
    await h.db.execute(sql`
      insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, start_date,
        due_days, catch_up, next_occurrence, next_run_at)
      select c.company_id, 'Rule ' || g, (case when g % 2 = 0 then 'invoice' else 'expense' end)::rule_type,
        case when g % 2 = 0 then c.customer else c.vendor end, case when g % 2 = 0 then c.revenue else c.expense end,
        500 + g, 'daily', c.today - 7 - g % 30, g % 5,
        (case g % 10 when 8 then 'latest' when 9 then 'none' else 'all' end)::catch_up_policy,
        c.today - 7, (c.today - 7)::timestamp at time zone c.zone
      from (${SEED_COMPANIES}) c cross join generate_series(1, 1000) g`);
    const expected = await recordExpectations(h.db);
    expect(expected).toEqual({ posted: 2400 * 8 + 600, skipped: 600 * 7 });
    const total = expected.posted + expected.skipped;
    const rollbacks = () => countOf(h!.db, sql`select xact_rollback from pg_stat_database where datname = current_database()`);
    const rollbacksBefore = await rollbacks();

    const decided = () => countOf(h!.db, sql`select (select count(*) from journal_entries) + (select count(*) from recurring_events where outcome = 'skipped')`);
    const decidedAfterRound: number[] = [];
    for (let round = 0; round < 12; round++) {
      const sweepers = Array.from({ length: 3 }, () => startSweeper(h!.url!, { SWEEP_BATCH_SIZE: '40' }));
      await Promise.all(sweepers.map((s) => s.ready()));
      const before = await decided();
      for (const s of sweepers) s.go();
      // Kill once this round has committed a batch (so each round lands mid-work however slow the machine is), at a
      // random moment after it: usually inside the next batches' transactions.
      for (const deadline = Date.now() + 30_000; (await decided()) === before && Date.now() < deadline; ) await sleep(5);
      await sleep(Math.floor(Math.random() * 150));
      for (const s of sweepers) s.process.child.kill('SIGKILL');
      expect(await Promise.all(sweepers.map((s) => exitCodeOf(s.process, 10_000)))).toEqual([null, null, null]);
      decidedAfterRound.push(await decided());
    }
    // The kills landed mid-work: something was decided, not everything, and killed transactions were rolled back.
    const afterKills = decidedAfterRound.at(-1)!;
    expect(afterKills).toBeGreaterThan(0);
    expect(afterKills).toBeLessThan(total);
    let rolledBack = 0;
    for (let i = 0; i < 50 && rolledBack === 0; i++) {
      rolledBack = (await rollbacks()) - rollbacksBefore;
      if (rolledBack === 0) await sleep(100);
    }
    expect(rolledBack).toBeGreaterThan(0);
    expect(await countOf(h.db, sql`select count(*) from recurring_runs where finished_at is null`)).toBeGreaterThan(0);

    const restarted = [startSweeper(h.url!), startSweeper(h.url!)];
    await Promise.all(restarted.map((s) => s.ready()));
    for (const s of restarted) s.go();
    const results = await Promise.all(restarted.map((s) => s.result(120_000)));
    expect(results.reduce((sum, r) => sum + r.failures, 0)).toBe(0);
    expect(await verifyExpectations(h.db)).toEqual({ ...expected, ...NO_FAULTS });
    console.log(`kill -9 rounds: documents + skips decided after each round ${decidedAfterRound.join(', ')} of ${total}; ${rolledBack} transactions rolled back`);
  }, 180_000);

  it('a fault between the document insert and the rule advance rolls the batch back; its rules are retried one by one', async () => {
    h = await openTestDatabase('postgres', { clock: true });
    await setDatabaseClock(h.db, '2026-06-10T12:00:00Z');
    const seeded = await seedCompany(h.db, 'Fault Co', null);
    const rules = [];
    for (let i = 1; i <= 6; i++) rules.push(await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: `daily ${i}`, cadence: 'daily', startDate: '2026-06-06' })));
    const [, , stuck, recovers] = rules.map((r) => r.id) as [number, number, number, number];
    // Test-only, in this database: the advance of a flagged rule raises, after its documents were inserted.
    await h.db.execute(sql`create table test_fault (rule_id bigint primary key)`);
    await h.db.execute(sql.raw(`
      create function test_fail_advance() returns trigger language plpgsql as $$
      begin
        if new.consecutive_failures = 0 and exists (select 1 from test_fault f where f.rule_id = new.id) then
          raise exception 'injected fault advancing rule %', new.id;
        end if;
        return new;
      end $$`));
    await h.db.execute(sql`create trigger test_fail_advance before update on recurring_rules for each row execute function test_fail_advance()`);
    await h.db.execute(sql`insert into test_fault values (${stuck}), (${recovers})`);

    const first = await runDueRules(h.db, { trigger: 'manual', batchSize: 50 });
    const internal = 'Posting failed with an internal error; it has been logged and will be retried';
    expect(first).toMatchObject({ rules: 6, posted: 20, skipped: 0, duplicates: 0, failures: 2 });
    expect(first.errors).toEqual([
      { ruleId: stuck, companyId: seeded.company.id, message: internal, pausedRule: false },
      { ruleId: recovers, companyId: seeded.company.id, message: internal, pausedRule: false },
    ]);
    // The batch inserted 30 documents (ids 1–30) and rolled back; then each rule ran in a transaction of its own
    // (5 ids each, those of the two faulty rules rolled back again): one transaction id per posted rule.
    const docs = await rowsFrom<{ id: number | string; rule_id: number | string; xid: string; number: string }>(
      h.db,
      sql`select id, rule_id, xmin::text as xid, number from journal_entries order by id`,
    );
    expect(docs.map((d) => Number(d.id))).toEqual([...range(31, 40), ...range(51, 60)]);
    expect(new Set(docs.map((d) => d.xid)).size).toBe(4);
    expect(docs.map((d) => d.number)).toEqual(range(1, 20).map((n) => `BILL-${String(n).padStart(6, '0')}`));
    expect(await postedDates(h.db, seeded.company.id, stuck)).toEqual([]);
    const stuckRule = await getRuleOrThrow(h.db, seeded.company.id, stuck);
    expect(stuckRule).toMatchObject({ status: 'active', nextOccurrence: '2026-06-06', occurrencesPosted: 0, lastOccurrence: null, consecutiveFailures: 1, lastError: internal });
    expect(stuckRule.nextRunAt?.toISOString()).toBe('2026-06-10T12:01:00.000Z');

    // One rule recovers once the fault is gone; the other fails twice more and pauses itself.
    await h.db.execute(sql`delete from test_fault where rule_id = ${recovers}`);
    await setDatabaseClock(h.db, '2026-06-10T12:01:00Z');
    const second = await runDueRules(h.db, { trigger: 'manual' });
    expect(second).toMatchObject({ rules: 2, posted: 5, failures: 1 });
    expect(await postedDates(h.db, seeded.company.id, recovers)).toEqual(['2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09', '2026-06-10']);
    expect(await getRuleOrThrow(h.db, seeded.company.id, recovers)).toMatchObject({ consecutiveFailures: 0, lastError: null, nextOccurrence: '2026-06-11' });
    await setDatabaseClock(h.db, '2026-06-10T12:02:00Z');
    const third = await runDueRules(h.db, { trigger: 'manual' });
    expect(third.errors).toEqual([{ ruleId: stuck, companyId: seeded.company.id, message: internal, pausedRule: true }]);
    expect(await getRuleOrThrow(h.db, seeded.company.id, stuck)).toMatchObject({
      status: 'paused',
      statusReason: `Paused after 3 failed attempts: ${internal}`,
      nextRunAt: null,
      consecutiveFailures: 3,
      occurrencesPosted: 0,
    });
    expect(await postedDates(h.db, seeded.company.id, stuck)).toEqual([]);
    const events = await rowsFrom<{ outcome: string }>(h.db, sql`select outcome from recurring_events where rule_id = ${stuck} order by id`);
    expect(events.map((e) => e.outcome)).toEqual(['failed', 'failed', 'failed', 'paused_after_failures']);
  }, 60_000);

  it('an unlocked failure write in the rule-by-rule retry', async () => {
    // The retry of a failed batch fails again for one rule, and the rule is deleted before that failure is written.
    // The failure must be written under the rule's lock and decided on its current state: a deleted rule stays
    // deleted and records nothing (unlocked, its third failure set it 'paused' with deleted_at set, which the
    // recurring_rules_deleted check refuses, and the run crashed). Made deterministic with locks: the retry waits
    // on an advisory lock the test holds until the deletion waits on the retry's row lock.
    h = await openTestDatabase('postgres', { clock: true });
    await setDatabaseClock(h.db, '2026-06-10T12:00:00Z');
    const seeded = await seedCompany(h.db, 'Deleted Co', null);
    const victim = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'victim', cadence: 'daily', startDate: '2026-06-10' }));
    const other = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'other', cadence: 'daily', startDate: '2026-06-10' }));
    await h.db.execute(sql`update recurring_rules set consecutive_failures = 2 where id = ${victim.id}`); // two failures before
    // Test-only, in this database: posting the victim always fails; the second attempt (the isolated retry) first
    // waits for advisory lock 4242. A sequence counts attempts across rollbacks.
    await h.db.execute(sql`create sequence test_attempt`);
    await h.db.execute(sql.raw(`
      create function test_fail_posting() returns trigger language plpgsql as $$
      begin
        if new.rule_id = ${victim.id} then
          if nextval('test_attempt') > 1 then perform pg_advisory_xact_lock_shared(4242); end if;
          raise exception 'injected fault posting rule %', new.rule_id;
        end if;
        return new;
      end $$`));
    await h.db.execute(sql`create trigger test_fail_posting before insert on journal_entries for each row execute function test_fail_posting()`);

    const gate = await openPostgres(h.url!, { max: 1 });
    const deleter = await openPostgres(h.url!, { max: 1 });
    try {
      await gate.db.execute(sql`select pg_advisory_lock(4242)`);
      const sweeper = startSweeper(h.url!, { SWEEP_MAX_PASSES: '1' });
      await sweeper.ready();
      sweeper.go();
      // Backends waiting for a lock of this kind (advisory: the retry at the gate; transactionid/tuple: the deletion).
      const waitingOn = (events: string[]) =>
        countOf(h!.db, sql`select count(*) from pg_stat_activity where wait_event_type = 'Lock' and wait_event = any(${sqlArray(events, 'text')})`);
      for (let i = 0; i < 600 && (await waitingOn(['advisory'])) === 0; i++) await sleep(50);
      expect(await waitingOn(['advisory'])).toBe(1);
      // The retry holds the victim's row lock and waits at the gate; the deletion queues behind the retry.
      const deletion = deleteRule(deleter.db, seeded.company.id, victim.id);
      for (let i = 0; i < 600 && (await waitingOn(['transactionid', 'tuple'])) === 0; i++) await sleep(50);
      expect(await waitingOn(['transactionid', 'tuple'])).toBe(1);
      await gate.db.execute(sql`select pg_advisory_unlock(4242)`);
      await deletion;
      const result = await sweeper.result(60_000);
      expect(result).toMatchObject({ rules: 2, posted: 1, failures: 1 });
    } finally {
      await gate.close();
      await deleter.close();
    }
    expect(await getRuleOrThrow(h.db, seeded.company.id, other.id)).toMatchObject({ status: 'active', nextOccurrence: '2026-06-11', consecutiveFailures: 0 });
    const [row] = await rowsFrom<{ status: string; deleted: boolean; next_run_at: string | null; consecutive_failures: number }>(
      h.db,
      sql`select status, deleted_at is not null as deleted, next_run_at, consecutive_failures from recurring_rules where id = ${victim.id}`,
    );
    expect(row).toEqual({ status: 'deleted', deleted: true, next_run_at: null, consecutive_failures: 2 });
    expect(await countOf(h.db, sql`select count(*) from recurring_events where rule_id = ${victim.id}`)).toBe(0);
  }, 90_000);

  it('after a 30-day outage the CLI posts every missed occurrence (all), one (latest) or none (none), skips recorded; clock jumps', async () => {
    h = await openTestDatabase('postgres', { clock: true });
    await setDatabaseClock(h.db, '2026-01-01T17:00:00Z'); // 12:00 in New York, Thursday 1 January
    const seeded = await seedCompany(h.db, 'Outage Co', 'America/New_York');
    const make = (name: string, overrides: Record<string, unknown>) => createRule(h!.db, seeded.company.id, ruleFor(seeded, { name, startDate: '2026-01-01', ...overrides }));
    const daily = { all: await make('daily all', { cadence: 'daily', catchUp: 'all' }), latest: await make('daily latest', { cadence: 'daily', catchUp: 'latest' }), none: await make('daily none', { cadence: 'daily', catchUp: 'none' }) };
    const weekly = {
      all: await make('weekly all', { cadence: 'weekly', weekday: 4, catchUp: 'all' }),
      latest: await make('weekly latest', { cadence: 'weekly', weekday: 4, catchUp: 'latest' }),
      none: await make('weekly none', { cadence: 'weekly', weekday: 4, catchUp: 'none' }),
    };
    expect(await runDueRules(h.db, { trigger: 'manual' })).toMatchObject({ rules: 6, posted: 6, skipped: 0 });

    // Down from 1 January 12:00 to 31 January 12:00 (a Saturday): the CLI, in its own process, catches up.
    await setDatabaseClock(h.db, '2026-01-31T17:00:00Z');
    const cli = startTsProcess('scripts/recurring-run.ts', { DATABASE_URL: h.url }, ['--json']);
    expect(await exitCodeOf(cli, 60_000)).toBe(0);
    const summary = JSON.parse(cli.lines.slice(cli.lines.indexOf('{')).join('\n')) as { posted: number; skipped: number; failures: number; rules: number };
    expect(summary).toMatchObject({ rules: 6, posted: 30 + 1 + 1 + 4 + 1 + 0, skipped: 29 + 29 + 3 + 4, failures: 0 });

    const january = (from: number, to: number) => range(from, to).map((d) => `2026-01-${String(d).padStart(2, '0')}`);
    const id = seeded.company.id;
    expect(await postedDates(h.db, id, daily.all.id)).toEqual(january(1, 31));
    expect((await postedBy(h.db, id, daily.all.id)).every((d) => d.issueDate === d.occurrenceDate)).toBe(true);
    expect(await postedDates(h.db, id, daily.latest.id)).toEqual(['2026-01-01', '2026-01-31']);
    expect(await skippedOf(h.db, daily.latest.id)).toEqual(january(2, 30).map((d) => `${d}:catch_up_latest`));
    expect(await postedDates(h.db, id, daily.none.id)).toEqual(['2026-01-01', '2026-01-31']);
    expect(await skippedOf(h.db, daily.none.id)).toEqual(january(2, 30).map((d) => `${d}:catch_up_none`));
    expect(await postedDates(h.db, id, weekly.all.id)).toEqual(['2026-01-01', '2026-01-08', '2026-01-15', '2026-01-22', '2026-01-29']);
    expect(await skippedOf(h.db, weekly.all.id)).toEqual([]);
    expect(await postedDates(h.db, id, weekly.latest.id)).toEqual(['2026-01-01', '2026-01-29']);
    expect(await skippedOf(h.db, weekly.latest.id)).toEqual(['2026-01-08:catch_up_latest', '2026-01-15:catch_up_latest', '2026-01-22:catch_up_latest']);
    expect(await postedDates(h.db, id, weekly.none.id)).toEqual(['2026-01-01']);
    expect(await skippedOf(h.db, weekly.none.id)).toEqual(['2026-01-08:catch_up_none', '2026-01-15:catch_up_none', '2026-01-22:catch_up_none', '2026-01-29:catch_up_none']);

    // A forward jump of the clock posts the days in between.
    await setDatabaseClock(h.db, '2026-02-03T17:00:00Z');
    expect(await runDueRules(h.db, { trigger: 'manual' })).toMatchObject({ rules: 3, posted: 3 + 1 + 1, skipped: 2 + 2 });
    expect((await postedDates(h.db, id, daily.all.id)).slice(-4)).toEqual(['2026-01-31', '2026-02-01', '2026-02-02', '2026-02-03']);
    expect((await postedDates(h.db, id, daily.latest.id)).slice(-1)).toEqual(['2026-02-03']);

    // A backward jump posts nothing and changes nothing; back to the present, still nothing twice.
    const before = await ledgerRowCounts(h.db);
    await setDatabaseClock(h.db, '2026-01-20T17:00:00Z');
    expect(await runDueRules(h.db, { trigger: 'manual' })).toMatchObject({ rules: 0, posted: 0, skipped: 0 });
    await setDatabaseClock(h.db, '2026-02-03T23:00:00Z');
    expect(await runDueRules(h.db, { trigger: 'manual' })).toMatchObject({ rules: 0, posted: 0 });
    expect(await ledgerRowCounts(h.db)).toEqual(before);
    expect(await getRuleOrThrow(h.db, id, daily.all.id)).toMatchObject({ nextOccurrence: '2026-02-04' });
    await setDatabaseClock(h.db, '2026-02-04T05:00:00Z'); // 00:00 in New York
    expect(await runDueRules(h.db, { trigger: 'manual' })).toMatchObject({ rules: 3, posted: 3, skipped: 0 });
    expect((await postedDates(h.db, id, daily.all.id)).slice(-2)).toEqual(['2026-02-03', '2026-02-04']);
  }, 90_000);

  it('across the DST changes of New York, London and Santiago a daily rule posts once per local date, at that day’s start', async () => {
    h = await openTestDatabase('postgres', { clock: true });
    // Each window: the days around a transition, swept every 30 minutes from 2 hours before the first day starts
    // to 30 minutes before the day after the last one starts. Expected: each day posts at the sweep at its start.
    const windows = [
      { zone: 'America/New_York', days: { '2026-03-07': '2026-03-07T05:00:00.000Z', '2026-03-08': '2026-03-08T05:00:00.000Z', '2026-03-09': '2026-03-09T04:00:00.000Z' }, end: '2026-03-10T03:30:00Z' },
      { zone: 'America/New_York', days: { '2026-10-31': '2026-10-31T04:00:00.000Z', '2026-11-01': '2026-11-01T04:00:00.000Z', '2026-11-02': '2026-11-02T05:00:00.000Z' }, end: '2026-11-03T04:30:00Z' },
      { zone: 'Europe/London', days: { '2026-03-28': '2026-03-28T00:00:00.000Z', '2026-03-29': '2026-03-29T00:00:00.000Z', '2026-03-30': '2026-03-29T23:00:00.000Z' }, end: '2026-03-30T22:30:00Z' },
      { zone: 'Europe/London', days: { '2026-10-24': '2026-10-23T23:00:00.000Z', '2026-10-25': '2026-10-24T23:00:00.000Z', '2026-10-26': '2026-10-26T00:00:00.000Z' }, end: '2026-10-26T23:30:00Z' },
      // Santiago: 4 April lasts 25 hours (23:00–24:00 happens twice); 6 September starts at 01:00 (midnight skipped).
      { zone: 'America/Santiago', days: { '2026-04-04': '2026-04-04T03:00:00.000Z', '2026-04-05': '2026-04-05T04:00:00.000Z', '2026-04-06': '2026-04-06T04:00:00.000Z' }, end: '2026-04-07T03:30:00Z' },
      { zone: 'America/Santiago', days: { '2026-09-05': '2026-09-05T04:00:00.000Z', '2026-09-06': '2026-09-06T04:00:00.000Z', '2026-09-07': '2026-09-07T03:00:00.000Z' }, end: '2026-09-08T02:30:00Z' },
    ];
    await setDatabaseClock(h.db, '2026-01-01T00:00:00Z');
    const companies = new Map<string, Awaited<ReturnType<typeof seedCompany>>>();
    for (const zone of ['America/New_York', 'Europe/London', 'America/Santiago']) companies.set(zone, await seedCompany(h.db, `DST ${zone}`, zone));
    let lastId = 0;
    for (const w of windows) {
      const dates = Object.keys(w.days);
      const seeded = companies.get(w.zone)!;
      // The rule's instants are the engine's (startOfLocalDay); the expectations above are written out by hand.
      expect(dates.map((d) => startOfLocalDay(d, w.zone).toISOString())).toEqual(Object.values(w.days));
      const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: `daily ${dates[0]}`, cadence: 'daily', startDate: dates[0], endDate: dates.at(-1) }));
      const postedAt = new Map<string, string>();
      const start = Date.parse(Object.values(w.days)[0]!) - 2 * 3_600_000;
      for (let t = start, steps = 0; t <= Date.parse(w.end); t += 30 * 60_000, steps++) {
        if (steps > 200) throw new Error('runaway clock loop');
        const instant = new Date(t).toISOString();
        await setDatabaseClock(h.db, instant);
        await runDueRules(h.db, { trigger: 'manual', companyId: seeded.company.id });
        for (const row of await rowsFrom<{ id: number | string; occurrence_date: string }>(h.db, sql`select id, occurrence_date::text from journal_entries where id > ${lastId} order by id`)) {
          expect(postedAt.has(row.occurrence_date)).toBe(false);
          postedAt.set(row.occurrence_date, instant);
          lastId = Math.max(lastId, Number(row.id));
        }
      }
      expect(await postedDates(h.db, seeded.company.id, rule.id)).toEqual(dates);
      expect(Object.fromEntries(postedAt)).toEqual(w.days);
      expect(await getRuleOrThrow(h.db, seeded.company.id, rule.id)).toMatchObject({ status: 'ended', occurrencesPosted: 3 });
    }
  }, 90_000);

  it('one company with thousands of due rules gets the same share per batch as the others, not the whole pass', async () => {
    h = await openTestDatabase('postgres');
    const big = await seedCompany(h.db, 'Big Co', null);
    const small = [];
    for (let i = 0; i < 9; i++) small.push(await seedCompany(h.db, `Small Co ${i}`, null));
    // The big company's 3,000 rules are older (lower ids) and due earlier: a claim in due order alone would post
    // all of them before any small company's.
    const seedRules = (companyId: string, count: number, dueHoursAgo: number) =>
      h!.db.execute(sql`
        insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, start_date, next_occurrence, next_run_at)
        select c.company_id, 'Rule ' || g, 'expense', c.vendor, c.expense, 1000, 'daily', c.today, c.today, now() - ${dueHoursAgo} * interval '1 hour'
        from (${SEED_COMPANIES}) c cross join generate_series(1, ${count}::int) g where c.company_id = ${companyId}`);
    await seedRules(big.company.id, 3000, 2);
    for (const s of small) await seedRules(s.company.id, 20, 1);

    const batch = 200;
    expect(await sweepUntilIdle(h, batch)).toBe(3000 + 9 * 20);
    // Documents are numbered in posting order (entry ids). A batch takes one share from each of the companies at
    // the head of the queue: 50 rules while 4 or more wait (4 companies a batch), and a company with a full share
    // goes to the back. So the 9 small companies are all done within the first 3 batches, and the big one posted
    // at most one share before the last of them: 50, or up to half a batch when only two companies are left.
    const [order] = await rowsFrom<{ last_small: number | string; big_before: number | string }>(
      h.db,
      sql`select max(id) filter (where company_id <> ${big.company.id}) as last_small,
        count(*) filter (where company_id = ${big.company.id} and id < (select max(id) from journal_entries where company_id <> ${big.company.id})) as big_before
        from journal_entries`,
    );
    expect(Number(order!.last_small)).toBeLessThanOrEqual(3 * batch);
    expect(Number(order!.big_before)).toBeLessThanOrEqual(Math.max(MAX_RULES_PER_COMPANY_PER_BATCH, batch / 2));
  }, 60_000);

  it('the runner starts with the app, runs the startup burst, and never overlaps itself with a slow sweep; SIGTERM stops it cleanly', async () => {
    h = await openTestDatabase('postgres');
    const seeded = await seedCompany(h.db, 'Runner Co', null);
    const today = new Date().toISOString().slice(0, 10);
    const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 3; i++) await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: `backfill ${i}`, cadence: 'daily', startDate: fourDaysAgo }));
    // Test-only, in this database: every interval run takes 6 seconds (longer than the 5-second interval below,
    // which leaves the startup burst's second run, 2 s after the first, well clear of the first tick).
    await h.db.execute(sql.raw(`
      create function test_slow_run() returns trigger language plpgsql as $$ begin perform pg_sleep(6); return new; end $$`));
    await h.db.execute(sql`create trigger test_slow_run before insert on recurring_runs for each row when (new.trigger = 'interval') execute function test_slow_run()`);

    const app = startTsProcess('tests/support/app-process.ts', {
      DATABASE_URL: h.url,
      AILEGR_RECURRING_CRON: 'true',
      AILEGR_JOB_KEY: 'test-job-key-0123456789',
      AILEGR_RECURRING_INTERVAL_MINUTES: '1',
      TEST_INTERVAL_SCALE: '12', // the 1-minute interval ticks every 5 s
      AILEGR_DEMO: 'false',
      AILEGR_LOG_LEVEL: 'info',
    });
    await app.waitForLine((l) => l === 'BOOTED', 60_000);
    const finishedIntervalRuns = () => countOf(h!.db, sql`select count(*) from recurring_runs where trigger = 'interval' and finished_at is not null`);
    for (let i = 0; i < 300 && (await finishedIntervalRuns()) < 2; i++) await sleep(100);
    app.child.kill('SIGTERM');
    expect(await exitCodeOf(app, 20_000)).toBe(0);
    expect(app.lines).toContain('STOPPED');

    const runs = await rowsFrom<{ trigger: string; started_at: string; finished_at: string | null; posted: number }>(
      h.db,
      sql`select trigger, started_at::text, finished_at::text, posted from recurring_runs order by started_at, id`,
    );
    expect(runs.slice(0, 4).map((r) => r.trigger)).toEqual(['startup', 'startup', 'interval', 'interval']);
    expect(runs.slice(0, 2).map((r) => r.posted)).toEqual([15, 0]);
    expect(await postedDates(h.db, seeded.company.id, (await rowsFrom<{ id: number }>(h.db, sql`select min(id)::int as id from recurring_rules`))[0]!.id)).toHaveLength(5);
    expect(runs.every((r) => r.finished_at !== null)).toBe(true); // even the one SIGTERM interrupted
    for (let i = 1; i < runs.length; i++) expect(iso(runs[i]!.started_at) >= iso(runs[i - 1]!.finished_at)).toBe(true);
    // Ticks that found a run in progress were skipped, not queued.
    const skipped = app.lines.filter((l) => l.includes('"msg":"recurring run skipped: the previous one is still running"'));
    expect(skipped.length).toBeGreaterThan(0);
    expect(today).toBe(new Date().toISOString().slice(0, 10)); // the backfill count above assumes no midnight in between
  }, 90_000);

  it('with the runner on and no job key, the app refuses to start and says why', async () => {
    const app = startTsProcess('tests/support/app-process.ts', {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      AILEGR_RECURRING_CRON: 'true',
      AILEGR_JOB_KEY: '',
      AILEGR_DEMO: 'false',
    });
    expect(await exitCodeOf(app, 60_000)).toBe(1);
    expect(app.stderr()).toContain(
      'AiLegr cannot start: Invalid environment: AILEGR_JOB_KEY is required when AILEGR_RECURRING_CRON=true (it guards the run endpoint and metrics); set it, or turn the runner off',
    );
  }, 60_000);
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
