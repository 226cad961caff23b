// `npm run backup -- --out FILE` and `npm run restore -- --from FILE`: the database named by the environment, as
// the app would open it (DATABASE_URL, else the embedded PGlite in AILEGR_DATA_DIR).
// - PGlite: a gzipped tarball of the data folder, written by PGlite itself with the folder locked, so it is
//   whole: the app must be stopped first (the folder holds one process at a time; a running holder is named).
//   Restore loads it into a folder with no database yet, and refuses one that has one.
// - PostgreSQL: `pg_dump --format=custom` (consistent while the app runs) and `pg_restore` into an empty database,
//   run from PG_BIN (default /usr/lib/postgresql/15/bin) when it has them, else from PATH.
// Either way it then opens the result and prints what it holds (companies, journal entries, rules), so the
// operator sees a backup or restore that is empty or wrong at once. Exits 0 done, 1 failed, 2 bad arguments.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type DatabaseHandle } from '@/db/client';
import { lockDirectory } from '@/db/directory-lock';
import { databaseSettings } from '@/db/settings';

const USAGE = 'usage: npm run backup -- --out FILE\n       npm run restore -- --from FILE';

function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const inBin = path.join(process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin', name);
  return fs.existsSync(inBin) ? inBin : name;
}

function runTool(name: 'pg_dump' | 'pg_restore', args: string[]): void {
  const result = spawnSync(pgTool(name), args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${name} could not run: ${result.error.message} (set PG_BIN to the folder holding it)`);
  if (result.status !== 0) throw new Error(`${name} failed (${result.status}): ${result.stderr.trim()}`);
}

/** One line of what a database holds. */
async function describe(handle: DatabaseHandle): Promise<string> {
  const count = async (table: string) => {
    const result = await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    return rows[0]!.n;
  };
  return `${await count('companies')} companies, ${await count('journal_entries')} journal entries, ${await count('recurring_rules')} recurring rules`;
}

async function backupPglite(dir: string, out: string): Promise<void> {
  const release = await lockDirectory(dir);
  try {
    if (!fs.existsSync(path.join(dir, 'pglite'))) throw new Error(`${dir} holds no database`);
    const { PGlite } = await import('@electric-sql/pglite');
    const client = new PGlite({ dataDir: path.join(dir, 'pglite') });
    await client.waitReady;
    // A checkpoint first, so the tarball's files carry every committed change without replaying the log.
    await client.exec('checkpoint');
    const dump = (await client.dumpDataDir('gzip')) as Blob;
    await client.close();
    fs.writeFileSync(out, Buffer.from(await dump.arrayBuffer()));
  } finally {
    release();
  }
}

async function restorePglite(dir: string, from: string): Promise<DatabaseHandle> {
  const data = path.join(dir, 'pglite');
  if (fs.existsSync(data) && fs.readdirSync(data).length > 0) {
    throw new Error(`${dir} already holds a database: restore into an empty AILEGR_DATA_DIR (move this one aside first)`);
  }
  return openPglite(dir, { loadDataDir: new Blob([fs.readFileSync(from)]) });
}

async function main(): Promise<number> {
  let command: 'backup' | 'restore';
  let file: string;
  try {
    const { values, positionals } = parseArgs({ options: { out: { type: 'string' }, from: { type: 'string' } }, allowPositionals: true, strict: true });
    command = positionals[0] as typeof command;
    const given = command === 'backup' ? values.out : command === 'restore' ? values.from : undefined;
    if ((command !== 'backup' && command !== 'restore') || !given || positionals.length !== 1) throw new Error('a command and its file are required');
    file = path.resolve(given);
    if (command === 'restore' && !fs.existsSync(file)) throw new Error(`${file} does not exist`);
    if (command === 'backup' && fs.existsSync(file)) throw new Error(`${file} exists already: name a new file`);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { DATABASE_URL, AILEGR_DATA_DIR } = databaseSettings();
  const dir = path.resolve(AILEGR_DATA_DIR);
  try {
    let handle: DatabaseHandle;
    if (DATABASE_URL) {
      if (command === 'backup') runTool('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${DATABASE_URL}`]);
      else runTool('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${DATABASE_URL}`, file]);
      handle = await openPostgres(DATABASE_URL, { max: 1 });
    } else if (command === 'backup') {
      await backupPglite(dir, file);
      handle = await openPglite(dir);
    } else handle = await restorePglite(dir, file);
    const held = await describe(handle);
    await handle.close();
    console.log(command === 'backup' ? `backed up ${handle.location} to ${file}: ${held}` : `restored ${file} into ${handle.location}: ${held}`);
    return 0;
  } catch (error) {
    console.error(`${command}: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
