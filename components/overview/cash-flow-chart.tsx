'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface WeekPoint {
  label: string;
  in: number;
  out: number;
  cumulative: number;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * The recurring postings' cash over 90 days, week by week (in, out, and the running net). For the eye only: the
 * page gives the same figures as a table.
 */
export function CashFlowChart({ points, currency }: { points: WeekPoint[]; currency: string }) {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return (
    <div aria-hidden="true" className="h-64 w-full" data-testid="cash-flow-chart">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        <ComposedChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis dataKey="label" tick={{ fill: 'var(--color-muted-foreground)', fontSize: 12 }} stroke="var(--color-border)" />
          <YAxis tickFormatter={(v: number) => compact.format(v)} tick={{ fill: 'var(--color-muted-foreground)', fontSize: 12 }} stroke="var(--color-border)" width={48} />
          <Tooltip
            formatter={(value) => money.format(Number(value))}
            contentStyle={{ background: 'var(--color-popover)', color: 'var(--color-popover-foreground)', border: '1px solid var(--color-border)' }}
            cursor={{ fill: 'var(--color-muted)' }}
          />
          <Legend />
          <Bar dataKey="in" name="In (invoices)" fill="var(--color-success)" radius={[3, 3, 0, 0]} />
          <Bar dataKey="out" name="Out (bills)" fill="var(--color-destructive)" radius={[3, 3, 0, 0]} />
          <Line dataKey="cumulative" name="Running net" type="monotone" stroke="var(--color-info)" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
