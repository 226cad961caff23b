import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { accounts, companies, journalEntries } from '@/db/schema/ledger';
import { fieldError, notFound, parseOrThrow } from '@/lib/errors';
import { DEFAULT_CHART } from './chart';
import { companyProfileInput, type CompanyProfileInput } from './schemas';

export type Company = typeof companies.$inferSelect;

/** Creates a company with its default chart of accounts, in one transaction. */
export async function createCompany(db: Db, input: CompanyProfileInput): Promise<Company> {
  const profile = parseOrThrow(companyProfileInput, input);
  return db.transaction(async (tx) => {
    const [company] = await tx.insert(companies).values(profile).returning();
    if (!company) throw new Error('company insert returned no row');
    await tx.insert(accounts).values(DEFAULT_CHART.map((a) => ({ ...a, companyId: company.id })));
    return company;
  });
}

export async function getCompanyOrThrow(db: Db, companyId: string): Promise<Company> {
  const [company] = await db.select().from(companies).where(eq(companies.id, companyId));
  if (!company) throw notFound('Company');
  return company;
}

/**
 * Writes a company's parsed profile (name, currency, time zone) inside the caller's transaction and returns it as
 * it was and as it is. The currency is fixed once anything is posted: amounts are stored in its minor units.
 * What a new zone means for recurring rules is decided above the ledger (lib/services/company-profile.ts).
 */
export async function writeCompanyProfile(
  tx: Db,
  companyId: string,
  profile: z.output<typeof companyProfileInput>,
): Promise<{ previous: Company; updated: Company }> {
  const previous = await getCompanyOrThrow(tx, companyId);
  if (previous.baseCurrency !== profile.baseCurrency && (await hasPostings(tx, companyId))) {
    throw fieldError('baseCurrency', 'The currency cannot change once documents are posted');
  }
  const [updated] = await tx.update(companies).set(profile).where(eq(companies.id, companyId)).returning();
  if (!updated) throw notFound('Company');
  return { previous, updated };
}

async function hasPostings(db: Db, companyId: string): Promise<boolean> {
  const rows = await db.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.companyId, companyId)).limit(1);
  return rows.length > 0;
}
