// `npm run bench:sweep`: the recurring sweep at scale on real PostgreSQL, in one run:
//   - midnight herd: BENCH_RULES (1,000,000) active rules over BENCH_COMPANIES (1,000) companies, all due once;
//   - outage: BENCH_OUTAGE_RULES (100,000) daily rules, 30 occurrences overdue each;
//   - raw ceiling: the same rows (documents, journal lines, skip rows) written straight with COPY into the same
//     tables of an identically seeded database, and the sweep's throughput as a fraction of it;
//   - idle sweep: one pass over the million rules once none is due.
// Sweeps run in BENCH_SWEEPERS (default: the number of cores) separate OS processes of BENCH_BATCH_SIZE (the default, 1,000)
// rules per batch, each reporting its peak RSS; every phase also reports the CPU its own processes and PostgreSQL
// used, and what other processes took meanwhile. Every constraint of the schema is in force (foreign keys,
// unique references, the balance trigger). Without BENCH_DATABASE_URL it starts a throwaway PostgreSQL 15 with
// fsync ON. BENCH_ONLY=herd or BENCH_ONLY=outage runs one scenario (no idle figure). Checks every count; exits non-zero if a result is wrong.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { openPostgres } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { DEFAULT_CHART } from '@/lib/ledger/chart';
import { addDays, todayInZone } from '@/lib/dates/calendar-date';
import { startOfLocalDay } from '@/lib/dates/local-day';
import { MAX_RULES_PER_COMPANY_PER_BATCH } from '@/lib/recurring/company-queue';
import { DEFAULT_BATCH_SIZE, runDueRules, type SweepSummary } from '@/lib/recurring/sweep';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../tests/support/postgres-server';
import { intFromEnv } from './support/int-from-env';

const COMPANIES = intFromEnv('BENCH_COMPANIES', 1000);
const HERD_RULES = intFromEnv('BENCH_RULES', 1_000_000);
const OUTAGE_RULES = intFromEnv('BENCH_OUTAGE_RULES', 100_000);
const OUTAGE_DAYS = 30;
const SWEEPERS = intFromEnv('BENCH_SWEEPERS', os.cpus().length);
// The runners' AILEGR_RECURRING_BATCH_SIZE, whose default this is.
const BATCH_SIZE = intFromEnv('BENCH_BATCH_SIZE', DEFAULT_BATCH_SIZE);
// The raw COPY writes this many occurrences per transaction (STACK.md's ceilings use 100k).
const RAW_CHUNK = 100_000;
// A sweeper loops passes until one finds nothing; far more passes than any scenario needs means something is wrong.
const MAX_PASSES = 1000;
const IDLE_PASSES = 20;

const ZONES = ['America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Tokyo', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Sydney', 'America/Los_Angeles'];

// ---------------------------------------------------------------------------------------------------------------
// The sweeper child: `tsx scripts/bench-sweep.ts --sweeper` with BENCH_URL. Prints READY, waits for a line on
// stdin, sweeps until a pass finds nothing, prints one JSON line with its totals and peak RSS.

if (process.argv.includes('--sweeper')) {
  const handle = await openPostgres(process.env.BENCH_URL!, { max: 2 });
  process.stdout.write('READY\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const totals = { rules: 0, posted: 0, skipped: 0, duplicates: 0, failures: 0, passes: 0 };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const s = await runDueRules(handle.db, { trigger: 'cli', batchSize: BATCH_SIZE });
    totals.passes++;
    totals.rules += s.rules;
    totals.posted += s.posted;
    totals.skipped += s.skipped;
    totals.duplicates += s.duplicates;
    totals.failures += s.failures;
    if (s.rules === 0) break;
  }
  await handle.close();
  const cpu = process.cpuUsage();
  process.stdout.write(`RESULT ${JSON.stringify({ ...totals, maxRssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------------------------

type Sql = postgres.Sql;
interface ZoneDay {
  zone: string;
  today: string;
  runAt: Date;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function log(line = '') {
  process.stdout.write(`${line}\n`);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createDatabase(adminUrl: string, name: string, template?: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  return withDatabase(adminUrl, name);
}

async function dropDatabase(adminUrl: string, name: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** Companies with the default chart and five customers and five vendors each, all in SQL. */
export async function seedCompanies(sql: Sql) {
  await sql`
    insert into companies (name, base_currency, time_zone)
    select 'Bench company ' || g, 'USD', (${ZONES}::text[])[1 + (g - 1) % ${ZONES.length}]
    from generate_series(1, ${COMPANIES}::int) g`;
  await sql`
    insert into accounts (company_id, code, name, type, role)
    select c.id, a.code, a.name, a.type::account_type, nullif(a.role, '')::system_role
    from companies c
    cross join unnest(${DEFAULT_CHART.map((a) => a.code)}::text[], ${DEFAULT_CHART.map((a) => a.name)}::text[],
      ${DEFAULT_CHART.map((a) => a.type)}::text[], ${DEFAULT_CHART.map((a) => a.role ?? '')}::text[]) as a(code, name, type, role)`;
  await sql`
    insert into parties (company_id, kind, name)
    select c.id, k.kind::party_kind, initcap(k.kind) || ' ' || g
    from companies c cross join (values ('customer'), ('vendor')) k(kind) cross join generate_series(1, 5) g`;
}

export function zoneDays(now: Date, daysBack: number): ZoneDay[] {
  return ZONES.map((zone) => {
    const today = todayInZone(now, zone);
    return { zone, today, runAt: startOfLocalDay(addDays(today, -daysBack), zone) };
  });
}

/**
 * Rules seeded in SQL, interleaved across companies (ids alternate between companies, as in a shared app).
 * `herd`: a mix of cadences whose next occurrence is today in the company's zone. `outage`: daily rules 29 days
 * behind (30 occurrences due), 90% catch-up all, 5% latest, 5% none.
 */
export async function seedRules(sql: Sql, kind: 'herd' | 'outage', perCompany: number, days: ZoneDay[]) {
  const zones = days.map((d) => d.zone);
  const todays = days.map((d) => d.today);
  const runAts = days.map((d) => d.runAt.toISOString());
  const back = kind === 'herd' ? 0 : OUTAGE_DAYS - 1;
  await sql`
    with co as (
      select c.id as company_id, z.today::date as today, z.run_at::timestamptz as run_at,
        (select a.id from accounts a where a.company_id = c.id and a.code = '4100') as revenue,
        (select a.id from accounts a where a.company_id = c.id and a.code = '5000') as expense,
        (select array_agg(p.id order by p.id) from parties p where p.company_id = c.id and p.kind = 'customer') as customers,
        (select array_agg(p.id order by p.id) from parties p where p.company_id = c.id and p.kind = 'vendor') as vendors
      from companies c join unnest(${zones}::text[], ${todays}::text[], ${runAts}::text[]) z(zone, today, run_at) on z.zone = c.time_zone
    ), g as (
      select co.*, g, case when ${kind} = 'outage' then 'daily'
        when g % 20 < 8 then 'daily' when g % 20 < 14 then 'weekly' when g % 20 < 19 then 'monthly' else 'annual' end as cadence,
        co.today - ${back}::int as next_occurrence
      from co cross join generate_series(1, ${perCompany}::int) g
    )
    insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, start_date,
      weekday, day_of_month, due_days, catch_up, status, next_occurrence, next_run_at)
    select company_id, 'Bench rule ' || g,
      case when g % 2 = 0 then 'invoice' else 'expense' end::rule_type,
      case when g % 2 = 0 then customers[1 + g % 5] else vendors[1 + g % 5] end,
      case when g % 2 = 0 then revenue else expense end,
      1000 + (g * 7919) % 500000,
      cadence::cadence,
      case cadence
        when 'daily' then next_occurrence - (g % 400)
        when 'weekly' then next_occurrence - 7 * (g % 30)
        when 'monthly' then (date_trunc('month', next_occurrence) - (g % 24) * interval '1 month')::date
        else (next_occurrence - (1 + g % 5) * interval '1 year')::date end,
      case when cadence = 'weekly' then extract(dow from next_occurrence)::smallint end,
      case when cadence = 'monthly' then extract(day from next_occurrence)::smallint end,
      (g % 4) * 10,
      (case when ${kind} = 'herd' or g % 20 < 18 then 'all' when g % 20 = 18 then 'latest' else 'none' end)::catch_up_policy,
      'active', next_occurrence, run_at
    from g
    order by g, company_id`;
}

async function prepareForTiming(sql: Sql) {
  await sql`vacuum analyze`;
  await sql`checkpoint`;
}

/**
 * CPU accounting for a phase, so that figures can be read apart from whatever else the machine was doing: the
 * machine's busy time (/proc/stat), and the CPU time of every local PostgreSQL process (server, backends,
 * autovacuum, WAL writer, checkpointer), sampled from /proc while the phase runs (backends exit at its end).
 * Linux only; elsewhere the figures are absent.
 */
class CpuMeter {
  private readonly ticksPerSecond = 100; // getconf CLK_TCK on Linux
  private readonly startBusy: number | null;
  private readonly startPg = new Map<number, number>();
  private readonly lastPg = new Map<number, number>();
  private readonly timer: NodeJS.Timeout | null;

  constructor() {
    this.startBusy = CpuMeter.machineBusyTicks();
    for (const [pid, ticks] of CpuMeter.postgresTicks()) this.startPg.set(pid, ticks);
    this.timer = this.startBusy === null ? null : setInterval(() => this.sample(), 200);
  }

  private sample() {
    for (const [pid, ticks] of CpuMeter.postgresTicks()) this.lastPg.set(pid, ticks);
  }

  /** Seconds of CPU: the machine's (all processes) and PostgreSQL's, since the meter started. */
  stop(): { machineS: number; postgresS: number } | null {
    if (this.timer) clearInterval(this.timer);
    if (this.startBusy === null) return null;
    this.sample();
    let pg = 0;
    for (const [pid, ticks] of this.lastPg) pg += ticks - (this.startPg.get(pid) ?? 0);
    return { machineS: (CpuMeter.machineBusyTicks()! - this.startBusy) / this.ticksPerSecond, postgresS: pg / this.ticksPerSecond };
  }

  private static machineBusyTicks(): number | null {
    try {
      const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
      const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
      return user! + nice! + system! + irq! + softirq! + steal!;
    } catch {
      return null;
    }
  }

  private static postgresTicks(): [number, number][] {
    const out: [number, number][] = [];
    let pids: string[] = [];
    try {
      pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
    } catch {
      return out;
    }
    for (const pid of pids) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.push([Number(pid), Number(fields[11]) + Number(fields[12])]); // utime, stime
      } catch {
        // the process ended between readdir and read
      }
    }
    return out;
  }
}

interface SweeperResult {
  rules: number;
  posted: number;
  skipped: number;
  duplicates: number;
  failures: number;
  passes: number;
  maxRssKb: number;
  cpuMs: number;
}

// BENCH_CPU_PROFILE_DIR: each sweeper writes a V8 CPU profile there (open it in Chrome's DevTools).
const profileFlags = process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : [];

/** Starts the sweeper processes, lets them go at once, and times them from the go to the last one's exit. */
async function runSweepers(url: string, count: number): Promise<{ ms: number; results: SweeperResult[]; cpu: ReturnType<CpuMeter['stop']> }> {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [...profileFlags, '--import', 'tsx', 'scripts/bench-sweep.ts', '--sweeper'], {
      env: { ...process.env, BENCH_URL: url, AILEGR_LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const results: Promise<SweeperResult>[] = [];
  const ready: Promise<void>[] = [];
  for (const child of children) {
    const lines = createInterface({ input: child.stdout! });
    let onReady: () => void;
    ready.push(new Promise((resolve) => (onReady = resolve)));
    results.push(
      new Promise((resolve, reject) => {
        let result: SweeperResult | undefined;
        lines.on('line', (line) => {
          if (line === 'READY') onReady();
          else if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as SweeperResult;
        });
        child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`sweeper exited with ${code}`))));
      }),
    );
  }
  await Promise.all(ready);
  const meter = new CpuMeter();
  const started = performance.now();
  for (const child of children) child.stdin!.write('go\n');
  const settled = await Promise.all(results);
  return { ms: performance.now() - started, results: settled, cpu: meter.stop() };
}

interface RuleForRaw {
  id: number;
  company_id: string;
  type: 'invoice' | 'expense';
  party_id: number;
  category_account_id: number;
  amount_minor: number;
  name: string;
  due_days: number;
  catch_up: 'all' | 'latest' | 'none';
  next_occurrence: string;
  today: string;
}

interface RawCounts {
  entries: number;
  lines: number;
  events: number;
  occurrences: number;
}

/**
 * The ceiling: the rows the sweep writes for these rules (documents, their two journal lines, skip rows), written
 * straight with COPY by `streams` connections at once, RAW_CHUNK occurrences per transaction. Same tables, same
 * constraints and triggers; no planning, no claiming, no rule advance.
 */
async function writeRaw(url: string, streams: number): Promise<{ ms: number; counts: RawCounts; cpu: ReturnType<CpuMeter['stop']>; clientCpuMs: number }> {
  const sql = postgres(url, { max: streams + 1, onnotice: () => {} });
  const system = new Map<string, { receivable: number; payable: number }>();
  for (const row of await sql<{ company_id: string; receivable: string; payable: string }[]>`
      select company_id, max(id) filter (where role = 'receivable') as receivable, max(id) filter (where role = 'payable') as payable
      from accounts group by company_id`) {
    system.set(row.company_id, { receivable: Number(row.receivable), payable: Number(row.payable) });
  }
  const rules = (
    await sql<RuleForRaw[]>`
      select r.id::int, r.company_id, r.type, r.party_id::int, r.category_account_id::int, r.amount_minor::int, r.name, r.due_days,
        r.catch_up, r.next_occurrence::text, (now() at time zone c.time_zone)::date::text as today
      from recurring_rules r join companies c on c.id = r.company_id order by r.id`
  ).map((r) => ({ ...r }));
  const [{ last }] = (await sql`select last_value::text as last from journal_entries_id_seq`) as unknown as [{ last: string }];
  let nextId = Number(last) + 1;

  // Build every chunk's text up front, outside the timing: the ceiling is the database's, not this script's.
  interface Chunk {
    entries: string;
    lines: string;
    events: string;
  }
  const chunks: Chunk[] = [];
  const counts: RawCounts = { entries: 0, lines: 0, events: 0, occurrences: 0 };
  let entries: string[] = [];
  let lines: string[] = [];
  let events: string[] = [];
  let inChunk = 0;
  const flush = () => {
    if (inChunk === 0) return;
    chunks.push({ entries: entries.join(''), lines: lines.join(''), events: events.join('') });
    entries = [];
    lines = [];
    events = [];
    inChunk = 0;
  };
  for (const rule of rules) {
    const dates: string[] = [];
    for (let d = rule.next_occurrence; d <= rule.today; d = addDays(d, 1)) {
      dates.push(d);
      if (dates.length > 400) throw new Error('runaway raw dates');
    }
    const sys = system.get(rule.company_id)!;
    const invoice = rule.type === 'invoice';
    dates.forEach((date, i) => {
      const last = i === dates.length - 1;
      if (rule.catch_up !== 'all' && !last) {
        events.push(`${rule.company_id}\t${rule.id}\t${date}\tskipped\tcatch_up_${rule.catch_up}\n`);
        counts.events++;
      } else {
        const id = nextId++;
        const due = addDays(date, rule.due_days);
        entries.push(
          `${id}\t${rule.company_id}\t${invoice ? 'invoice' : 'bill'}\t${date}\tREC-${rule.id}-${date}\t${rule.name}\t${invoice ? 'INV' : 'BILL'}-${String(id).padStart(6, '0')}\t` +
            `${rule.party_id}\t${due}\t${rule.amount_minor}\t${rule.category_account_id}\topen\t${rule.id}\t${date}\n`,
        );
        const [debit, credit] = invoice ? [sys.receivable, rule.category_account_id] : [rule.category_account_id, sys.payable];
        lines.push(`${id}\t1\t${rule.company_id}\t${debit}\t${rule.amount_minor}\n${id}\t2\t${rule.company_id}\t${credit}\t${-rule.amount_minor}\n`);
        counts.entries++;
        counts.lines += 2;
      }
      counts.occurrences++;
      if (++inChunk >= RAW_CHUNK) flush();
    });
  }
  flush();

  const copy = async (tx: postgres.TransactionSql, statement: string, text: string) => {
    if (text === '') return;
    const writable = await tx.unsafe(statement).writable();
    await new Promise<void>((resolve, reject) => {
      writable.on('error', reject);
      writable.on('finish', resolve);
      writable.end(text);
    });
  };
  await sql`checkpoint`;
  const meter = new CpuMeter();
  const ownCpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: streams }, async () => {
      for (let i = next++; i < chunks.length; i = next++) {
        const chunk = chunks[i]!;
        await sql.begin(async (tx) => {
          await copy(tx, `copy journal_entries (id, company_id, kind, entry_date, reference, memo, number, party_id, due_date, amount_minor, category_account_id, status, rule_id, occurrence_date) from stdin`, chunk.entries);
          await copy(tx, `copy journal_lines (entry_id, line_no, company_id, account_id, amount_minor) from stdin`, chunk.lines);
          await copy(tx, `copy recurring_events (company_id, rule_id, occurrence_date, outcome, reason) from stdin`, chunk.events);
        });
      }
    }),
  );
  const ms = performance.now() - started;
  const cpu = meter.stop();
  const own = process.cpuUsage(ownCpu);
  await sql`select setval('journal_entries_id_seq', ${nextId - 1})`;
  await sql.end();
  return { ms, counts, cpu, clientCpuMs: (own.user + own.system) / 1000 };
}

async function tableCounts(sql: Sql) {
  const [row] = await sql<{ entries: number; lines: number; skips: number; due: number; unbalanced: number }[]>`
    select
      (select count(*)::int from journal_entries) as entries,
      (select count(*)::int from journal_lines) as lines,
      (select count(*)::int from recurring_events where outcome = 'skipped') as skips,
      (select count(*)::int from recurring_rules where next_run_at <= now()) as due,
      (select count(*)::int from (select entry_id from journal_lines group by entry_id having sum(amount_minor) <> 0) u) as unbalanced`;
  return row!;
}

let failed = false;
function check(label: string, actual: number, expected: number) {
  if (actual !== expected) {
    failed = true;
    log(`  !! ${label}: ${fmt(actual)}, expected ${fmt(expected)}`);
  }
}

interface ScenarioFigures {
  name: string;
  rules: number;
  occurrences: number;
  posted: number;
  skipped: number;
  sweepMs: number;
  rawMs: number;
  rssKb: number[];
  passes: number[];
  sweepCpu: { clientS: number; machine: ReturnType<CpuMeter['stop']> };
  rawCpu: { clientS: number; machine: ReturnType<CpuMeter['stop']> };
  autovacuum: string;
}

async function scenario(adminUrl: string, template: string, kind: 'herd' | 'outage', rules: number): Promise<ScenarioFigures> {
  const perCompany = Math.ceil(rules / COMPANIES);
  const total = perCompany * COMPANIES;
  const name = `bench_${kind}`;
  log(`\n== ${kind === 'herd' ? 'midnight herd' : 'outage'}: ${fmt(total)} rules over ${fmt(COMPANIES)} companies`);
  const seedUrl = await createDatabase(adminUrl, `${name}_seed`, template);
  const seed = postgres(seedUrl, { max: 1, onnotice: () => {} });
  const t0 = performance.now();
  await seedCompanies(seed);
  await seedRules(seed, kind, perCompany, zoneDays(new Date(), kind === 'herd' ? 0 : OUTAGE_DAYS - 1));
  await prepareForTiming(seed);
  await seed.end();
  log(`  seeded in ${secs(performance.now() - t0)} (SQL generate_series)`);

  // The sweep, in its own copy of the seeded database.
  const sweepUrl = await createDatabase(adminUrl, `${name}_sweep`, `${name}_seed`);
  const sweepSql = postgres(sweepUrl, { max: 1, onnotice: () => {} });
  await sweepSql`vacuum analyze`;
  await sweepSql`checkpoint`;
  const { ms: sweepMs, results, cpu: sweepCpu } = await runSweepers(sweepUrl, SWEEPERS);
  const posted = results.reduce((s, r) => s + r.posted, 0);
  const skipped = results.reduce((s, r) => s + r.skipped, 0);
  const after = await tableCounts(sweepSql);
  const vacuums = await sweepSql<{ relname: string; n: number }[]>`
    select relname, (autovacuum_count + autoanalyze_count)::int as n from pg_stat_user_tables
    where relname in ('recurring_rules', 'journal_entries', 'journal_lines') order by relname`;
  await sweepSql.end();

  // The same rows with COPY, in another copy of the seeded database.
  const rawUrl = await createDatabase(adminUrl, `${name}_raw`, `${name}_seed`);
  const raw = await writeRaw(rawUrl, SWEEPERS);
  await dropDatabase(adminUrl, `${name}_raw`);
  await dropDatabase(adminUrl, `${name}_seed`);

  check('documents posted by the sweep', posted, raw.counts.entries);
  check('documents in the table', after.entries, raw.counts.entries);
  check('journal lines', after.lines, raw.counts.lines);
  check('skip rows', after.skips, raw.counts.events);
  check('skips reported', skipped, raw.counts.events);
  check('rules still due', after.due, 0);
  check('unbalanced entries', after.unbalanced, 0);
  check('duplicates', results.reduce((s, r) => s + r.duplicates, 0), 0);
  check('failures', results.reduce((s, r) => s + r.failures, 0), 0);
  if (kind === 'outage') await dropDatabase(adminUrl, `${name}_sweep`);
  return {
    name: kind,
    rules: total,
    occurrences: raw.counts.occurrences,
    posted,
    skipped,
    sweepMs,
    rawMs: raw.ms,
    rssKb: results.map((r) => r.maxRssKb),
    passes: results.map((r) => r.passes),
    sweepCpu: { clientS: results.reduce((sum, r) => sum + r.cpuMs, 0) / 1000, machine: sweepCpu },
    rawCpu: { clientS: raw.clientCpuMs / 1000, machine: raw.cpu },
    autovacuum: vacuums.map((v) => `${v.relname} ${v.n}`).join(', '),
  };
}

function report(f: ScenarioFigures) {
  const sweepRate = f.occurrences / (f.sweepMs / 1000);
  const rawRate = f.occurrences / (f.rawMs / 1000);
  log(`  sweep: ${fmt(f.occurrences)} occurrences (${fmt(f.posted)} posted, ${fmt(f.skipped)} skipped) in ${secs(f.sweepMs)} → ${fmt(sweepRate)} occurrences/s`);
  log(`         ${SWEEPERS} sweeper processes, peak RSS ${f.rssKb.map(mb).join(' / ')}, passes ${f.passes.join(' / ')}`);
  log(`         ${cpuLine(f.sweepCpu, f.sweepMs, f.occurrences, 'sweepers')}`);
  log(`         autovacuum/autoanalyze runs during the sweep (counted in PostgreSQL's CPU): ${f.autovacuum}`);
  log(`  raw COPY: ${secs(f.rawMs)} → ${fmt(rawRate)} occurrences/s; the sweep reaches ${((sweepRate / rawRate) * 100).toFixed(0)}% of it`);
  log(`         ${cpuLine(f.rawCpu, f.rawMs, f.occurrences, 'COPY client')}`);
}

/** CPU spent by the phase's own processes, per occurrence, and what the rest of the machine took meanwhile. */
function cpuLine(cpu: { clientS: number; machine: ReturnType<CpuMeter['stop']> }, ms: number, occurrences: number, client: string) {
  if (!cpu.machine) return `CPU: ${client} ${cpu.clientS.toFixed(0)} s (no /proc: PostgreSQL's share unknown)`;
  const own = cpu.clientS + cpu.machine.postgresS;
  const others = Math.max(0, cpu.machine.machineS - own);
  const capacity = (os.cpus().length * ms) / 1000;
  return (
    `CPU: ${client} ${cpu.clientS.toFixed(0)} s + PostgreSQL ${cpu.machine.postgresS.toFixed(0)} s = ${((own / occurrences) * 1e6).toFixed(0)} µs per occurrence; ` +
    `other processes took ${others.toFixed(0)} s of the ${capacity.toFixed(0)} core-seconds available`
  );
}

async function main() {
  let server: ThrowawayPostgres | undefined;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    server = await startThrowawayPostgres({ durable: true });
    adminUrl = server.url;
  }
  try {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const settings = await admin<{ name: string; setting: string; unit: string | null }[]>`
      select name, setting, unit from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers',
        'max_wal_size', 'wal_level', 'checkpoint_timeout', 'work_mem', 'max_connections') order by name`;
    const [{ version }] = (await admin`select version()`) as unknown as [{ version: string }];
    await admin.end();
    log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}`);
    log(`PostgreSQL: ${version.split(' on ')[0]}${server ? ' (throwaway server on loopback)' : ''}`);
    log(`settings: ${settings.map((s) => `${s.name}=${s.setting}${s.unit ?? ''}`).join(', ')}`);
    log(`sweepers: ${SWEEPERS} processes, batch size ${BATCH_SIZE} (AILEGR_RECURRING_BATCH_SIZE), at most ${MAX_RULES_PER_COMPANY_PER_BATCH} rules per company per batch while others wait`);

    const template = 'bench_template';
    const templateUrl = await createDatabase(adminUrl, template);
    const handle = await openPostgres(templateUrl, { max: 1 });
    await migrateDatabase(handle, templateUrl);
    await handle.close();

    if (process.env.BENCH_ONLY === 'outage') {
      report(await scenario(adminUrl, template, 'outage', OUTAGE_RULES));
      await dropDatabase(adminUrl, template);
      return;
    }
    const herd = await scenario(adminUrl, template, 'herd', HERD_RULES);
    report(herd);
    if (process.env.BENCH_ONLY === 'herd') {
      await dropDatabase(adminUrl, 'bench_herd_sweep');
      await dropDatabase(adminUrl, template);
      return;
    }
    const outage = await scenario(adminUrl, template, 'outage', OUTAGE_RULES);
    report(outage);

    // Idle: the herd's rules are all advanced to their next occurrence; nothing is due.
    log(`\n== idle sweep: one pass over ${fmt(herd.rules)} active rules, none due`);
    const idleUrl = withDatabase(adminUrl, 'bench_herd_sweep');
    const idle = await openPostgres(idleUrl, { max: 2 });
    const timePasses = async () => {
      const times: number[] = [];
      for (let i = 0; i < IDLE_PASSES; i++) {
        const t = performance.now();
        const s: SweepSummary = await runDueRules(idle.db, { trigger: 'interval' });
        times.push(performance.now() - t);
        check('rules claimed by an idle pass', s.rules, 0);
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
    };
    const fresh = await timePasses();
    log(`  right after the herd (dead index entries not yet vacuumed): median ${fresh.median.toFixed(1)} ms, max ${fresh.max.toFixed(1)} ms over ${IDLE_PASSES} passes`);
    const vac = postgres(idleUrl, { max: 1, onnotice: () => {} });
    await vac`vacuum analyze recurring_rules`;
    await vac.end();
    const steady = await timePasses();
    log(`  after vacuum (steady state): median ${steady.median.toFixed(1)} ms, max ${steady.max.toFixed(1)} ms over ${IDLE_PASSES} passes`);
    await idle.close();
    await dropDatabase(adminUrl, 'bench_herd_sweep');
    await dropDatabase(adminUrl, template);

    const herdRate = herd.occurrences / (herd.sweepMs / 1000);
    const outageRate = outage.occurrences / (outage.sweepMs / 1000);
    const peakRss = Math.max(...herd.rssKb, ...outage.rssKb);
    log('\n== goals');
    const goal = (label: string, ok: boolean, figure: string) => log(`  ${ok ? 'met   ' : 'MISSED'} ${label}: ${figure}`);
    goal('midnight herd ≤ 60 s (stretch ≤ 30 s)', herd.sweepMs <= 60_000, `${secs(herd.sweepMs)}${herd.sweepMs <= 30_000 ? ' (stretch met)' : ''}`);
    goal('sweep ≥ 50% of raw COPY (herd)', herdRate / (herd.occurrences / (herd.rawMs / 1000)) >= 0.5, `${((herdRate / (herd.occurrences / (herd.rawMs / 1000))) * 100).toFixed(0)}%`);
    goal('sweep ≥ 50% of raw COPY (outage)', outageRate / (outage.occurrences / (outage.rawMs / 1000)) >= 0.5, `${((outageRate / (outage.occurrences / (outage.rawMs / 1000))) * 100).toFixed(0)}%`);
    goal('idle pass ≤ 10 ms (steady state, median)', steady.median <= 10, `${steady.median.toFixed(1)} ms`);
    goal('peak RSS ≤ 300 MB per sweeper', peakRss <= 300 * 1024, mb(peakRss));
    if (failed) log('\n!! some results were wrong (see above)');
  } finally {
    server?.stop();
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
