import { database, db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { isEmptyDatabase, seedDemoCompany } from '@/lib/demo/seed';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { startRecurringRunnerFromEnv } from './recurring-runner';

const globalForBoot = globalThis as unknown as { ailegrBoot?: Promise<void> };

/**
 * Everything a server process does once before serving: validate the environment, open and migrate the
 * database, create the demo company on an empty one, and start the recurring runner when it is switched on.
 * Idempotent per process.
 */
export function bootServer(): Promise<void> {
  globalForBoot.ailegrBoot ??= boot().catch((error: unknown) => {
    globalForBoot.ailegrBoot = undefined;
    throw error;
  });
  return globalForBoot.ailegrBoot;
}

async function boot(): Promise<void> {
  const settings = env();
  const log = logger();
  const handle = await database();
  await migrateDatabase(handle, settings.DATABASE_URL);
  log.info({ database: handle.kind, location: handle.location }, 'database ready');
  if (settings.AILEGR_DEMO && (await isEmptyDatabase(handle.db))) {
    const company = await seedDemoCompany(handle.db, new Date());
    log.info({ companyId: company.id, company: company.name }, 'created the demo company on an empty database');
  }
  metrics().useDatabase(db);
  startRecurringRunnerFromEnv();
}
