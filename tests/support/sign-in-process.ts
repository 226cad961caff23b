// A process of its own signing in to one account many times at once, for the per-account limit's race test:
// `node --import tsx tests/support/sign-in-process.ts` with DATABASE_URL, SIGN_IN_EMAIL and SIGN_IN_ATTEMPTS. It
// prints READY, waits for one line on stdin (so that several start at once), sends that many wrong passwords in
// parallel through better-auth's handler and prints `RESULT {"statuses":[…],"checks":n}`, n being how many
// passwords the library checked (counted through its context's `password.verify`, which every check goes through).
import { openPostgres } from '@/db/client';
import { createAuth } from '@/lib/auth/auth';
import { signInRequest } from './auth-world';

const url = process.env.DATABASE_URL;
const email = process.env.SIGN_IN_EMAIL;
const attempts = Number(process.env.SIGN_IN_ATTEMPTS ?? 10);
if (!url || !email) throw new Error('sign-in-process needs DATABASE_URL and SIGN_IN_EMAIL');

const handle = await openPostgres(url, { max: attempts });
const auth = createAuth(handle.db);
const context = await auth.$context;
const verify = context.password.verify;
let checks = 0;
context.password.verify = (input) => {
  checks += 1;
  return verify(input);
};
process.stdout.write('READY\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();

const statuses = await Promise.all(
  Array.from({ length: attempts }, (_, i) => signInRequest(auth, email, `wrong password ${process.pid}-${i}`).then((r) => r.status)),
);
await handle.close();
process.stdout.write(`RESULT ${JSON.stringify({ statuses, checks })}\n`);
process.exit(0);
