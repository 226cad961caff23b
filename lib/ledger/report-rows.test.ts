import { describe, expect, it } from 'vitest';
import { compareAccounts, type ComparedProfitAndLoss } from './report-comparison';
import { profitAndLossView, reportCsv, reportRows } from './report-rows';

const consulting = { accountId: 7, code: '4100', name: 'Consulting Revenue', type: 'revenue' as const };
const products = { accountId: 9, code: '4300', name: 'Product Sales', type: 'revenue' as const };
const rent = { accountId: 11, code: '5000', name: 'Rent', type: 'expense' as const };

describe('compareAccounts', () => {
  it('puts every account of either period on one line, zero where it had nothing, change = this − previous, in code order', () => {
    expect(compareAccounts([{ ...products, amountMinor: 300n }, { ...consulting, amountMinor: 1_000n }], [{ ...consulting, amountMinor: 1_500n }])).toEqual([
      { accountId: 7, code: '4100', name: 'Consulting Revenue', amountMinor: 1_000n, previousMinor: 1_500n, changeMinor: -500n },
      { accountId: 9, code: '4300', name: 'Product Sales', amountMinor: 300n, previousMinor: 0n, changeMinor: 300n },
    ]);
  });
});

describe('the P&L as rows and as CSV', () => {
  const pl: ComparedProfitAndLoss = {
    report: { from: '2026-03-01', to: '2026-03-31', basis: 'cash', revenue: [], expenses: [], totalRevenueMinor: 0n, totalExpensesMinor: 0n, netIncomeMinor: 0n },
    previous: { from: '2026-02-01', to: '2026-02-28' },
    revenue: compareAccounts([{ ...consulting, amountMinor: 100_000n }], [{ ...consulting, amountMinor: 40_000n }]),
    expenses: compareAccounts([], [{ ...rent, amountMinor: 1_234_50n }]),
    totalRevenue: { amountMinor: 100_000n, previousMinor: 40_000n, changeMinor: 60_000n },
    totalExpenses: { amountMinor: 0n, previousMinor: 1_234_50n, changeMinor: -1_234_50n },
    netIncome: { amountMinor: 100_000n, previousMinor: -83_450n, changeMinor: 183_450n },
  };

  it('gives the screen and the CSV the same rows, with the comparison and change columns', () => {
    const view = profitAndLossView(pl, 'Previous period');
    expect(view.columns).toEqual(['This period', 'Previous period', 'Change']);
    expect(reportRows(view).map((r) => [r.kind, r.section, r.label, ...r.amounts])).toEqual([
      ['account', 'Revenue', '4100 · Consulting Revenue', 100_000n, 40_000n, 60_000n],
      ['total', 'Revenue', 'Total revenue', 100_000n, 40_000n, 60_000n],
      ['account', 'Expenses', '5000 · Rent', 0n, 1_234_50n, -1_234_50n],
      ['total', 'Expenses', 'Total expenses', 0n, 1_234_50n, -1_234_50n],
      ['grand', 'Profit and loss', 'Net income', 100_000n, -83_450n, 183_450n],
    ]);
    expect(reportCsv(view, 'USD')).toBe(
      'Section,Account,This period (USD),Previous period (USD),Change (USD)\r\n' +
        'Revenue,4100 · Consulting Revenue,1000.00,400.00,600.00\r\n' +
        'Revenue,Total revenue,1000.00,400.00,600.00\r\n' +
        'Expenses,5000 · Rent,0.00,1234.50,-1234.50\r\n' +
        'Expenses,Total expenses,0.00,1234.50,-1234.50\r\n' +
        'Profit and loss,Net income,1000.00,-834.50,1834.50\r\n',
    );
  });

  it('has one amount column when there is no comparison', () => {
    const view = profitAndLossView({ ...pl, previous: null }, 'No comparison');
    expect(view.columns).toEqual(['Amount']);
    expect(reportRows(view).map((r) => r.amounts)).toEqual([[100_000n], [100_000n], [0n], [0n], [100_000n]]);
  });
});
