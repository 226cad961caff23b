import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { AccountType, SystemRole } from '@/db/schema/enums';
import { accounts } from '@/db/schema/ledger';
import { fieldError } from '@/lib/errors';
import { keysetFor, type KeysetPage, type KeysetQuery } from '@/lib/keyset';

export type Account = typeof accounts.$inferSelect;

export async function listAccounts(db: Db, companyId: string): Promise<Account[]> {
  return db.select().from(accounts).where(eq(accounts.companyId, companyId)).orderBy(asc(accounts.code));
}

/** Revenue or expense accounts a document may be booked to, the 4000 Revenue account included; archived ones are left out. */
export async function listCategories(db: Db, companyId: string, type: 'revenue' | 'expense'): Promise<Account[]> {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.companyId, companyId), eq(accounts.type, type), isNull(accounts.archivedAt)))
    .orderBy(asc(accounts.code));
}

/**
 * A keyset page of the company's revenue and expense categories in the order they last changed (the API's
 * list), archived ones included with their `archivedAt`, so that a sync sees a category being archived.
 */
export async function listCategoriesPage(
  db: Db,
  companyId: string,
  query: KeysetQuery & { type?: 'revenue' | 'expense' },
): Promise<KeysetPage<Account>> {
  const page = await keysetFor(db, query, { sortBy: accounts.updatedAt, id: accounts.id, updatedAt: accounts.updatedAt });
  const rows = await db
    .select({ account: accounts, ...page.select })
    .from(accounts)
    .where(and(eq(accounts.companyId, companyId), inArray(accounts.type, query.type ? [query.type] : ['revenue', 'expense']), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  return page.result(rows, (r) => r.account);
}

export type SystemAccounts = Record<SystemRole, number>;

/** The ids of the accounts the ledger posts to by itself. */
export async function systemAccountsOrThrow(db: Db, companyId: string): Promise<SystemAccounts> {
  const rows = await db
    .select({ id: accounts.id, role: accounts.role })
    .from(accounts)
    .where(and(eq(accounts.companyId, companyId), isNotNull(accounts.role)));
  const found = Object.fromEntries(rows.map((r) => [r.role, r.id])) as Partial<SystemAccounts>;
  for (const role of ['cash', 'receivable', 'payable', 'customer_credits', 'equity', 'revenue'] as const) {
    if (found[role] === undefined) throw new Error(`company ${companyId} has no ${role} account`);
  }
  return found as SystemAccounts;
}

/** A category of the company and of the expected type, or a field error on `field`. */
export async function categoryOrThrow(
  db: Db,
  companyId: string,
  accountId: number,
  type: Extract<AccountType, 'revenue' | 'expense'>,
  field = 'categoryId',
): Promise<Account> {
  const [account] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.companyId, companyId), eq(accounts.id, accountId)));
  if (!account) throw fieldError(field, 'Choose a category of this company');
  if (account.type !== type) throw fieldError(field, `Choose ${type === 'revenue' ? 'a revenue' : 'an expense'} category`);
  if (account.archivedAt) throw fieldError(field, 'This category is archived');
  return account;
}
