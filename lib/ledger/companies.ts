import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts, companies, journalEntries } from '@/db/schema/ledger';
import { fieldError, notFound, parseOrThrow } from '@/lib/errors';
import { DEFAULT_CHART } from './chart';
import { replanCompanyRules } from '@/lib/recurring/replan';
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

export async function listCompanies(db: Db): Promise<Company[]> {
  return db.select().from(companies).orderBy(asc(companies.createdAt), asc(companies.name));
}

/**
 * Changes a company's name, currency or time zone. The currency is fixed once anything is posted: amounts are
 * stored in its minor units. A new time zone re-plans when its recurring rules wake up.
 */
export async function updateCompanyProfile(db: Db, companyId: string, input: CompanyProfileInput): Promise<Company> {
  const profile = parseOrThrow(companyProfileInput, input);
  return db.transaction(async (tx) => {
    const current = await getCompanyOrThrow(tx, companyId);
    if (current.baseCurrency !== profile.baseCurrency && (await hasPostings(tx, companyId))) {
      throw fieldError('baseCurrency', 'The currency cannot change once documents are posted');
    }
    const [updated] = await tx.update(companies).set(profile).where(eq(companies.id, companyId)).returning();
    if (!updated) throw notFound('Company');
    // Rules wake at local midnight: a new zone moves every wake-up instant, never an occurrence date.
    if (current.timeZone !== updated.timeZone) await replanCompanyRules(tx, companyId, updated.timeZone);
    return updated;
  });
}

async function hasPostings(db: Db, companyId: string): Promise<boolean> {
  const rows = await db.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.companyId, companyId)).limit(1);
  return rows.length > 0;
}
