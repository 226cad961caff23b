import path from 'node:path';
import type { DatabaseHandle } from './client';

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');
const MIGRATION_LOCK_KEY = 7_240_917_001; // arbitrary, constant: the advisory lock every migrating process waits on

/**
 * Applies committed migrations. On PostgreSQL several processes may start at once, and drizzle's migrate() takes
 * no lock, so each holds a session advisory lock on one dedicated connection around it: the first migrates, the
 * others wait and then find nothing to do. PGlite is single-process (guarded by the folder lock).
 */
export async function migrateDatabase(handle: DatabaseHandle, databaseUrl?: string): Promise<void> {
  if (handle.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  if (!databaseUrl) throw new Error('migrateDatabase needs the database URL for its dedicated connection');
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await sql.end();
  }
}
