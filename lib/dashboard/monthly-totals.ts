import type { Db } from '@/db/client';
import type { ReportBasis } from '@/db/schema/enums';
import { addDays, addMonths } from '@/lib/dates/calendar-date';
import { monthlyTotals, type MonthTotals } from '@/lib/ledger/monthly-totals';

/**
 * Revenue and expenses per calendar month on a basis for the `months` months ending with `today`'s month, oldest
 * first; a month with nothing posted is there with zeros, so a chart's axis has no gaps. The sums are the ledger's
 * one monthly query (`monthlyTotals`), which the cash-basis tests hold equal to `profitAndLoss` month by month.
 */
export async function monthlyRevenueAndExpenses(
  db: Db,
  companyId: string,
  today: string,
  months = 12,
  basis: ReportBasis = 'accrual',
): Promise<MonthTotals[]> {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const from = addMonths(thisMonth, -(months - 1));
  const to = addDays(addMonths(thisMonth, 1), -1);
  const found = new Map((await monthlyTotals(db, companyId, from, to, basis)).map((m) => [m.month, m]));
  return Array.from({ length: months }, (_, i) => {
    const month = addMonths(from, i).slice(0, 7);
    return found.get(month) ?? { month, revenueMinor: 0n, expensesMinor: 0n };
  });
}
