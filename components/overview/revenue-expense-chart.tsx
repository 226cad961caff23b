'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface MonthPoint {
  label: string;
  revenue: number;
  expenses: number;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Twelve months of revenue against expenses. Drawn for the eye only (hidden from assistive tech): the page puts the
 * same figures in a table beside it. Colours are the theme's tokens, so it follows dark mode.
 */
export function RevenueExpenseChart({ points, currency }: { points: MonthPoint[]; currency: string }) {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return (
    <div aria-hidden="true" className="h-64 w-full" data-testid="revenue-expense-chart">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        <BarChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis dataKey="label" tick={{ fill: 'var(--color-muted-foreground)', fontSize: 12 }} stroke="var(--color-border)" />
          <YAxis tickFormatter={(v: number) => compact.format(v)} tick={{ fill: 'var(--color-muted-foreground)', fontSize: 12 }} stroke="var(--color-border)" width={48} />
          <Tooltip
            formatter={(value) => money.format(Number(value))}
            contentStyle={{ background: 'var(--color-popover)', color: 'var(--color-popover-foreground)', border: '1px solid var(--color-border)' }}
            cursor={{ fill: 'var(--color-muted)' }}
          />
          <Legend />
          <Bar dataKey="revenue" name="Revenue" fill="var(--color-success)" radius={[3, 3, 0, 0]} />
          <Bar dataKey="expenses" name="Expenses" fill="var(--color-destructive)" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
