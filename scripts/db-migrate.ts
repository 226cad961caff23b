// `npm run db:migrate`: applies committed migrations to DATABASE_URL, or to the embedded database folder.
import { database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { env } from '@/lib/env';

const handle = await database();
try {
  await migrateDatabase(handle, env().DATABASE_URL);
  console.log(`Migrations applied to ${handle.kind} at ${handle.location}`);
} finally {
  await handle.close();
}
