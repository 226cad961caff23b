import 'server-only';
import type { Db } from '@/db/client';
import type { ReportBasis } from '@/db/schema/enums';
import { openAging, type Aging } from '@/lib/dashboard/aging';
import { monthlyRevenueAndExpenses } from '@/lib/dashboard/monthly-totals';
import { recurringForecast, type RecurringForecast } from '@/lib/dashboard/recurring-forecast';
import { companyRecurringStatus, type CompanyRecurringStatus } from '@/lib/dashboard/recurring-status';
import { systemAccountsOrThrow } from '@/lib/ledger/accounts';
import type { Company } from '@/lib/ledger/companies';
import type { MonthTotals } from '@/lib/ledger/monthly-totals';
import { accountBalance, profitAndLoss } from '@/lib/ledger/reports';

export interface OverviewData {
  today: string;
  receivables: Aging;
  payables: Aging;
  cashMinor: bigint;
  netIncomeYearMinor: bigint;
  months: MonthTotals[];
  forecast: RecurringForecast;
  recurring: CompanyRecurringStatus;
}

/**
 * Everything the Overview shows, as of the company's local `today`, read through the ledger and engine services. The
 * year's net income and the 12-month chart are on `basis` (accrual or cash, issue 14); the open balances, their aging
 * and the forecast are what is owed and due, the same on either basis.
 */
export async function loadOverview(db: Db, company: Company, today: string, intervalMinutes: number, basis: ReportBasis = 'accrual'): Promise<OverviewData> {
  const system = await systemAccountsOrThrow(db, company.id);
  const [receivables, payables, cashMinor, pl, months, forecast, recurring] = await Promise.all([
    openAging(db, company.id, 'invoice', today),
    openAging(db, company.id, 'bill', today),
    accountBalance(db, company.id, system.cash, today),
    profitAndLoss(db, company.id, `${today.slice(0, 4)}-01-01`, today, basis),
    monthlyRevenueAndExpenses(db, company.id, today, 12, basis),
    recurringForecast(db, company.id, today, company.timeZone ?? undefined),
    companyRecurringStatus(db, company.id, intervalMinutes),
  ]);
  return { today, receivables, payables, cashMinor, netIncomeYearMinor: pl.netIncomeMinor, months, forecast, recurring };
}
