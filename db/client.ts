import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { lockDirectory } from './directory-lock';
import * as auth from './schema/auth';
import * as enums from './schema/enums';
import * as ledger from './schema/ledger';
import * as recurring from './schema/recurring';
import { databaseSettings } from './settings';

const schema = { ...enums, ...ledger, ...recurring, ...auth };
type Schema = typeof schema;

/** A database or a transaction: data functions take either, first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Db;
  /** Where the data lives, for logs: a URL without its password, or the PGlite folder. */
  location: string;
  close(): Promise<void>;
}

const globalForDb = globalThis as unknown as { ailegrDb?: Promise<DatabaseHandle> };

/**
 * The process-wide database, opened lazily and kept on `globalThis` so Next.js module re-evaluation and hot
 * reload share one client (PGlite allows one per folder). postgres.js when `DATABASE_URL` is set, else PGlite in
 * `AILEGR_DATA_DIR`.
 */
export function database(): Promise<DatabaseHandle> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('The database is not available during `next build`: make the page dynamic (await connection()).');
  }
  globalForDb.ailegrDb ??= openDatabase().catch((error: unknown) => {
    globalForDb.ailegrDb = undefined;
    throw error;
  });
  return globalForDb.ailegrDb;
}

export async function db(): Promise<Db> {
  return (await database()).db;
}

async function openDatabase(): Promise<DatabaseHandle> {
  const { DATABASE_URL, AILEGR_DATA_DIR, AILEGR_DB_POOL_SIZE } = databaseSettings();
  if (DATABASE_URL) return openPostgres(DATABASE_URL, { max: AILEGR_DB_POOL_SIZE });
  return openPglite(path.resolve(AILEGR_DATA_DIR));
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return { kind: 'postgres', db: drizzle(sql, { schema }) as unknown as Db, location, close: () => sql.end() };
}

/**
 * The settings PGlite starts with: its own defaults plus a larger `work_mem`. PGlite keeps PostgreSQL's 4 MB, and
 * its temporary files live in its in-memory file system, in wasm: a report over a company's whole journal (the
 * Balance Sheet hashes every entry up to its date, about 9 MB at 100,000 documents) split its hash into batches
 * written to and read back from that file system, several times slower than the same hash in memory
 * (docs/benchmarks.md, "Ledger at 100,000 documents"). 64 MB holds those hashes and sorts in memory. What it costs:
 * PGlite is one session running one query at a time, so at most a few nodes of one query use it at once; a
 * query that needs it takes up to 64 MB (times `hash_mem_multiplier`, 2, for a hash) of the wasm heap for
 * its duration, which the heap keeps once grown; smaller queries use what they need, as before.
 */
const PGLITE_WORK_MEM = '64MB';

function pgliteStartParams(defaults: readonly string[]): string[] {
  return [...defaults, '-c', `work_mem=${PGLITE_WORK_MEM}`];
}

/** Opens (creating if needed) an embedded database in `dir`, guarded by a lock file naming its holder. */
export async function openPglite(dir: string, options: { loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  fs.mkdirSync(dir, { recursive: true });
  const release = await lockDirectory(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    /**
     * PGlite runs each query synchronously in wasm and resolves at once, so a stream of queries (a sweep, a seed)
     * never lets the event loop turn: no request is answered, no log line written and no SIGTERM handled until it
     * ends. Each exchange with the database first waits for the event loop's next turn.
     */
    class EventLoopFriendlyPGlite extends PGlite {
      override async execProtocolRaw(...args: Parameters<InstanceType<typeof PGlite>['execProtocolRaw']>): Promise<Uint8Array> {
        await new Promise<void>((resolve) => setImmediate(resolve));
        return super.execProtocolRaw(...args);
      }
    }
    const client = new EventLoopFriendlyPGlite({
      dataDir: path.join(dir, 'pglite'),
      loadDataDir: options.loadDataDir,
      startParams: pgliteStartParams(PGlite.defaultStartParams),
    });
    await client.waitReady;
    const { drizzle } = await import('drizzle-orm/pglite');
    return {
      kind: 'pglite',
      db: drizzle(client, { schema }) as unknown as Db,
      location: dir,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** In-memory PGlite (tests), optionally from a dump of an already migrated instance. */
export async function openMemoryPglite(loadDataDir?: Blob): Promise<DatabaseHandle & { dump(): Promise<Blob> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create({ loadDataDir, startParams: pgliteStartParams(PGlite.defaultStartParams) });
  return {
    kind: 'pglite',
    db: drizzle(client, { schema }) as unknown as Db,
    location: 'memory',
    close: () => client.close(),
    dump: async () => (await client.dumpDataDir('none')) as Blob,
  };
}
