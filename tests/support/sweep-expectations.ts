import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql-batch';

/**
 * Exactly-once checks for sweeps over rules seeded in SQL, computed independently of the engine: the expected
 * occurrences of every rule come from generate_series over its cadence, from its next occurrence up to "today" in
 * its company's zone by the database clock, and the catch-up policy decides which post and which are skipped.
 * Supports daily (interval_days), weekly (interval_weeks, next occurrence on its weekday) and monthly rules on a
 * day of month ≤ 28, with no days ahead and no end date. Record the expectations before sweeping.
 */

export async function rowsFrom<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** The single value a one-row, one-column query returns, as a number. */
export async function countOf(db: Db, query: SQL): Promise<number> {
  const [row] = await rowsFrom<Record<string, number | string>>(db, query);
  const values = Object.values(row ?? {});
  if (values.length !== 1) throw new Error(`countOf: expected one column, got ${values.length}`);
  return Number(values[0]);
}

/** Companies with their first customer and vendor, a revenue (4100) and an expense (5000) category, and today. */
export const SEED_COMPANIES = sql`
  select co.id as company_id, coalesce(co.time_zone, 'UTC') as zone,
    (now() at time zone coalesce(co.time_zone, 'UTC'))::date as today,
    (select min(p.id) from parties p where p.company_id = co.id and p.kind = 'customer') as customer,
    (select min(p.id) from parties p where p.company_id = co.id and p.kind = 'vendor') as vendor,
    (select a.id from accounts a where a.company_id = co.id and a.code = '4100') as revenue,
    (select a.id from accounts a where a.company_id = co.id and a.code = '5000') as expense
  from companies co`;

/** Records, for every active rule, the occurrences a sweep at the current database clock must decide. */
export async function recordExpectations(db: Db): Promise<{ posted: number; skipped: number }> {
  await db.execute(sql`drop table if exists test_expected, test_expected_rule`);
  await db.execute(sql`
    create table test_expected as
    with series as (
      select r.id as rule_id, r.catch_up, c.today, d::date as occurrence_date,
        case r.cadence when 'daily' then make_interval(days => coalesce(r.interval_days, 1))
          when 'weekly' then make_interval(days => 7 * coalesce(r.interval_weeks, 1))
          else make_interval(months => coalesce(r.interval_months, 1)) end as step
      from recurring_rules r
      join (${SEED_COMPANIES}) c on c.company_id = r.company_id
      cross join lateral generate_series(r.next_occurrence::timestamp, c.today::timestamp,
        case r.cadence when 'daily' then make_interval(days => coalesce(r.interval_days, 1))
          when 'weekly' then make_interval(days => 7 * coalesce(r.interval_weeks, 1))
          else make_interval(months => coalesce(r.interval_months, 1)) end) d
      where r.status = 'active'
    ), ranked as (
      select s.*, max(occurrence_date) over (partition by rule_id) as latest from series s
    )
    select rule_id, occurrence_date, step,
      case when catch_up = 'all' or (catch_up = 'latest' and occurrence_date = latest) or (catch_up = 'none' and occurrence_date = today)
        then 'posted' else 'skipped' end as outcome,
      case when catch_up = 'latest' and occurrence_date <> latest then 'catch_up_latest'
        when catch_up = 'none' and occurrence_date <> today then 'catch_up_none' end as reason
    from ranked`);
  await db.execute(sql`
    create table test_expected_rule as
    select e.rule_id, (max(e.occurrence_date) + max(e.step))::date as next_occurrence, max(e.occurrence_date) as last_occurrence,
      count(*) filter (where e.outcome = 'posted')::int as posted
    from test_expected e group by e.rule_id`);
  const [counts] = await rowsFrom<{ posted: number | string; skipped: number | string }>(
    db,
    sql`select count(*) filter (where outcome = 'posted') as posted, count(*) filter (where outcome = 'skipped') as skipped from test_expected`,
  );
  return { posted: Number(counts!.posted), skipped: Number(counts!.skipped) };
}

/**
 * Compares the ledger with the recorded expectations. Every figure but `posted` and `skipped` must be 0:
 * missing or extra documents and skips, duplicates, documents with a wrong date, amount, party, category or
 * reference, entries whose lines are not exactly the two balanced lines of the document, document numbers that
 * are not 1…n per company and kind, and rules not advanced to the right next occurrence.
 */
export async function verifyExpectations(db: Db) {
  const n = (query: SQL) => countOf(db, query);
  return {
    posted: await n(sql`select count(*) from journal_entries where rule_id is not null`),
    skipped: await n(sql`select count(*) from recurring_events where outcome = 'skipped'`),
    missing: await n(sql`select count(*) from (select rule_id, occurrence_date from test_expected where outcome = 'posted'
      except select rule_id, occurrence_date from journal_entries where rule_id is not null) x`),
    extra: await n(sql`select count(*) from (select rule_id, occurrence_date from journal_entries where rule_id is not null
      except select rule_id, occurrence_date from test_expected where outcome = 'posted') x`),
    duplicates: await n(sql`select count(*) - count(distinct (rule_id, occurrence_date)) from journal_entries where rule_id is not null`),
    skipsMissing: await n(sql`select count(*) from (select rule_id, occurrence_date, reason::text from test_expected where outcome = 'skipped'
      except select rule_id, occurrence_date, reason::text from recurring_events where outcome = 'skipped') x`),
    skipsExtra: await n(sql`select count(*) from (select rule_id, occurrence_date, reason::text from recurring_events where outcome = 'skipped'
      except select rule_id, occurrence_date, reason::text from test_expected where outcome = 'skipped') x`),
    wrongDocuments: await n(sql`
      select count(*) from journal_entries e join recurring_rules r on r.id = e.rule_id
      where e.entry_date <> e.occurrence_date or e.due_date <> e.occurrence_date + r.due_days or e.amount_minor <> r.amount_minor
        or e.party_id <> r.party_id or e.category_account_id <> r.category_account_id or e.company_id <> r.company_id
        or e.kind::text <> case r.type when 'invoice' then 'invoice' else 'bill' end
        or e.reference <> 'REC-' || r.id || '-' || to_char(e.occurrence_date, 'YYYY-MM-DD') or e.status <> 'open'`),
    unbalanced: await n(sql`select count(*) from (select entry_id from journal_lines group by entry_id having sum(amount_minor) <> 0) x`),
    wrongLines: await n(sql`
      select count(*) from journal_entries e
      where e.rule_id is not null and (
        (select count(*) from journal_lines l where l.entry_id = e.id) <> 2
        or not exists (select 1 from journal_lines l join accounts a on a.id = l.account_id
          where l.entry_id = e.id and l.line_no = 1 and l.amount_minor = e.amount_minor
            and (case when e.kind = 'invoice' then a.role = 'receivable' else a.id = e.category_account_id end))
        or not exists (select 1 from journal_lines l join accounts a on a.id = l.account_id
          where l.entry_id = e.id and l.line_no = 2 and l.amount_minor = -e.amount_minor
            and (case when e.kind = 'invoice' then a.id = e.category_account_id else a.role = 'payable' end)))`),
    numbersBroken: await n(sql`
      select count(*) from (
        select company_id, kind, count(*) as n, count(distinct number) as d,
          min(substring(number from '[0-9]+$')::int) as lo, max(substring(number from '[0-9]+$')::int) as hi
        from journal_entries group by company_id, kind) x
      where n <> d or lo <> 1 or hi <> n`),
    rulesWrong: await n(sql`
      select count(*) from recurring_rules r
      join test_expected_rule x on x.rule_id = r.id
      join (${SEED_COMPANIES}) c on c.company_id = r.company_id
      where r.next_occurrence is distinct from x.next_occurrence or r.last_occurrence is distinct from x.last_occurrence
        or r.occurrences_posted <> x.posted or r.status <> 'active' or r.consecutive_failures <> 0
        or r.next_run_at is distinct from (x.next_occurrence::timestamp at time zone c.zone)`),
  };
}
