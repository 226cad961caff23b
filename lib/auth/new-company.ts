import type { Db } from '@/db/client';
import { companyMembers } from '@/db/schema/auth';
import { createCompany, type Company } from '@/lib/ledger/companies';
import type { CompanyProfileInput } from '@/lib/ledger/schemas';

/**
 * A signed-in user starts a new set of books: the company with its chart of accounts (lib/ledger) and the user
 * as its owner, in one transaction, so there is never a company nobody owns. The membership is the organization
 * plugin's own row (`company_members`, lib/auth/auth.ts), written here rather than through the plugin's
 * addMember, which runs on its own connection and so could not join the company's transaction.
 *
 * @example const company = await createCompanyWithOwner(db, session.user.id, { name: 'Second Books', baseCurrency: 'EUR', timeZone: 'Europe/Paris' });
 */
export async function createCompanyWithOwner(db: Db, userId: string, input: CompanyProfileInput): Promise<Company> {
  return db.transaction(async (tx) => {
    const company = await createCompany(tx, input);
    await tx.insert(companyMembers).values({ companyId: company.id, userId, role: 'owner' });
    return company;
  });
}
