// `npm run seed`: creates the demo company. On a database that already has companies it does nothing unless
// given --force (then it adds another demo company).
import { database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { isEmptyDatabase, seedDemoCompany } from '@/lib/demo/seed';
import { env } from '@/lib/env';

const handle = await database();
try {
  await migrateDatabase(handle, env().DATABASE_URL);
  if (!process.argv.includes('--force') && !(await isEmptyDatabase(handle.db))) {
    console.log('The database already has companies: nothing seeded (use --force to add another demo company).');
  } else {
    const company = await seedDemoCompany(handle.db, new Date());
    console.log(`Seeded demo company "${company.name}" (${company.id}) in ${handle.kind} at ${handle.location}`);
  }
} finally {
  await handle.close();
}
