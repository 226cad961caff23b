import { DateText } from '@/components/date-text';
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ScrollTable } from './scroll-table';
import type { MonthTotals } from '@/lib/ledger/monthly-totals';
import type { CashFlowWeek } from '@/lib/dashboard/recurring-forecast';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';
import type { WeekPoint } from './cash-flow-chart';
import type { MonthPoint } from './revenue-expense-chart';

/** The charts' figures as tables (their text alternative) and as the plain numbers a chart draws. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
const dayLabel = (date: string) => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;

/** Major units as a plain number, for drawing only (every figure people read is formatted from minor units). */
function drawn(minor: bigint, currency: string): number {
  return Number(toDecimalString(minor, currencyMinorDigits(currency)));
}

export function monthPoints(months: MonthTotals[], currency: string): MonthPoint[] {
  return months.map((m) => ({ label: monthLabel(m.month), revenue: drawn(m.revenueMinor, currency), expenses: drawn(m.expensesMinor, currency) }));
}

export function cashFlowPoints(weeks: CashFlowWeek[], currency: string): WeekPoint[] {
  return weeks.map((w) => ({ label: dayLabel(w.weekStart), in: drawn(w.inMinor, currency), out: drawn(w.outMinor, currency), cumulative: drawn(w.cumulativeMinor, currency) }));
}

export function MonthlyTable({ months, money }: { months: MonthTotals[]; money: (minor: bigint) => string }) {
  return (
    <ScrollTable aria-label="Revenue and expenses by month" data-testid="monthly-table">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Month</TableHead>
          <TableHead scope="col" className="text-right">Revenue</TableHead>
          <TableHead scope="col" className="text-right">Expenses</TableHead>
          <TableHead scope="col" className="text-right">Net</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {months.map((m) => (
          <TableRow key={m.month} data-month={m.month}>
            <TableHead scope="row" className="text-foreground normal-case tracking-normal">{monthLabel(m.month)}</TableHead>
            <TableCell className="text-right tabular-nums whitespace-nowrap">{money(m.revenueMinor)}</TableCell>
            <TableCell className="text-right tabular-nums whitespace-nowrap">{money(m.expensesMinor)}</TableCell>
            <TableCell className="text-right tabular-nums whitespace-nowrap">{money(m.revenueMinor - m.expensesMinor)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}

export function CashFlowTable({ weeks, money }: { weeks: CashFlowWeek[]; money: (minor: bigint) => string }) {
  return (
    <ScrollTable aria-label="Recurring cash flow by week" data-testid="cash-flow-table">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Week</TableHead>
          <TableHead scope="col" className="text-right">In</TableHead>
          <TableHead scope="col" className="text-right">Out</TableHead>
          <TableHead scope="col" className="text-right">Running net</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {weeks.map((w) => (
          <TableRow key={w.weekStart}>
            <TableHead scope="row" className="text-foreground normal-case tracking-normal whitespace-nowrap">
              <DateText date={w.weekStart} /> – <DateText date={w.weekEnd} />
            </TableHead>
            <TableCell className="text-right tabular-nums whitespace-nowrap">{money(w.inMinor)}</TableCell>
            <TableCell className="text-right tabular-nums whitespace-nowrap">{money(w.outMinor)}</TableCell>
            <TableCell className="text-right tabular-nums whitespace-nowrap">{money(w.cumulativeMinor)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}
