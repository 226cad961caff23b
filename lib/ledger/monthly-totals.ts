import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ReportBasis } from '@/db/schema/enums';
import { rowsOf } from '@/db/sql-batch';
import { cashMovementsSql } from './cash-basis';

/** One calendar month's P&L totals, in natural sign (revenue and expenses both positive). */
export interface MonthTotals {
  /** 'YYYY-MM'. */
  month: string;
  revenueMinor: bigint;
  expensesMinor: bigint;
}

/**
 * Revenue and expenses per calendar month over [from, to] on a basis, one query whatever the span: what a
 * 12-month chart (the Overview's, issue 13) needs, on the basis its reader chose (issue 14). Months with nothing
 * are left out; each month's figures are those of `profitAndLoss` over that month (tests/ledger-cash-basis.test.ts).
 */
export async function monthlyTotals(db: Db, companyId: string, from: string, to: string, basis: ReportBasis): Promise<MonthTotals[]> {
  const amounts =
    basis === 'cash'
      ? sql`select m.entry_date, m.account_id, m.amount_minor from (${cashMovementsSql(companyId, from, to)}) m`
      : sql`
          select e.entry_date, l.account_id, -l.amount_minor as amount_minor
          from journal_lines l join journal_entries e on e.company_id = l.company_id and e.id = l.entry_id
          where l.company_id = ${companyId} and e.entry_date between ${from} and ${to}`;
  // Accrual lines are negated above (credits positive), so revenue reads as is and an expense's debit is negated back.
  const rows = rowsOf<{ month: string; revenue_minor: string; expenses_minor: string }>(
    await db.execute(sql`
      select to_char(x.entry_date, 'YYYY-MM') as month,
        coalesce(sum(x.amount_minor) filter (where a.type = 'revenue'), 0)::text as revenue_minor,
        coalesce(sum(${basis === 'cash' ? sql`x.amount_minor` : sql`-x.amount_minor`}) filter (where a.type = 'expense'), 0)::text as expenses_minor
      from (${amounts}) x
      join accounts a on a.company_id = ${companyId} and a.id = x.account_id and a.type in ('revenue', 'expense')
      group by 1
      order by 1`),
  );
  return rows
    .map((r) => ({ month: r.month, revenueMinor: BigInt(r.revenue_minor), expensesMinor: BigInt(r.expenses_minor) }))
    .filter((r) => r.revenueMinor !== 0n || r.expensesMinor !== 0n);
}
