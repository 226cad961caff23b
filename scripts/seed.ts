// `npm run seed`: creates the demo companies and the demo user (printing its sign-in once). On a database that
// already has companies it does nothing unless given --force (then it adds another demo company, owned by the
// demo user when that user exists).
import { eq } from 'drizzle-orm';
import { database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { users } from '@/db/schema/auth';
import { createAuth } from '@/lib/auth/auth';
import { addMember } from '@/lib/auth/members';
import { DEMO_USER_EMAIL, DEMO_USER_NAME, isEmptyDatabase, seedDemo, seedDemoCompany } from '@/lib/demo/seed';
import { env } from '@/lib/env';

const handle = await database();
try {
  await migrateDatabase(handle, env().DATABASE_URL);
  const auth = createAuth(handle.db);
  if (await isEmptyDatabase(handle.db)) {
    const demo = await seedDemo(auth, handle.db, new Date(), env().AILEGR_DEMO_PASSWORD ?? null);
    console.log(`Seeded ${demo.companies.map((c) => `"${c.name}" (${c.id})`).join(' and ')} in ${handle.kind} at ${handle.location}`);
    console.log(`Sign in as ${DEMO_USER_EMAIL} with ${demo.generatedPassword ?? 'the value of AILEGR_DEMO_PASSWORD'} (shown only this once)`);
  } else if (!process.argv.includes('--force')) {
    console.log('The database already has companies: nothing seeded (use --force to add another demo company).');
  } else {
    const company = await seedDemoCompany(handle.db, new Date());
    const [demoUser] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USER_EMAIL));
    if (demoUser) await addMember(auth, handle.db, company.id, { email: DEMO_USER_EMAIL, name: DEMO_USER_NAME, role: 'owner' });
    console.log(`Seeded demo company "${company.name}" (${company.id})${demoUser ? `, owned by ${DEMO_USER_EMAIL}` : ''}`);
  }
} finally {
  await handle.close();
}
