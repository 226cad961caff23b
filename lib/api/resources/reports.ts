import { z } from 'zod';
import { ACCOUNT_TYPES, REPORT_BASES } from '@/db/schema/enums';
import type { AccountAmount, BalanceSheet, OpenBalance, ProfitAndLoss } from '@/lib/ledger/reports';
import { calendarDay, currency, decimalAmount, decimalOf, exactMinorAmount, exactMinorOf, recordIdValue } from '../values';

/**
 * The reports as the API shows them: every amount as a decimal string beside its `…Minor` units. Report totals
 * are sums of many documents, so `…Minor` may pass what a double holds: see `exactMinorAmount`.
 */

const accountAmount = z
  .object({
    accountId: recordIdValue,
    code: z.string(),
    name: z.string(),
    type: z.enum(ACCOUNT_TYPES),
    ...amountShape('amount'),
  })
  .meta({ id: 'ReportAccountAmount', description: 'One account’s amount, in its natural sign (revenue, liabilities and equity positive as credits)' });

function toAccountAmount(a: AccountAmount, currencyCode: string): z.output<typeof accountAmount> {
  return { accountId: a.accountId, code: a.code, name: a.name, type: a.type, amount: decimalOf(a.amountMinor, currencyCode), amountMinor: exactMinorOf(a.amountMinor) };
}

/** `{ [name]: '12.34', [name + 'Minor']: 1234 }` for a report total. */
function total<N extends string>(name: N, minor: bigint, currencyCode: string) {
  return { [name]: decimalOf(minor, currencyCode), [`${name}Minor`]: exactMinorOf(minor) } as Record<N, string> & Record<`${N}Minor`, number | string>;
}

/** The schema side of `total`: `{ [name]: decimalAmount, [name + 'Minor']: exactMinorAmount }`, the decimal described. */
function amountShape<N extends string>(name: N, description?: string) {
  const decimal = description ? decimalAmount.meta({ description }) : decimalAmount;
  return { [name]: decimal, [`${name}Minor`]: exactMinorAmount } as Record<N, typeof decimalAmount> & Record<`${N}Minor`, typeof exactMinorAmount>;
}

export const profitAndLossResponse = z
  .object({
    from: calendarDay,
    to: calendarDay,
    basis: z.enum(REPORT_BASES).meta({ description: 'Which basis the figures are on: `accrual` (documents on their dates) or `cash` (payments on theirs)' }),
    currency,
    revenue: z.array(accountAmount).meta({ description: 'Revenue by category, by account code; categories with nothing in the period left out' }),
    expenses: z.array(accountAmount),
    ...amountShape('totalRevenue'),
    ...amountShape('totalExpenses'),
    ...amountShape('netIncome'),
  })
  .meta({ id: 'ProfitAndLoss' });
export type ProfitAndLossResponse = z.output<typeof profitAndLossResponse>;

export function toProfitAndLossResponse(report: ProfitAndLoss, currencyCode: string): ProfitAndLossResponse {
  return {
    from: report.from,
    to: report.to,
    basis: report.basis,
    currency: currencyCode,
    revenue: report.revenue.map((a) => toAccountAmount(a, currencyCode)),
    expenses: report.expenses.map((a) => toAccountAmount(a, currencyCode)),
    ...total('totalRevenue', report.totalRevenueMinor, currencyCode),
    ...total('totalExpenses', report.totalExpensesMinor, currencyCode),
    ...total('netIncome', report.netIncomeMinor, currencyCode),
  };
}

export const balanceSheetResponse = z
  .object({
    asOf: calendarDay,
    currency,
    assets: z.array(accountAmount),
    liabilities: z.array(accountAmount),
    equity: z.array(accountAmount).meta({ description: 'Equity accounts; the earnings below are equity too, never closed into an account' }),
    ...amountShape('currentPeriodEarnings', 'Profit of the calendar year of `asOf`, up to it'),
    ...amountShape('retainedEarnings', 'Profit of all earlier years'),
    ...amountShape('totalAssets'),
    ...amountShape('totalLiabilities'),
    ...amountShape('totalEquity', 'Equity accounts plus retained and current-period earnings'),
    balanced: z.boolean().meta({ description: 'Assets equal liabilities plus equity (always, unless the books are broken)' }),
  })
  .meta({ id: 'BalanceSheet' });
export type BalanceSheetResponse = z.output<typeof balanceSheetResponse>;

export function toBalanceSheetResponse(report: BalanceSheet, currencyCode: string): BalanceSheetResponse {
  return {
    asOf: report.asOf,
    currency: currencyCode,
    assets: report.assets.map((a) => toAccountAmount(a, currencyCode)),
    liabilities: report.liabilities.map((a) => toAccountAmount(a, currencyCode)),
    equity: report.equity.map((a) => toAccountAmount(a, currencyCode)),
    ...total('currentPeriodEarnings', report.currentPeriodEarningsMinor, currencyCode),
    ...total('retainedEarnings', report.retainedEarningsMinor, currencyCode),
    ...total('totalAssets', report.totalAssetsMinor, currencyCode),
    ...total('totalLiabilities', report.totalLiabilitiesMinor, currencyCode),
    ...total('totalEquity', report.totalEquityMinor, currencyCode),
    balanced: report.balanced,
  };
}

export const OPEN_BALANCE_TYPES = ['invoice', 'expense'] as const;
export type OpenBalanceType = (typeof OPEN_BALANCE_TYPES)[number];

export const openBalancesResponse = z
  .object({
    type: z.enum(OPEN_BALANCE_TYPES).meta({ description: '`invoice`: what customers owe (A/R); `expense`: what the company owes vendors (A/P)' }),
    currency,
    parties: z.array(
      z.object({
        partyId: recordIdValue,
        partyName: z.string(),
        documents: z.number().int().positive().meta({ description: 'Open or partly paid documents' }),
        ...amountShape('open'),
        oldestDueDate: calendarDay,
      }),
    ),
    ...amountShape('total'),
  })
  .meta({ id: 'OpenBalances' });
export type OpenBalancesResponse = z.output<typeof openBalancesResponse>;

export function toOpenBalancesResponse(type: OpenBalanceType, rows: OpenBalance[], currencyCode: string): OpenBalancesResponse {
  return {
    type,
    currency: currencyCode,
    parties: rows.map((r) => ({
      partyId: r.partyId,
      partyName: r.partyName,
      documents: r.documents,
      open: decimalOf(r.openMinor, currencyCode),
      openMinor: exactMinorOf(r.openMinor),
      oldestDueDate: r.oldestDueDate,
    })),
    ...total(
      'total',
      rows.reduce((t, r) => t + r.openMinor, 0n),
      currencyCode,
    ),
  };
}
