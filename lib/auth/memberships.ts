import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { companyMembers } from '@/db/schema/auth';
import { companies } from '@/db/schema/ledger';
import type { Company } from '@/lib/ledger/companies';
import { isRole, type Role } from './roles';

export interface Membership {
  company: Company;
  role: Role;
}

/** The companies a user belongs to, oldest membership first (the first is where a new session starts). */
export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .select({ company: companies, role: companyMembers.role })
    .from(companyMembers)
    .innerJoin(companies, eq(companies.id, companyMembers.companyId))
    .where(eq(companyMembers.userId, userId))
    .orderBy(asc(companyMembers.createdAt), asc(companies.name));
  // The database refuses any other role; the guard only narrows the type.
  return rows.flatMap((r) => (isRole(r.role) ? [{ company: r.company, role: r.role }] : []));
}

/**
 * The company a session works on: its chosen one (the switcher) while the user is still a member there, else
 * the first membership. Null when the user belongs to no company.
 */
export function currentMembership(memberships: Membership[], activeCompanyId: string | null | undefined): Membership | null {
  return memberships.find((m) => m.company.id === activeCompanyId) ?? memberships[0] ?? null;
}
