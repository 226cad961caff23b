// `npm run bench:recurring-list`: the server time of the Settings → Recurring list's data path with 10,000 rules
// in one company. It seeds BENCH_LIST_RULES (10,000) rules with SQL over 500 parties (a mix of types, cadences and
// statuses, some failing) in one company, among BENCH_LIST_OTHER_RULES (20,000) rules of 20 other companies, then
// times `loadRuleList` (the page's first render and every refresh: one page, its count, the counts per status,
// every row formatted in the company's zone) BENCH_LIST_RUNS (30) times per question after 3 warm-ups, and prints
// p50/p95/max for: the first page, a search, a filter (type and status), the Failing filter, and the page after.
// On a throwaway PostgreSQL 15 (or BENCH_DATABASE_URL), and on PGlite (the embedded database) unless
// BENCH_LIST_PGLITE=false. Exits non-zero if an answer is wrong or a p95 is over 500 ms. With
// BENCH_LIST_EXPLAIN=true it also prints, on PostgreSQL, EXPLAIN ANALYZE of every query each question sends.
//
// Runs with the react-server condition (see package.json) because the data path is a server-only module.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { loadRuleList } from '@/components/recurring/rule-list-data';
import { ruleListQuery, type RuleListQuery } from '@/components/recurring/rule-list-query';
import { openPglite, type DatabaseHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import * as enums from '@/db/schema/enums';
import * as ledger from '@/db/schema/ledger';
import * as recurring from '@/db/schema/recurring';
import { getCompanyOrThrow } from '@/lib/ledger/companies';
import { seedCompany } from '../tests/support/fixtures';
import { onBenchPostgres } from './support/bench-postgres';
import { intFromEnv } from './support/int-from-env';


const RULES = intFromEnv('BENCH_LIST_RULES', 10_000);
const OTHER_RULES = intFromEnv('BENCH_LIST_OTHER_RULES', 20_000);
const RUNS = intFromEnv('BENCH_LIST_RUNS', 30);
const WARM_UP = 3;
const PARTIES = 500;
const LIMIT_MS = 500;

/** Rules in one company: names "Rule 00001 …", every 7th an invoice, statuses spread, every 50th failing. */
async function seed(handle: DatabaseHandle): Promise<string> {
  const { db } = handle;
  const main = await seedCompany(db, 'Bench Co', 'America/New_York');
  const insertRules = async (companyId: string, count: number, vendor: number, customer: number, expense: number, income: number) => {
    await db.execute(sql`
      insert into parties (company_id, kind, name)
      select ${companyId}, case when g % 2 = 0 then 'customer' else 'vendor' end::party_kind, 'Party ' || lpad(g::text, 4, '0')
      from generate_series(1, ${PARTIES}::int) g`);
    await db.execute(sql`
      insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, interval_days,
        weekday, day_of_month, start_date, status, status_reason, resume_on, next_occurrence, next_run_at, consecutive_failures, last_error)
      select ${companyId}, 'Rule ' || lpad(g::text, 5, '0') || ' ' || (array['rent', 'hosting', 'payroll', 'retainer', 'license'])[1 + g % 5],
        case when g % 7 = 0 then 'invoice' else 'expense' end::rule_type,
        case when g % 7 = 0 then ${customer}::bigint else ${vendor}::bigint end,
        case when g % 7 = 0 then ${income}::bigint else ${expense}::bigint end,
        1000 + g,
        (array['daily', 'weekly', 'monthly'])[1 + g % 3]::cadence,
        case when g % 3 = 0 then 1 end, case when g % 3 = 1 then 1 + g % 5 end, case when g % 3 = 2 then 1 + g % 28 end,
        date '2027-01-01',
        case when g % 11 = 0 then 'paused' when g % 13 = 0 then 'ended' when g % 17 = 0 then 'needs_review' else 'active' end::rule_status,
        case when g % 17 = 0 then 'Party archived' end,
        case when g % 22 = 0 then date '2027-03-01' end,
        case when g % 13 <> 0 then date '2027-01-01' + (g % 40) end,
        case when g % 11 <> 0 and g % 13 <> 0 and g % 17 <> 0 then (date '2027-01-01' + (g % 40))::timestamp at time zone 'America/New_York' end,
        case when g % 50 = 0 then 2 else 0 end,
        case when g % 50 = 0 then 'The category was archived' end
      from generate_series(1, ${count}::int) g`);
  };
  await insertRules(main.company.id, RULES, main.vendor.id, main.customer.id, main.byCode('5000'), main.byCode('4100'));
  const others = Math.max(1, Math.round(OTHER_RULES / 1000));
  for (let i = 0; i < others; i++) {
    const other = await seedCompany(db, `Other Co ${i}`, 'Europe/Berlin');
    await insertRules(other.company.id, Math.round(OTHER_RULES / others), other.vendor.id, other.customer.id, other.byCode('5000'), other.byCode('4100'));
  }
  await db.execute(sql`analyze`);
  return main.company.id;
}

/**
 * The plans behind one question: its queries are caught by a second client's logger as loadRuleList sends them,
 * then each runs again under EXPLAIN (ANALYZE, BUFFERS). For finding the index a question lacks.
 */
async function explainQuestion(url: string, company: Awaited<ReturnType<typeof getCompanyOrThrow>>, name: string, query: RuleListQuery) {
  const caught: { text: string; params: unknown[] }[] = [];
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client, { schema: { ...enums, ...ledger, ...recurring }, logger: { logQuery: (text, params) => caught.push({ text, params }) } });
    await loadRuleList(db as unknown as DatabaseHandle['db'], company, query, { devTools: false });
    console.log(`\n-- ${name}`);
    for (const { text, params } of caught) {
      const plan = await client.unsafe(`explain (analyze, buffers, costs off) ${text}`, params as never[]);
      console.log(`${text.slice(0, 160)}…`);
      for (const line of plan) console.log(`   ${(line as Record<string, string>)['QUERY PLAN']}`);
    }
  } finally {
    await client.end();
  }
}

/** How many seeded rules are Failing: every 50th has failures, and counts when it is live (active or paused; see seed). */
function failingSeeded(): number {
  let n = 0;
  for (let g = 50; g <= RULES; g += 50) if (g % 11 === 0 || (g % 13 !== 0 && g % 17 !== 0)) n++;
  return n;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function bench(label: string, handle: DatabaseHandle, explainUrl?: string) {
  const started = performance.now();
  const companyId = await seed(handle);
  console.log(`\n== ${label}: ${RULES.toLocaleString('en-US')} rules in the company (+${OTHER_RULES.toLocaleString('en-US')} in others), seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const company = await getCompanyOrThrow(handle.db, companyId);
  const load = (query: RuleListQuery) => loadRuleList(handle.db, company, query, { devTools: false });
  const first = await load(ruleListQuery.parse({}));
  const questions: [string, RuleListQuery, (d: Awaited<ReturnType<typeof load>>) => boolean][] = [
    ['first page', ruleListQuery.parse({}), (d) => d.rows.length === 25 && d.rows[0]!.name.startsWith('Rule 00001') && d.counts.all === d.total],
    ['search "payroll"', ruleListQuery.parse({ q: 'payroll' }), (d) => d.rows.length === 25 && d.rows.every((r) => r.name.endsWith('payroll'))],
    ['search "Rule 0999"', ruleListQuery.parse({ q: 'Rule 0999' }), (d) => d.total === 10 && d.rows.length === 10],
    ['filter invoices, paused', ruleListQuery.parse({ type: 'invoice', status: 'paused' }), (d) => d.rows.length > 0 && d.rows.every((r) => r.type === 'invoice' && r.status === 'paused')],
    ['filter Failing', ruleListQuery.parse({ status: 'failing' }), (d) => d.total === failingSeeded() && d.counts.failing === d.total],
    ['next page', ruleListQuery.parse({ after: first.next! }), (d) => d.rows.length === 25 && d.rows[0]!.name.startsWith('Rule 00026')],
  ];
  if (explainUrl) for (const [name, query] of questions) await explainQuestion(explainUrl, company, name, query);
  let failed = false;
  for (const [name, query, check] of questions) {
    const answer = await load(query);
    if (!check(answer)) {
      console.error(`  ${name}: wrong answer: ${JSON.stringify({ total: answer.total, rows: answer.rows.slice(0, 3).map((r) => r.name) })}`);
      failed = true;
      continue;
    }
    for (let i = 0; i < WARM_UP; i++) await load(query);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await load(query);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p95 = quantile(times, 0.95);
    console.log(
      `  ${name.padEnd(26)} ${String(answer.total).padStart(6)} match   p50 ${quantile(times, 0.5).toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   max ${times.at(-1)!.toFixed(1).padStart(6)} ms`,
    );
    if (p95 > LIMIT_MS) failed = true;
  }
  return failed;
}

let failed = await onBenchPostgres((handle, url) => bench('PostgreSQL', handle, process.env.BENCH_LIST_EXPLAIN === 'true' ? url : undefined));

if (process.env.BENCH_LIST_PGLITE !== 'false') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-bench-list-'));
  const handle = await openPglite(dir);
  try {
    await migrateDatabase(handle);
    failed = (await bench('PGlite', handle)) || failed;
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(failed ? `\nFAILED: a wrong answer, or a p95 over ${LIMIT_MS} ms` : `\nevery p95 under ${LIMIT_MS} ms`);
process.exit(failed ? 1 : 0);
