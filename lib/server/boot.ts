import { sql } from 'drizzle-orm';
import { database, db, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf } from '@/db/sql-batch';
import { getAuth } from '@/lib/auth/auth';
import { recordClientAddresses } from '@/lib/auth/client-address';
import { DEMO_USER_EMAIL, isEmptyDatabase, seedDemo } from '@/lib/demo/seed';
import { env, environmentWarnings } from '@/lib/env';
import { logger } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { RUN_FINISH_MARGIN_SECONDS } from '@/lib/recurring/abandoned-runs';
import { markBootFailed, markReady } from './ready';
import { closeAbandonedRuns, startRecurringRunnerFromEnv } from './recurring-runner';

const globalForBoot = globalThis as unknown as { ailegrBoot?: Promise<void> };

/**
 * Everything a server process does once before serving: validate the environment, open and migrate the
 * database, create the demo company on an empty one, and start the recurring runner when it is switched on.
 * Idempotent per process. Only instrumentation.ts calls it, through bootServerOrExit: requests wait on whenReady()
 * (./ready.ts), which this settles, instead of pulling the seed, the ledger and the runner into every wrapper.
 */
function bootServer(): Promise<void> {
  globalForBoot.ailegrBoot ??= boot().then(markReady, (error: unknown) => {
    globalForBoot.ailegrBoot = undefined;
    markBootFailed((error as Error).message);
    throw error;
  });
  return globalForBoot.ailegrBoot;
}

/**
 * Boots, or ends the process: a server that cannot boot (bad settings, no database) must not linger answering 500
 * to everything. Here rather than in instrumentation.ts, which Next also compiles for the Edge runtime, where
 * `process.exit` does not exist (the build warned about it).
 */
export async function bootServerOrExit(): Promise<void> {
  try {
    await bootServer();
  } catch (error) {
    console.error(`AiLegr cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}

async function boot(): Promise<void> {
  const settings = env();
  const log = logger();
  // Before anything is awaited: requests that reach the HTTP server from now on carry their client address.
  recordClientAddresses(settings.AILEGR_TRUSTED_PROXIES);
  for (const warning of environmentWarnings(settings)) log.warn(warning);
  const handle = await database();
  await migrateDatabase(handle, settings.DATABASE_URL);
  log.info({ database: handle.kind, location: handle.location }, 'database ready');
  // With the embedded database this process is alone (it holds the folder lock), so no run of another process is
  // still going: every unfinished run was abandoned by a process that died. On PostgreSQL, only the old ones.
  await closeAbandonedRuns(handle.db, handle.kind === 'pglite' ? null : settings.AILEGR_RECURRING_TIME_BUDGET_SECONDS + RUN_FINISH_MARGIN_SECONDS);
  if (settings.AILEGR_DEMO && (await isEmptyDatabase(handle.db))) {
    const demo = await seedDemo(await getAuth(), handle.db, new Date(), settings.AILEGR_DEMO_PASSWORD ?? null);
    const names = demo.companies.map((c) => c.name).join(' and ');
    // Printed once, here: the password is stored only as the library's hash.
    log.warn(
      { email: DEMO_USER_EMAIL, password: demo.generatedPassword ?? '(the value of AILEGR_DEMO_PASSWORD)' },
      `created the demo companies ${names}; sign in as ${DEMO_USER_EMAIL} (their owner). The password is shown only this once`,
    );
  }
  if (handle.kind === 'pglite') await keepEmbeddedStatisticsFresh(handle.db);
  metrics().useDatabase(db);
  startRecurringRunnerFromEnv();
}

/** How often the embedded database's tables are checked for growth since their last ANALYZE. */
const STATISTICS_CHECK_MS = 10 * 60_000;

/**
 * PGlite runs PostgreSQL in single-user mode, which has no autovacuum: nothing ever analyzes its tables, and a
 * planner without statistics takes default guesses (a company's rows as 0.5 % of a table) and picks nested loops
 * over a whole journal: with 50,000 documents the P&L took over ten seconds a run instead of 60 ms
 * (docs/benchmarks.md, "Ledger at 100,000 documents"). So this process does autovacuum's analyze itself: now,
 * before the first request (after migrate and the demo seed), then every ten minutes, analyzing only the tables
 * that grew by more than a tenth (and 4 pages) since their last ANALYZE, as autovacuum's threshold would. Not on
 * PostgreSQL, whose autovacuum does it.
 */
async function keepEmbeddedStatisticsFresh(database: Db): Promise<void> {
  await analyzeGrownTables(database);
  const timer = setInterval(() => {
    analyzeGrownTables(database).catch((error: unknown) => logger().error({ err: error }, 'analyzing the embedded database failed'));
  }, STATISTICS_CHECK_MS);
  timer.unref();
}

/**
 * ANALYZEs each table of the public schema never analyzed, or now more than 10 % (and 4 pages) larger than at its
 * last ANALYZE; answers their names. PGlite keeps no modification counters (single-user mode never reports them:
 * `n_mod_since_analyze` stays 0), so growth is read as the table's pages now against `relpages`, which ANALYZE
 * sets: a catalog read, no table scan. Analyzing every table takes about 0.6 s at 100,000 documents (the benchmark).
 */
export async function analyzeGrownTables(database: Db): Promise<string[]> {
  const grown = rowsOf<{ name: string }>(
    await database.execute(sql`
      select c.relname as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and (c.reltuples < 0 or pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages * 1.1 + 4)
      order by c.relname`),
  ).map((r) => r.name);
  for (const name of grown) await database.execute(sql`analyze ${sql.identifier(name)}`);
  return grown;
}
