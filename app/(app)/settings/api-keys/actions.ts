'use server';

import { revalidatePath } from 'next/cache';
import { createApiKey, revokeApiKey, type ApiKeyInput } from '@/lib/auth/api-keys';
import { getAuth } from '@/lib/auth/auth';
import { formObject, runCompanyAction } from '@/lib/http/action';

/** Creates a key for the current company; the result carries the key itself, shown once and never stored. */
export async function createApiKeyAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'createApiKeyAction', role: 'owner' },
    // Untyped form strings: the service parses them with its schema.
    async ({ db, company, caller }) => createApiKey(await getAuth(), db, company.id, caller.userId, formObject(formData) as ApiKeyInput),
    ({ summary }) => `Created ${summary.name}: copy the key now, it will not be shown again`,
  );
  if (result.ok) revalidatePath('/settings/api-keys');
  return result;
}

/** Revokes a key of the current company at once; a key of another company is not found. */
export async function revokeApiKeyAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'revokeApiKeyAction', role: 'owner' },
    async ({ db, company, caller }) => revokeApiKey(await getAuth(), db, company.id, caller.userId, formObject(formData).keyId ?? ''),
    (key) => `Revoked ${key.name}`,
  );
  if (result.ok) revalidatePath('/settings/api-keys');
  return result;
}
