// `npm run apikey -- create --company <id or name> --role accountant|viewer [--name NAME]` prints a new API key
// (once: only its hash is stored). `list --company …` shows a company's keys; `revoke --company … --key ID`
// revokes one at once. Keys are made on behalf of one of the company's owners. Exits 2 on bad arguments.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { anyOwnerOf, createApiKey, listApiKeys, revokeApiKey } from '@/lib/auth/api-keys';
import { createAuth } from '@/lib/auth/auth';
import { API_KEY_ROLES } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { resolveCompanyReference } from '@/lib/ledger/company-reference';

const USAGE = 'usage: npm run apikey -- create --company <id or name> --role accountant|viewer [--name NAME]\n' +
  '       npm run apikey -- list --company <id or name>\n' +
  '       npm run apikey -- revoke --company <id or name> --key <key id>';

const argsSchema = z.discriminatedUnion('command', [
  z.object({
    command: z.literal('create'),
    company: z.string({ error: '--company is required' }).min(1),
    role: z.enum(API_KEY_ROLES, { error: '--role must be accountant or viewer' }),
    name: z.string().min(1).max(60).default('Command line'),
  }),
  z.object({ command: z.literal('list'), company: z.string({ error: '--company is required' }).min(1) }),
  z.object({
    command: z.literal('revoke'),
    company: z.string({ error: '--company is required' }).min(1),
    key: z.uuid('--key must be a key id (see `list`)'),
  }),
], { error: 'the command must be create, list or revoke' });

let args: z.infer<typeof argsSchema>;
try {
  const { values, positionals } = parseArgs({
    options: { company: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, key: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  args = argsSchema.parse({ ...values, command: positionals[0] });
} catch (error) {
  const message = error instanceof z.ZodError ? error.issues.map((i) => i.message).join('; ') : (error as Error).message;
  console.error(`apikey: ${message}\n${USAGE}`);
  process.exit(2);
}

const handle = await database();
let exitCode = 0;
try {
  await migrateDatabase(handle, env().DATABASE_URL);
  const auth = createAuth(handle.db);
  const company = await resolveCompanyReference(handle.db, args.company);
  if (args.command === 'list') {
    for (const key of await listApiKeys(handle.db, company.id)) {
      console.log([key.id, key.start ? `${key.start}…` : '-', key.role ?? 'none', key.enabled ? 'active' : 'revoked', key.lastUsedAt?.toISOString() ?? 'never', key.name].join('\t'));
    }
  } else {
    const owner = await anyOwnerOf(handle.db, company.id);
    if (!owner) throw new AppError('conflict', `${company.name} has no owner yet: add one with \`npm run member -- add\` first`);
    if (args.command === 'create') {
      const { key, summary } = await createApiKey(auth, handle.db, company.id, owner, { name: args.name, role: args.role });
      console.error(`Created API key "${summary.name}" (${summary.id}) for ${company.name} with role ${args.role}. It is shown only this once:`);
      console.log(key);
    } else {
      const summary = await revokeApiKey(auth, handle.db, company.id, owner, args.key);
      console.log(`Revoked API key "${summary.name}" (${summary.id}) of ${company.name}`);
    }
  }
} catch (error) {
  console.error(`apikey: ${error instanceof AppError ? error.message : (error as Error).stack}`);
  exitCode = 1;
} finally {
  await handle.close();
}
process.exit(exitCode);
