import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { AccountType, ReportBasis } from '@/db/schema/enums';
import { accounts, journalEntries, journalLines, parties } from '@/db/schema/ledger';
import { cashAmountsByAccount } from './cash-basis';

/**
 * Accrual reports (and the P&L on a cash basis too, lib/ledger/cash-basis.ts). Screens and the API both call these; amounts are minor units, shown with their natural sign
 * (revenue, liabilities and equity positive when they are credits). Every amount here is a `bigint`: one document
 * is at most MAX_AMOUNT_MINOR, but a sum of 91 of them passes Number.MAX_SAFE_INTEGER, where a double starts
 * rounding. PostgreSQL sums exactly (`sum(bigint)` is numeric, sent as a decimal string), and so does bigint.
 */

export interface AccountAmount {
  accountId: number;
  code: string;
  name: string;
  type: AccountType;
  amountMinor: bigint;
}

/**
 * Net debit (positive) or credit (negative) per account over entries dated in [from, to] and, in the same pass,
 * over those dated from `since` on (`sinceMinor`, 0 without `since`): the Balance Sheet needs both the balances
 * and the year's earnings, and one pass over the company's lines costs half of two (issue 13's benchmark).
 */
async function netByAccount(db: Db, companyId: string, range: { from?: string; to: string; since?: string }, types: AccountType[]) {
  const rows = await db
    .select({
      accountId: accounts.id,
      code: accounts.code,
      name: accounts.name,
      type: accounts.type,
      netMinor: sql<string>`coalesce(sum(${journalLines.amountMinor}), 0)`,
      sinceMinor: range.since
        ? sql<string>`coalesce(sum(${journalLines.amountMinor}) filter (where ${journalEntries.entryDate} >= ${range.since}), 0)`
        : sql<string>`0`,
    })
    .from(journalLines)
    .innerJoin(journalEntries, and(eq(journalEntries.companyId, journalLines.companyId), eq(journalEntries.id, journalLines.entryId)))
    .innerJoin(accounts, and(eq(accounts.companyId, journalLines.companyId), eq(accounts.id, journalLines.accountId)))
    .where(
      and(
        eq(journalLines.companyId, companyId),
        inArray(accounts.type, types),
        range.from ? gte(journalEntries.entryDate, range.from) : undefined,
        lte(journalEntries.entryDate, range.to),
      ),
    )
    .groupBy(accounts.id, accounts.code, accounts.name, accounts.type)
    .orderBy(asc(accounts.code));
  return rows.map((r) => ({ ...r, netMinor: BigInt(r.netMinor), sinceMinor: BigInt(r.sinceMinor) }));
}

const CREDIT_NATURE: ReadonlySet<AccountType> = new Set(['liability', 'equity', 'revenue']);
const natural = (type: AccountType, netMinor: bigint) => (CREDIT_NATURE.has(type) ? -netMinor : netMinor);

export interface ProfitAndLoss {
  from: string;
  to: string;
  /** Accrual: documents on their dates; cash: payments on theirs (lib/ledger/cash-basis.ts). */
  basis: ReportBasis;
  revenue: AccountAmount[];
  expenses: AccountAmount[];
  totalRevenueMinor: bigint;
  totalExpensesMinor: bigint;
  netIncomeMinor: bigint;
}

/** Profit & Loss by category from `from` to `to`, inclusive, on an accrual (the default) or a cash basis. */
export async function profitAndLoss(db: Db, companyId: string, from: string, to: string, basis: ReportBasis = 'accrual'): Promise<ProfitAndLoss> {
  const amounts =
    basis === 'cash'
      ? await cashAmountsByAccount(db, companyId, from, to)
      : (await netByAccount(db, companyId, { from, to }, ['revenue', 'expense']))
          .map((r) => ({ accountId: r.accountId, code: r.code, name: r.name, type: r.type, amountMinor: natural(r.type, r.netMinor) }))
          .filter((r) => r.amountMinor !== 0n);
  const revenue = amounts.filter((a) => a.type === 'revenue');
  const expenses = amounts.filter((a) => a.type === 'expense');
  const totalRevenueMinor = sum(revenue);
  const totalExpensesMinor = sum(expenses);
  return { from, to, basis, revenue, expenses, totalRevenueMinor, totalExpensesMinor, netIncomeMinor: totalRevenueMinor - totalExpensesMinor };
}

export interface BalanceSheet {
  asOf: string;
  assets: AccountAmount[];
  liabilities: AccountAmount[];
  equity: AccountAmount[];
  /** Profit of the calendar year of `asOf` up to `asOf`. */
  currentPeriodEarningsMinor: bigint;
  /** Profit of all earlier years, never closed into an account. */
  retainedEarningsMinor: bigint;
  totalAssetsMinor: bigint;
  totalLiabilitiesMinor: bigint;
  totalEquityMinor: bigint;
  balanced: boolean;
}

/** Balance Sheet as of a date: every entry dated on or before it, with the year's earnings shown in equity. */
export async function balanceSheet(db: Db, companyId: string, asOf: string): Promise<BalanceSheet> {
  // Every balance up to `asOf` and, beside each, its part since 1 January of that year: one pass, not two.
  const rows = await netByAccount(db, companyId, { to: asOf, since: `${asOf.slice(0, 4)}-01-01` }, ['asset', 'liability', 'equity', 'revenue', 'expense']);
  const earnings = (part: 'netMinor' | 'sinceMinor') => 0n - rows.filter((r) => r.type === 'revenue' || r.type === 'expense').reduce((t, r) => t + r[part], 0n);
  const allEarningsMinor = earnings('netMinor');
  const currentPeriodEarningsMinor = earnings('sinceMinor');
  const retainedEarningsMinor = allEarningsMinor - currentPeriodEarningsMinor;

  const pick = (type: AccountType) =>
    rows
      .filter((r) => r.type === type && r.netMinor !== 0n)
      .map((r) => ({ accountId: r.accountId, code: r.code, name: r.name, type: r.type, amountMinor: natural(type, r.netMinor) }));
  const assets = pick('asset');
  const liabilities = pick('liability');
  const equity = pick('equity');
  const totalAssetsMinor = sum(assets);
  const totalLiabilitiesMinor = sum(liabilities);
  const totalEquityMinor = sum(equity) + retainedEarningsMinor + currentPeriodEarningsMinor;
  return {
    asOf,
    assets,
    liabilities,
    equity,
    currentPeriodEarningsMinor,
    retainedEarningsMinor,
    totalAssetsMinor,
    totalLiabilitiesMinor,
    totalEquityMinor,
    balanced: totalAssetsMinor === totalLiabilitiesMinor + totalEquityMinor,
  };
}

export interface OpenBalance {
  partyId: number;
  partyName: string;
  documents: number;
  openMinor: bigint;
  oldestDueDate: string;
}

/** Open receivables (invoices) or payables (bills) by party: what is still owed, document by document summed. */
export async function openBalancesByParty(db: Db, companyId: string, kind: 'invoice' | 'bill'): Promise<OpenBalance[]> {
  const rows = await db
    .select({
      partyId: parties.id,
      partyName: parties.name,
      documents: sql<number>`count(*)::int`,
      openMinor: sql<string>`sum(${journalEntries.amountMinor} - ${journalEntries.paidMinor})`,
      oldestDueDate: sql<string>`min(${journalEntries.dueDate})`,
    })
    .from(journalEntries)
    .innerJoin(parties, and(eq(parties.companyId, journalEntries.companyId), eq(parties.id, journalEntries.partyId)))
    .where(
      and(
        eq(journalEntries.companyId, companyId),
        eq(journalEntries.kind, kind),
        inArray(journalEntries.status, ['open', 'partially_paid']),
      ),
    )
    .groupBy(parties.id, parties.name)
    .orderBy(asc(parties.name));
  return rows.map((r) => ({ ...r, openMinor: BigInt(r.openMinor) }));
}

/** The balance of one system account as of a date, in its natural sign (for tests and dashboards). */
export async function accountBalance(db: Db, companyId: string, accountId: number, asOf: string): Promise<bigint> {
  const [row] = await db
    .select({ type: accounts.type, netMinor: sql<string>`coalesce(sum(${journalLines.amountMinor}), 0)` })
    .from(accounts)
    .leftJoin(journalLines, and(eq(journalLines.companyId, accounts.companyId), eq(journalLines.accountId, accounts.id)))
    .leftJoin(journalEntries, and(eq(journalEntries.companyId, journalLines.companyId), eq(journalEntries.id, journalLines.entryId)))
    .where(and(eq(accounts.companyId, companyId), eq(accounts.id, accountId), sql`(${journalEntries.entryDate} is null or ${journalEntries.entryDate} <= ${asOf})`))
    .groupBy(accounts.type);
  return row ? natural(row.type, BigInt(row.netMinor)) : 0n;
}

function sum(list: { amountMinor: bigint }[]): bigint {
  return list.reduce((t, a) => t + a.amountMinor, 0n);
}
