import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/**
 * A movable database clock for tests, with no hook in production code: a `clock.now()` function shadows
 * `pg_catalog.now()` because the test database's search_path lists `clock` before `pg_catalog`. Column
 * defaults keep the real clock (they are bound when the table is created).
 */
export async function installDatabaseClock(db: Db, databaseName?: string): Promise<void> {
  await db.execute(sql`create schema if not exists clock`);
  await db.execute(sql`create or replace function clock.now() returns timestamptz language sql stable as $$ select pg_catalog.now() $$`);
  if (databaseName) await db.execute(sql.raw(`alter database ${databaseName} set search_path = clock, public, pg_catalog`));
  await db.execute(sql`set search_path = clock, public, pg_catalog`);
}

/** Sets the database clock to a fixed instant (every connection sees it at once). */
export async function setDatabaseClock(db: Db, instant: string): Promise<void> {
  const literal = new Date(instant).toISOString();
  await db.execute(sql.raw(`create or replace function clock.now() returns timestamptz language sql stable as $$ select '${literal}'::timestamptz $$`));
}
