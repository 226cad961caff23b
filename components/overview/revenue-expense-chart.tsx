'use client';

import { MoneyChart, type MoneySeries } from './money-chart';

export interface MonthPoint {
  label: string;
  revenue: number;
  expenses: number;
}

const SERIES: MoneySeries<MonthPoint>[] = [
  { key: 'revenue', name: 'Revenue', kind: 'bar', color: 'var(--color-success)' },
  { key: 'expenses', name: 'Expenses', kind: 'bar', color: 'var(--color-destructive)' },
];

/** Twelve months of revenue against expenses. */
export function RevenueExpenseChart({ points, currency }: { points: MonthPoint[]; currency: string }) {
  return <MoneyChart points={points} series={SERIES} currency={currency} testId="revenue-expense-chart" />;
}
