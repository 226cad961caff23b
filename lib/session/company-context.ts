import 'server-only';
import { cookies } from 'next/headers';
import { db as openDb, type Db } from '@/db/client';
import { type Company, listCompanies } from '@/lib/ledger/companies';
import { bootServer } from '@/lib/server/boot';

export const COMPANY_COOKIE = 'ailegr_company';

export interface CompanyContext {
  db: Db;
  company: Company;
  companies: Company[];
}

/**
 * The company a request works on: the one chosen in the switcher (a cookie), else the first. Every page, action
 * and route resolves it itself. Sign-in and per-company roles (issue 5) will narrow this to the caller's
 * memberships; until then every visitor of an instance works as its operator.
 */
export async function companyContext(): Promise<CompanyContext> {
  await bootServer();
  const db = await openDb();
  const all = await listCompanies(db);
  const chosen = (await cookies()).get(COMPANY_COOKIE)?.value;
  const company = all.find((c) => c.id === chosen) ?? all[0];
  if (!company) throw new Error('No company exists yet: set AILEGR_DEMO=true or create one with `npm run seed`.');
  return { db, company, companies: all };
}
