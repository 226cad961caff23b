import { DateText } from '@/components/date-text';
import { TableBody, TableCell, TableColumnHeads, TableHead, TableRow } from '@/components/ui/table';
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

/** The amount columns of a chart table's row, right-aligned and never wrapped. */
function AmountCells({ amounts, money }: { amounts: bigint[]; money: (minor: bigint) => string }) {
  return amounts.map((minor, i) => (
    <TableCell key={i} className="text-right tabular-nums whitespace-nowrap">
      {money(minor)}
    </TableCell>
  ));
}

const amountColumn = (label: string) => ({ label, numeric: true }) as const;

export function MonthlyTable({ months, money }: { months: MonthTotals[]; money: (minor: bigint) => string }) {
  return (
    <ScrollTable aria-label="Revenue and expenses by month" data-testid="monthly-table">
      <TableColumnHeads columns={['Month', amountColumn('Revenue'), amountColumn('Expenses'), amountColumn('Net')]} />
      <TableBody>
        {months.map((m) => (
          <TableRow key={m.month} data-month={m.month}>
            <TableHead scope="row" className="text-foreground normal-case tracking-normal">{monthLabel(m.month)}</TableHead>
            <AmountCells amounts={[m.revenueMinor, m.expensesMinor, m.revenueMinor - m.expensesMinor]} money={money} />
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}

export function CashFlowTable({ weeks, money }: { weeks: CashFlowWeek[]; money: (minor: bigint) => string }) {
  return (
    <ScrollTable aria-label="Recurring cash flow by week" data-testid="cash-flow-table">
      <TableColumnHeads columns={['Week', amountColumn('In'), amountColumn('Out'), amountColumn('Running net')]} />
      <TableBody>
        {weeks.map((w) => (
          <TableRow key={w.weekStart}>
            <TableHead scope="row" className="text-foreground normal-case tracking-normal whitespace-nowrap">
              <DateText date={w.weekStart} /> – <DateText date={w.weekEnd} />
            </TableHead>
            <AmountCells amounts={[w.inMinor, w.outMinor, w.cumulativeMinor]} money={money} />
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}
