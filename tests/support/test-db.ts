import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { openMemoryPglite, openPostgres, type DatabaseHandle } from '@/db/client';
import { installDatabaseClock } from './db-clock';
import { withDatabase } from './global-setup';

export type Backend = 'pglite' | 'postgres';

/** The backends this run can test; PostgreSQL only when global setup found or started one. */
export const BACKENDS: Backend[] = inject('pgAdminUrl') ? ['pglite', 'postgres'] : ['pglite'];
export const HAS_POSTGRES = inject('pgAdminUrl') !== null;

export interface TestDatabase extends DatabaseHandle {
  /** The URL of this test's own PostgreSQL database (for child processes); undefined on PGlite. */
  url?: string;
}

/**
 * A fresh, migrated database of its own: a clone of the template (PostgreSQL) or of the dump (PGlite). With
 * `clock`, `now()` is a movable test clock (see db-clock.ts) for every connection, child processes included.
 */
export async function openTestDatabase(backend: Backend, options: { clock?: boolean } = {}): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const dump = new Blob([fs.readFileSync(inject('pgliteTemplatePath'))]);
    const handle = await openMemoryPglite(dump);
    if (options.clock) await installDatabaseClock(handle.db);
    return handle;
  }
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) throw new Error('no PostgreSQL for this run');
  const name = `ailegr_t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(adminUrl, { max: 1 });
  await admin.db.execute(sql.raw(`create database ${name} template ${inject('pgTemplate')}`));
  await admin.close();
  const url = withDatabase(adminUrl, name);
  if (options.clock) {
    const setup = await openPostgres(url, { max: 1 });
    await installDatabaseClock(setup.db, name);
    await setup.close();
  }
  const handle = await openPostgres(url, { max: 10 });
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      const again = await openPostgres(adminUrl, { max: 1 });
      await again.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await again.close();
    },
  };
}
