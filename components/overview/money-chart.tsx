'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One series of a money chart: bars (amounts per period) or a line (a running figure), in a theme colour. */
export interface MoneySeries<P> {
  key: Extract<keyof P, string>;
  name: string;
  kind: 'bar' | 'line';
  color: string;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Amounts per period on the Overview, drawn for the eye only (hidden from assistive tech): the page puts the same
 * figures in a table beside each chart. Colours are the theme's tokens, so a chart follows dark mode.
 */
export function MoneyChart<P extends { label: string }>({ points, series, currency, testId }: { points: P[]; series: MoneySeries<P>[]; currency: string; testId: string }) {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return (
    <div aria-hidden="true" className="h-64 w-full" data-testid={testId}>
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
          {series.map((s) =>
            s.kind === 'bar' ? (
              <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} radius={[3, 3, 0, 0]} />
            ) : (
              <Line key={s.key} dataKey={s.key} name={s.name} type="monotone" stroke={s.color} strokeWidth={2} dot={false} />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
