import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts, journalEntries, journalLines } from '@/db/schema/ledger';
import { addDays, addMonths } from '@/lib/dates/calendar-date';

export interface MonthTotals {
  /** 'YYYY-MM' */
  month: string;
  revenueMinor: bigint;
  expensesMinor: bigint;
}

/**
 * Revenue and expenses per calendar month (accrual, by entry date) for the `months` months ending with `today`'s
 * month, oldest first; a month with nothing posted is there with zeros, so a chart's axis has no gaps.
 */
export async function monthlyRevenueAndExpenses(db: Db, companyId: string, today: string, months = 12): Promise<MonthTotals[]> {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const from = addMonths(thisMonth, -(months - 1));
  const to = addDays(addMonths(thisMonth, 1), -1);
  const month = sql<string>`to_char(${journalEntries.entryDate}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, type: accounts.type, netMinor: sql<string>`sum(${journalLines.amountMinor})::text` })
    .from(journalLines)
    .innerJoin(journalEntries, and(eq(journalEntries.companyId, journalLines.companyId), eq(journalEntries.id, journalLines.entryId)))
    .innerJoin(accounts, and(eq(accounts.companyId, journalLines.companyId), eq(accounts.id, journalLines.accountId)))
    .where(
      and(
        eq(journalLines.companyId, companyId),
        inArray(accounts.type, ['revenue', 'expense']),
        gte(journalEntries.entryDate, from),
        lte(journalEntries.entryDate, to),
      ),
    )
    .groupBy(month, accounts.type);
  const totals: MonthTotals[] = Array.from({ length: months }, (_, i) => ({ month: addMonths(from, i).slice(0, 7), revenueMinor: 0n, expensesMinor: 0n }));
  for (const row of rows) {
    const slot = totals.find((t) => t.month === row.month);
    if (!slot) continue;
    // Revenue is a credit (negative net debit), expenses a debit: show both positive.
    if (row.type === 'revenue') slot.revenueMinor -= BigInt(row.netMinor);
    else slot.expensesMinor += BigInt(row.netMinor);
  }
  return totals;
}
