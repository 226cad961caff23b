// `npm run member -- add --company <id or name> --email EMAIL --name NAME --role owner|accountant|viewer` adds a
// person to a company, creating their account when needed and printing its temporary password once. For
// operators: the first owner of a company made before sign-in existed, or a way back in. Exits 2 on bad arguments.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { createAuth } from '@/lib/auth/auth';
import { addMember } from '@/lib/auth/members';
import { ROLES } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { resolveCompanyReference } from '@/lib/ledger/company-reference';

const USAGE = 'usage: npm run member -- add --company <id or name> --email EMAIL --name NAME --role owner|accountant|viewer';

const argsSchema = z.object({
  command: z.literal('add', { error: 'the command must be add' }),
  company: z.string({ error: '--company is required' }).min(1),
  email: z.string({ error: '--email is required' }).min(1),
  name: z.string({ error: '--name is required' }).min(1),
  role: z.enum(ROLES, { error: '--role must be owner, accountant or viewer' }),
});

let args: z.infer<typeof argsSchema>;
try {
  const { values, positionals } = parseArgs({
    options: { company: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  args = argsSchema.parse({ ...values, command: positionals[0] });
} catch (error) {
  const message = error instanceof z.ZodError ? error.issues.map((i) => i.message).join('; ') : (error as Error).message;
  console.error(`member: ${message}\n${USAGE}`);
  process.exit(2);
}

const handle = await database();
let exitCode = 0;
try {
  await migrateDatabase(handle, env().DATABASE_URL);
  const company = await resolveCompanyReference(handle.db, args.company);
  const { member, temporaryPassword } = await addMember(createAuth(handle.db), handle.db, company.id, args);
  console.log(`Added ${member.email} to ${company.name} as ${member.role}.`);
  if (temporaryPassword) console.log(`New account; its temporary password (shown only this once): ${temporaryPassword}`);
} catch (error) {
  const fields = error instanceof AppError && error.fieldErrors ? ` (${Object.values(error.fieldErrors).flat().join('; ')})` : '';
  console.error(`member: ${error instanceof AppError ? error.message + fields : (error as Error).stack}`);
  exitCode = 1;
} finally {
  await handle.close();
}
process.exit(exitCode);
