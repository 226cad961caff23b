'use server';

import { revalidatePath } from 'next/cache';
import { formObject, runCompanyAction } from '@/lib/http/action';
import { createParty } from '@/lib/ledger/parties';
import type { PartyInput } from '@/lib/ledger/schemas';

export async function createPartyAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'createPartyAction', role: 'accountant' },
    // Untyped form strings: the service parses them with the shared schema (kind included).
    ({ db, company }) => createParty(db, company.id, formObject(formData) as PartyInput),
    (p) => `${p.kind === 'customer' ? 'Customer' : 'Vendor'} ${p.name} added`,
  );
  if (result.ok) revalidatePath('/parties');
  return result;
}
