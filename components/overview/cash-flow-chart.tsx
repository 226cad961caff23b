'use client';

import { MoneyChart, type MoneySeries } from './money-chart';

export interface WeekPoint {
  label: string;
  in: number;
  out: number;
  cumulative: number;
}

const SERIES: MoneySeries<WeekPoint>[] = [
  { key: 'in', name: 'In (invoices)', kind: 'bar', color: 'var(--color-success)' },
  { key: 'out', name: 'Out (bills)', kind: 'bar', color: 'var(--color-destructive)' },
  { key: 'cumulative', name: 'Running net', kind: 'line', color: 'var(--color-info)' },
];

/** The recurring postings' cash over 90 days, week by week: in, out, and the running net. */
export function CashFlowChart({ points, currency }: { points: WeekPoint[]; currency: string }) {
  return <MoneyChart points={points} series={SERIES} currency={currency} testId="cash-flow-chart" />;
}
