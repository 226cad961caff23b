import type { Db } from '@/db/client';
import type { ReportBasis } from '@/db/schema/enums';
import type { Comparison, Period } from './report-periods';
import { comparisonPeriod } from './report-periods';
import { profitAndLoss, type AccountAmount, type ProfitAndLoss } from './reports';

/** One account of a compared P&L: its amount in the period, in the comparison period, and the change. */
export interface ComparedAmount {
  accountId: number;
  code: string;
  name: string;
  amountMinor: bigint;
  previousMinor: bigint;
  changeMinor: bigint;
}

export interface ComparedTotal {
  amountMinor: bigint;
  previousMinor: bigint;
  changeMinor: bigint;
}

export interface ComparedProfitAndLoss {
  report: ProfitAndLoss;
  /** The period compared with; null when there is no comparison. */
  previous: Period | null;
  revenue: ComparedAmount[];
  expenses: ComparedAmount[];
  totalRevenue: ComparedTotal;
  totalExpenses: ComparedTotal;
  netIncome: ComparedTotal;
}

/**
 * Both periods' accounts side by side, in code order: an account with an amount in either period is a line (zero
 * in the other). `change = amount − previous`, so a fall is negative whatever the section.
 *
 * @example compareAccounts([{ accountId: 1, code: '4100', …, amountMinor: 500n }], []) // [{ …, amountMinor: 500n, previousMinor: 0n, changeMinor: 500n }]
 */
export function compareAccounts(current: AccountAmount[], previous: AccountAmount[]): ComparedAmount[] {
  const byId = new Map<number, ComparedAmount>();
  for (const [list, side] of [
    [current, 'amountMinor'],
    [previous, 'previousMinor'],
  ] as const) {
    for (const a of list) {
      const line = byId.get(a.accountId) ?? { accountId: a.accountId, code: a.code, name: a.name, amountMinor: 0n, previousMinor: 0n, changeMinor: 0n };
      line[side] = a.amountMinor;
      byId.set(a.accountId, line);
    }
  }
  return [...byId.values()]
    .map((l) => ({ ...l, changeMinor: l.amountMinor - l.previousMinor }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const compareTotal = (amountMinor: bigint, previousMinor: bigint): ComparedTotal => ({ amountMinor, previousMinor, changeMinor: amountMinor - previousMinor });

/** The P&L of `period` on `basis`, with a comparison column for the period `comparison` picks (lib/ledger/report-periods.ts). */
export async function comparedProfitAndLoss(db: Db, companyId: string, period: Period, basis: ReportBasis, comparison: Comparison): Promise<ComparedProfitAndLoss> {
  const previous = comparisonPeriod(period, comparison);
  const [report, before] = await Promise.all([
    profitAndLoss(db, companyId, period.from, period.to, basis),
    previous ? profitAndLoss(db, companyId, previous.from, previous.to, basis) : null,
  ]);
  return {
    report,
    previous,
    revenue: compareAccounts(report.revenue, before?.revenue ?? []),
    expenses: compareAccounts(report.expenses, before?.expenses ?? []),
    totalRevenue: compareTotal(report.totalRevenueMinor, before?.totalRevenueMinor ?? 0n),
    totalExpenses: compareTotal(report.totalExpensesMinor, before?.totalExpensesMinor ?? 0n),
    netIncome: compareTotal(report.netIncomeMinor, before?.netIncomeMinor ?? 0n),
  };
}
