import type { Db } from '@/db/client';
import { parseOrThrow } from '@/lib/errors';
import { writeCompanyProfile, type Company } from '@/lib/ledger/companies';
import { companyProfileInput, type CompanyProfileInput } from '@/lib/ledger/schemas';
import { replanCompanyRules } from '@/lib/recurring/replan';

/**
 * Changes a company's name, currency or time zone (the company settings form and `PATCH /api/company`), in one
 * transaction. The ledger writes the profile; a new time zone then re-plans when the company's recurring rules wake
 * up. It lives above both because the engine posts into the ledger: the ledger must not import the engine back.
 */
export async function updateCompanyProfile(db: Db, companyId: string, input: CompanyProfileInput): Promise<Company> {
  const profile = parseOrThrow(companyProfileInput, input);
  return db.transaction(async (tx) => {
    const { previous, updated } = await writeCompanyProfile(tx, companyId, profile);
    // Rules wake at local midnight: a new zone moves every wake-up instant, never an occurrence date.
    if (previous.timeZone !== updated.timeZone) await replanCompanyRules(tx, companyId, updated.timeZone);
    return updated;
  });
}
