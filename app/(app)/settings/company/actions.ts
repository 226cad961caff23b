'use server';

import { revalidatePath } from 'next/cache';
import { formObject, runCompanyAction } from '@/lib/http/action';
import { updateCompanyProfile } from '@/lib/services/company-profile';
import type { CompanyProfileInput } from '@/lib/ledger/schemas';
import { previewZoneChange } from '@/lib/recurring/zone-moves';

export async function updateCompanyAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'updateCompanyAction', role: 'owner' },
    // Untyped form strings: the service parses them with the shared schema.
    ({ db, company }) => updateCompanyProfile(db, company.id, formObject(formData) as CompanyProfileInput),
    (c) => `Saved ${c.name}`,
  );
  // The name, currency and zone show in the top bar of every page.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

/**
 * How the company's recurring rules would move if its zone became `timeZone` (empty: UTC), before saving: the same
 * lifecycle event the save's re-plan applies. Writes nothing.
 */
export async function previewZoneChangeAction(_previous: unknown, formData: FormData) {
  return runCompanyAction({ name: 'previewZoneChangeAction', role: 'owner' }, ({ db, company }) =>
    previewZoneChange(db, company.id, { timeZone: formObject(formData).timeZone ?? '' }),
  );
}
