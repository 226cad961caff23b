import { toCsv } from '@/lib/csv';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';
import type { ComparedAmount, ComparedProfitAndLoss, ComparedTotal } from './report-comparison';
import type { AccountAmount, BalanceSheet } from './reports';

/**
 * A report as rows, the one shape both its screen table and its CSV export are made from, so the two cannot
 * disagree: the CSV holds exactly the screen's amount rows (section headings and "nothing here" notes are the
 * screen's alone; the CSV names each row's section in a column instead).
 */

type ReportRowKind = 'account' | 'computed' | 'total' | 'grand';

export interface ReportRow {
  kind: ReportRowKind;
  /** The section the row belongs to; the grand total's is the report's name. */
  section: string;
  label: string;
  /** An account line drills down into this account's entries. */
  accountId?: number;
  /** One per amount column of the report. */
  amounts: bigint[];
}

export interface ReportSectionRows {
  title: string;
  /** Shown when the section has no account lines. */
  emptyText: string;
  rows: ReportRow[];
}

export interface ReportView {
  /** The amount columns' headings. */
  columns: string[];
  sections: ReportSectionRows[];
  grand: ReportRow;
}

const accountLabel = (a: { code: string; name: string }) => `${a.code} · ${a.name}`;

function comparedSection(title: string, lines: ComparedAmount[], total: ComparedTotal, emptyText: string, withComparison: boolean): ReportSectionRows {
  const amounts = (x: { amountMinor: bigint; previousMinor: bigint; changeMinor: bigint }) =>
    withComparison ? [x.amountMinor, x.previousMinor, x.changeMinor] : [x.amountMinor];
  return {
    title,
    emptyText,
    rows: [
      ...lines.map((l) => ({ kind: 'account' as const, section: title, label: accountLabel(l), accountId: l.accountId, amounts: amounts(l) })),
      { kind: 'total', section: title, label: `Total ${title.toLowerCase()}`, amounts: amounts(total) },
    ],
  };
}

/** The P&L's rows: revenue and expenses by account, with the comparison and change columns when it has a comparison. */
export function profitAndLossView(pl: ComparedProfitAndLoss, comparisonHeading: string): ReportView {
  const withComparison = pl.previous !== null;
  const net = pl.netIncome;
  return {
    columns: withComparison ? ['This period', comparisonHeading, 'Change'] : ['Amount'],
    sections: [
      comparedSection('Revenue', pl.revenue, pl.totalRevenue, 'No revenue in this period.', withComparison),
      comparedSection('Expenses', pl.expenses, pl.totalExpenses, 'No expenses in this period.', withComparison),
    ],
    grand: { kind: 'grand', section: 'Profit and loss', label: 'Net income', amounts: withComparison ? [net.amountMinor, net.previousMinor, net.changeMinor] : [net.amountMinor] },
  };
}

function balanceSection(title: string, accounts: AccountAmount[], totalMinor: bigint, emptyText: string, computed: { label: string; amountMinor: bigint }[] = []): ReportSectionRows {
  return {
    title,
    emptyText,
    rows: [
      ...accounts.map((a) => ({ kind: 'account' as const, section: title, label: accountLabel(a), accountId: a.accountId, amounts: [a.amountMinor] })),
      ...computed.map((c) => ({ kind: 'computed' as const, section: title, label: c.label, amounts: [c.amountMinor] })),
      { kind: 'total', section: title, label: `Total ${title.toLowerCase()}`, amounts: [totalMinor] },
    ],
  };
}

/** The Balance Sheet's rows: assets, liabilities and equity (with the earnings no account holds), and the check total. */
export function balanceSheetView(sheet: BalanceSheet): ReportView {
  return {
    columns: ['Balance'],
    sections: [
      balanceSection('Assets', sheet.assets, sheet.totalAssetsMinor, 'No assets.'),
      balanceSection('Liabilities', sheet.liabilities, sheet.totalLiabilitiesMinor, 'No liabilities.'),
      balanceSection('Equity', sheet.equity, sheet.totalEquityMinor, 'No equity accounts.', [
        { label: 'Retained earnings (earlier years)', amountMinor: sheet.retainedEarningsMinor },
        { label: `Current-period earnings (${sheet.asOf.slice(0, 4)} to date)`, amountMinor: sheet.currentPeriodEarningsMinor },
      ]),
    ],
    grand: { kind: 'grand', section: 'Balance sheet', label: 'Total liabilities and equity', amounts: [sheet.totalLiabilitiesMinor + sheet.totalEquityMinor] },
  };
}

/** Every amount row of a report, in screen order. */
export function reportRows(view: ReportView): ReportRow[] {
  return [...view.sections.flatMap((s) => s.rows), view.grand];
}

/**
 * The report as CSV: `Section, Account, <amount columns>`, one record per amount row, amounts as plain decimals in
 * the currency's minor digits (`-1234.50`), which every spreadsheet reads as a number.
 */
export function reportCsv(view: ReportView, currency: string): string {
  const digits = currencyMinorDigits(currency);
  return toCsv(
    ['Section', 'Account', ...view.columns.map((c) => `${c} (${currency})`)],
    reportRows(view).map((r) => [r.section, r.label, ...r.amounts.map((a) => toDecimalString(a, digits))]),
  );
}
