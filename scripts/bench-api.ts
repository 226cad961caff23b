// `npm run bench:api`: the integrator API under load. It starts a throwaway PostgreSQL 15
// (tests/support/postgres-server.ts, durable: fsync on), migrates it, makes one company with an owner, a vendor
// and an accountant's API key, seeds BENCH_API_RULES (10,000) rules in it with one SQL statement, and starts the
// app on it (`next start` on the last build; BENCH_API_SERVER=api-server serves the same route handlers without
// a build). Then, for BENCH_API_DURATION seconds (60), BENCH_API_CONNECTIONS clients (50) at once, each sending
// its next request when its last is answered (autocannon):
// - readers (four in five clients), each in turn: GET /api/recurring (a page of 50, following nextCursor, back to
//   the first page at the end), GET /api/recurring/:id and GET /api/recurring/:id/occurrences?count=3 of a random
//   seeded rule;
// - writers (one in five): POST /api/recurring with an Idempotency-Key; one request in five (the second of each
//   five, so even a short run has some) sends the key and body of the writer's request before it again, which
//   must replay that answer, never make a second rule.
// With BENCH_API_COST_REQUESTS=N it first prints what one request of each kind costs the server it started (CPU
// time, database transactions and rows written), sending N of each one at a time (see measureCost).
// It prints p50/p99 latency, throughput and status counts for reads and writes, then checks through the API that
// no rule was made twice: each key's rule (named after the key) is listed once, every 201 named that rule, and the
// rules now listed are the seeded ones plus those. Exits 1 when a check fails or any answer is a 5xx.
//
// The server's rate limit (600 requests a minute per key by default) would refuse nearly all of this: the bench
// sets AILEGR_API_RATE_LIMIT_PER_MINUTE=1000000 (the most it takes) on the server it starts. To target a running server instead:
// BENCH_API_URL and BENCH_API_KEY (an accountant's key of a company with at least one vendor and expense
// category; its rules are counted, not seeded; mind that server's rate limit).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import { openPostgres } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { users } from '@/db/schema/auth';
import { createApiKey } from '@/lib/auth/api-keys';
import { createAuth } from '@/lib/auth/auth';
import { createUserWithPassword } from '@/lib/auth/members';
import { createCompanyWithOwner } from '@/lib/auth/new-company';
import { listAccounts } from '@/lib/ledger/accounts';
import { createParty } from '@/lib/ledger/parties';
import { call } from '../tests/support/http-call';
import { freePort, startThrowawayPostgres, type ThrowawayPostgres } from '../tests/support/postgres-server';
import { startAppServer, type AppServer } from './support/app-server';
import { intFromEnv } from './support/int-from-env';

const RULES = intFromEnv('BENCH_API_RULES', 10_000);
const DURATION = intFromEnv('BENCH_API_DURATION', 60);
const CONNECTIONS = Math.max(2, intFromEnv('BENCH_API_CONNECTIONS', 50));
const WRITERS = Math.max(1, Math.round(CONNECTIONS / 5));
const RUN = randomUUID().slice(0, 8);

interface Target {
  url: string;
  key: string;
  vendorId: number;
  categoryId: number;
  /** The throwaway target's database and server process, for the cost per request (none for BENCH_API_URL). */
  probe?: { databaseUrl: string; serverPid: number };
  stop(): Promise<void>;
}

/** A throwaway PostgreSQL with the company, its key and RULES rules, and the app started on it. */
async function startTarget(): Promise<Target> {
  const pg: ThrowawayPostgres = await startThrowawayPostgres({ durable: true });
  let server: AppServer | undefined;
  try {
    const handle = await openPostgres(pg.url);
    await migrateDatabase(handle, pg.url);
    const { db } = handle;
    // This process only seeds: better-auth's note that it has no base URL is noise here.
    process.env.AILEGR_LOG_LEVEL ??= 'error';
    const auth = createAuth(db);
    const email = 'bench-owner@example.test';
    await createUserWithPassword(auth, { email, name: 'Bench Owner', password: 'bench-only-password-0123' });
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const company = await createCompanyWithOwner(db, owner!.id, { name: 'Bench Co', baseCurrency: 'USD', timeZone: 'America/New_York' });
    const vendor = await createParty(db, company.id, { kind: 'vendor', name: 'Bench Vendor' });
    const categoryId = (await listAccounts(db, company.id)).find((a) => a.code === '5000')!.id;
    const { key } = await createApiKey(auth, db, company.id, owner!.id, { name: 'Bench', role: 'accountant' });
    const started = performance.now();
    // Monthly bills from 2027 on (nothing due while the bench runs), the day of the month spread over 1–28.
    await db.execute(sql`
      insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, day_of_month,
        start_date, status, next_occurrence, next_run_at)
      select ${company.id}, 'Seeded rule ' || lpad(g::text, 5, '0'), 'expense', ${vendor.id}::bigint, ${categoryId}::bigint, 1000 + g,
        'monthly', 1 + g % 28, date '2027-01-01', 'active', date '2027-01-01' + g % 28,
        (date '2027-01-01' + g % 28)::timestamp at time zone 'America/New_York'
      from generate_series(1, ${RULES}::int) g`);
    await db.execute(sql`analyze`);
    console.log(`seeded ${RULES.toLocaleString('en-US')} rules in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await handle.close();
    server = await startAppServer(process.env.BENCH_API_SERVER === 'api-server' ? 'api-server' : 'next', await freePort(), {
      DATABASE_URL: pg.url,
      AILEGR_DEMO: 'false',
      AILEGR_RECURRING_CRON: 'false',
      AILEGR_API_RATE_LIMIT_PER_MINUTE: '1000000',
      BETTER_AUTH_SECRET: 'bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      AILEGR_LOG_LEVEL: 'warn',
    });
    const app = server;
    return {
      url: app.url,
      key,
      vendorId: vendor.id,
      categoryId,
      probe: { databaseUrl: pg.url, serverPid: app.pid },
      async stop() {
        await app.stop();
        pg.stop();
      },
    };
  } catch (error) {
    await server?.stop();
    pg.stop();
    throw error;
  }
}

/** An existing server (BENCH_API_URL, BENCH_API_KEY): its first vendor and active expense category. */
async function existingTarget(url: string, key: string): Promise<Target> {
  const vendors = await call(url, 'GET', '/api/parties?kind=vendor&limit=1', { key });
  const categories = await call(url, 'GET', '/api/categories?type=expense&limit=100', { key });
  const category = (categories.body?.data ?? []).find((c: { archivedAt: string | null }) => c.archivedAt === null);
  if (vendors.status !== 200 || !vendors.body.data[0] || !category) throw new Error(`the key's company needs a vendor and an expense category (${vendors.status}, ${categories.status})`);
  return { url, key, vendorId: vendors.body.data[0].id, categoryId: category.id, stop: async () => {} };
}

/** Every rule the company lists (every status but deleted), or those whose name or party has `q`, page by page. */
async function listedRules(t: Target, q?: string): Promise<{ id: number; name: string }[]> {
  const rules: { id: number; name: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(t.url, 'GET', `/api/recurring?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}${cursor ? `&cursor=${cursor}` : ''}`, { key: t.key });
    if (page.status !== 200) throw new Error(`GET /api/recurring answered ${page.status}: ${page.text.slice(0, 300)}`);
    rules.push(...page.body.data.map((r: { id: number; name: string }) => ({ id: r.id, name: r.name })));
    cursor = page.body.nextCursor;
  } while (cursor);
  return rules;
}

/**
 * Per connection, what its requests share. autocannon starts each pass over a connection's `requests` afresh (the
 * context is reset), so what must outlive a pass (the list's cursor) is kept outside it.
 */
interface Context {
  key?: string;
  previousKey?: string;
}

/** The list's next cursor, shared by the readers: together they walk every page, then start again. */
let listCursor: string | undefined;

function readers(t: Target, ids: number[]): autocannon.Options {
  const anyId = () => ids[Math.floor(Math.random() * ids.length)];
  return {
    url: t.url,
    connections: CONNECTIONS - WRITERS,
    duration: DURATION,
    headers: { authorization: `Bearer ${t.key}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: `/api/recurring?limit=50${listCursor ? `&cursor=${listCursor}` : ''}` }),
        onResponse: (status, body) => {
          listCursor = status === 200 ? /"nextCursor":"([^"]+)"/.exec(body)?.[1] : undefined;
        },
      },
      { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/recurring/${anyId()}` }) },
      { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/recurring/${anyId()}/occurrences?count=3` }) },
    ],
  };
}

/** Per key that succeeded, the rule ids its answers named (one each, or a rule was made twice). */
const idsByKey = new Map<string, Set<number>>();
let writeCounter = 0;
let replays = 0;

/** Every Idempotency-Key the writers sent, with its body. */
const bodies = new Map<string, string>();

function writers(t: Target): autocannon.Options {
  const bodyFor = (key: string, n: number) =>
    JSON.stringify({
      name: `Bench ${key}`,
      type: 'expense',
      cadence: 'monthly',
      startDate: '2027-01-01',
      options: { dayOfMonth: 1 + (n % 28) },
      payload: { partyId: t.vendorId, amount: '12.34', categoryId: t.categoryId },
    });
  /** A create with a new key, or (`again`) with the key and body of the connection's request before it. */
  const create = (again: boolean): autocannon.Request => ({
    method: 'POST',
    setupRequest: (req, context: Context) => {
      let key = context.previousKey;
      if (!again || !key) {
        const n = ++writeCounter;
        key = `bench-${RUN}-${n}`;
        bodies.set(key, bodyFor(key, n));
      }
      context.key = key;
      context.previousKey = key;
      return { ...req, path: '/api/recurring', headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json', 'idempotency-key': key }, body: bodies.get(key)! };
    },
    onResponse: (status, body, context: Context, headers) => {
      if (status !== 201) return;
      if (headers?.['idempotent-replayed'] === 'true') replays++;
      const id = (JSON.parse(body) as { id: number }).id;
      const seen = idsByKey.get(context.key!) ?? new Set<number>();
      seen.add(id);
      idsByKey.set(context.key!, seen);
    },
  });
  return { url: t.url, connections: WRITERS, duration: DURATION, requests: [create(false), create(true), create(false), create(false), create(false)] };
}

/** CPU seconds (user + system) the process and its children have used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const ticks = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]) };
  };
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid, cpu } = ticks(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (Number(entry) === pid || ppid === pid) total += cpu;
    } catch {
      // gone in between
    }
  }
  return total / 100; // USER_HZ
}

/**
 * What one request of each kind costs the server, measured in a way a busy machine does not distort: the server
 * process's CPU time and the database's committed transactions and written rows (pg_stat_database) over
 * BENCH_API_COST_REQUESTS requests sent one at a time. A backend reports its statistics when it goes idle, at
 * most every 10 s, hence the pause before each reading.
 */
async function measureCost(t: Target, ids: number[]): Promise<void> {
  const count = intFromEnv('BENCH_API_COST_REQUESTS', 0);
  if (!count || !t.probe) return;
  const { serverPid, databaseUrl } = t.probe;
  const stats = await openPostgres(databaseUrl, { max: 1 });
  const read = async () => {
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    // postgres.js answers an array of rows.
    const [row] = (await stats.db.execute(
      sql`select xact_commit + xact_rollback as xacts, tup_inserted + tup_updated + tup_deleted as written from pg_stat_database where datname = current_database()`,
    )) as unknown as { xacts: string; written: string }[];
    return { cpu: cpuSecondsOf(serverPid), xacts: Number(row!.xacts), written: Number(row!.written) };
  };
  const anyId = () => ids[Math.floor(Math.random() * ids.length)];
  let cursor: string | undefined;
  let n = 0;
  const kinds: [string, () => Promise<unknown>][] = [
    ['list', async () => {
      const page = await call(t.url, 'GET', `/api/recurring?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { key: t.key });
      cursor = page.body?.nextCursor ?? undefined;
    }],
    ['get', () => call(t.url, 'GET', `/api/recurring/${anyId()}`, { key: t.key })],
    ['occurrences', () => call(t.url, 'GET', `/api/recurring/${anyId()}/occurrences?count=3`, { key: t.key })],
    ['create', () => {
      const key = `cost-${RUN}-${++n}`;
      const body = { name: `Cost ${key}`, type: 'expense', cadence: 'monthly', startDate: '2027-01-01', options: { dayOfMonth: 1 + (n % 28) }, payload: { partyId: t.vendorId, amount: '12.34', categoryId: t.categoryId } };
      return call(t.url, 'POST', '/api/recurring', { key: t.key, body, headers: { 'idempotency-key': key } });
    }],
  ];
  try {
    for (const [kind, send] of kinds) {
      for (let i = 0; i < 20; i++) await send(); // warm: JIT, caches, connections
      const before = await read();
      for (let i = 0; i < count; i++) await send();
      const after = await read();
      // The statistics query itself is one transaction of each reading.
      const xacts = (after.xacts - before.xacts - 1) / count;
      console.log(
        `cost    ${kind.padEnd(11)} ${count} requests  CPU ${(((after.cpu - before.cpu) * 1000) / count).toFixed(1).padStart(5)} ms/request  ` +
          `database ${xacts.toFixed(2)} transactions, ${((after.written - before.written) / count).toFixed(2)} rows written per request`,
      );
    }
  } finally {
    await stats.close();
  }
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function report(kind: string, r: autocannon.Result): { fiveXx: number } {
  const codes = Object.entries((r as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {})
    .map(([code, { count }]) => [code, Number(count)] as const)
    .sort();
  const total = codes.reduce((sum, [, n]) => sum + n, 0);
  const fiveXx = codes.filter(([code]) => code.startsWith('5')).reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `${kind.padEnd(7)} ${String(r.connections).padStart(3)} clients  ${total.toLocaleString('en-US').padStart(8)} answers  ${(total / r.duration).toFixed(0).padStart(5)}/s  ` +
      `p50 ${ms(r.latency.p50).padStart(7)}  p99 ${ms(r.latency.p99).padStart(7)}  max ${ms(r.latency.max).padStart(7)}  ` +
      `non-2xx ${r.non2xx}  5xx ${fiveXx}  errors ${r.errors}  statuses ${codes.map(([c, n]) => `${c}×${n}`).join(' ')}`,
  );
  return { fiveXx: fiveXx + r.errors };
}

async function main(): Promise<number> {
  const url = process.env.BENCH_API_URL;
  const key = process.env.BENCH_API_KEY;
  if (url && !key) throw new Error('BENCH_API_URL needs BENCH_API_KEY');
  const t = url ? await existingTarget(url.replace(/\/$/, ''), key!) : await startTarget();
  try {
    await measureCost(t, (await listedRules(t)).map((r) => r.id));
    const before = await listedRules(t);
    console.log(`${t.url}: ${before.length.toLocaleString('en-US')} rules listed; ${CONNECTIONS} clients (${CONNECTIONS - WRITERS} reading, ${WRITERS} writing) for ${DURATION} s`);
    const [reads, writes] = await Promise.all([autocannon(readers(t, before.map((r) => r.id))), autocannon(writers(t))]);
    const bad = report('reads', reads).fiveXx + report('writes', writes).fiveXx;

    // The rules the writers made, each named after its Idempotency-Key: one per key, or a retry made a second.
    // Requests still in flight when the clock stopped (autocannon drops their answers) may have made rules whose
    // 201 was never read: at most one per writer, each named after a key that was sent. So `made` may exceed the
    // keys answered 201 by up to the number of writers, and never by more.
    const after = await listedRules(t);
    const made = await listedRules(t, `Bench bench-${RUN}-`);
    const names = new Map<string, number[]>();
    for (const rule of made) names.set(rule.name, [...(names.get(rule.name) ?? []), rule.id]);
    const twice = [...names.entries()].filter(([, ids]) => ids.length > 1);
    const misnamed = [...idsByKey.entries()].filter(([key, ids]) => ids.size !== 1 || names.get(`Bench ${key}`)?.[0] !== [...ids][0]);
    const unanswered = made.filter((rule) => !idsByKey.has(rule.name.replace(/^Bench /, '')));
    const unsent = unanswered.filter((rule) => !bodies.has(rule.name.replace(/^Bench /, '')));
    console.log(
      `keys answered 201 ${idsByKey.size} (${replays} answers replayed), rules the writers made ${made.length} ` +
        `(${unanswered.length} by requests unanswered when the clock stopped), rules now ${after.length} (seeded ${before.length})`,
    );
    const failures = [
      ...(bad ? [`${bad} answers were 5xx or connection errors`] : []),
      ...(twice.length ? [`${twice.length} keys made more than one rule: ${twice.slice(0, 3).map(([n, ids]) => `${n} → ${ids.join(', ')}`).join('; ')}`] : []),
      ...(misnamed.length ? [`${misnamed.length} keys were answered with another rule than the one named after them`] : []),
      ...(unanswered.length > WRITERS ? [`${unanswered.length} rules were made by unanswered requests, more than the ${WRITERS} writers could have in flight`] : []),
      ...(unsent.length ? [`${unsent.length} rules are named after no key that was sent`] : []),
      ...(after.length !== before.length + made.length ? [`the company lists ${after.length} rules, not the ${before.length} seeded + ${made.length} made`] : []),
    ];
    for (const f of failures) console.error(`FAIL  ${f}`);
    if (!failures.length) console.log('zero 5xx, zero duplicate rules');
    return failures.length ? 1 : 0;
  } finally {
    await t.stop();
  }
}

process.exitCode = await main();
