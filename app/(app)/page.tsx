import Link from 'next/link';
import { connection } from 'next/server';
import { DateText } from '@/components/date-text';
import { AgingTable } from '@/components/overview/aging-table';
import { CashFlowTable, MonthlyTable, cashFlowPoints, monthPoints } from '@/components/overview/chart-tables';
import { CashFlowChart, RevenueExpenseChart } from '@/components/overview/charts';
import { loadOverview } from '@/components/overview/overview-data';
import { RecurringStatusPanel } from '@/components/overview/recurring-status-panel';
import { UpcomingPostingsTable } from '@/components/overview/upcoming-postings';
import { BasisToggle } from '@/components/reports/basis-toggle';
import { queryValue, type ReportPageProps } from '@/components/reports/report-table';
import { todayInZone } from '@/lib/dates/calendar-date';
import { env } from '@/lib/env';
import { BASIS_LABELS } from '@/lib/ledger/report-periods';
import { getReportBasis } from '@/lib/ledger/report-preferences';
import { reportBasisForm } from '@/lib/ledger/schemas';
import { formatMoney } from '@/lib/money';
import { companyContext } from '@/lib/session/company-context';
import { ToEnter } from './_reminders/to-enter';
import { setReportBasisAction } from './reports/actions';

export const metadata = { title: 'Overview' };

/**
 * The Overview: where the books stand today (cash, open A/R and A/P and how late they are) and what comes next
 * (the rules' postings for 30 days, their cash for 90), from the same ledger services and recurring engine as
 * every other screen, as of the company's local today. The year's net income and the 12-month chart follow the
 * basis (the URL's `basis`, else the user's remembered choice, as on the P&L).
 */
export default async function OverviewPage({ searchParams }: ReportPageProps) {
  await connection();
  const [query, { db, company, caller }] = await Promise.all([searchParams, companyContext()]);
  const chosen = reportBasisForm.shape.basis.safeParse(queryValue(query.basis));
  const basis = chosen.success ? chosen.data : await getReportBasis(db, company.id, caller.userId);
  const zone = company.timeZone ?? 'UTC';
  const today = todayInZone(new Date(), company.timeZone ?? undefined);
  const data = await loadOverview(db, company, today, env().AILEGR_RECURRING_INTERVAL_MINUTES, basis);
  const money = (minor: bigint | number) => formatMoney(minor, company.baseCurrency);
  const currency = company.baseCurrency;
  return (
    <>
      <header className="page-head">
        <h1>{company.name}</h1>
        <p className="muted">
          Books as of <DateText date={today} /> ({zone}) · <strong data-testid="overview-basis">{BASIS_LABELS[basis]} basis</strong>
        </p>
        <BasisToggle current={basis} hrefs={{ accrual: '/?basis=accrual', cash: '/?basis=cash' }} remember={setReportBasisAction} />
      </header>
      <section className="cards" aria-label="Key figures">
        <Link className="card" href="/reports/balance-sheet">
          <span>Cash</span>
          <strong data-testid="cash">{money(data.cashMinor)}</strong>
        </Link>
        <Link className="card" href="/invoices">
          <span>Open receivables</span>
          <strong data-testid="open-ar">{money(data.receivables.totalMinor)}</strong>
        </Link>
        <Link className="card" href="/expenses">
          <span>Open payables</span>
          <strong data-testid="open-ap">{money(data.payables.totalMinor)}</strong>
        </Link>
        <Link className="card" href="/reports/profit-and-loss">
          <span>Net income this year</span>
          <strong data-testid="net-income-year">{money(data.netIncomeYearMinor)}</strong>
        </Link>
      </section>
      <ToEnter />

      <section className="panel" aria-labelledby="aging-heading">
        <h2 id="aging-heading">Aging</h2>
        <p className="muted">What is still owed, by days past its due date as of today.</p>
        <AgingTable receivables={data.receivables} payables={data.payables} money={money} />
      </section>

      <section className="panel" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Recurring postings, next 30 days</h2>
        <UpcomingPostingsTable upcoming={data.forecast.next30} money={money} />
      </section>

      <section className="panel" aria-labelledby="recurring-heading">
        <h2 id="recurring-heading">Recurring</h2>
        <RecurringStatusPanel status={data.recurring} zone={zone} locale={company.locale} />
      </section>

      <section className="panel" aria-labelledby="revenue-heading">
        <h2 id="revenue-heading">Revenue and expenses, last 12 months</h2>
        <RevenueExpenseChart points={monthPoints(data.months, currency)} currency={currency} />
        <details>
          <summary>The figures as a table</summary>
          <MonthlyTable months={data.months} money={money} />
        </details>
      </section>

      <section className="panel" aria-labelledby="cash-flow-heading">
        <h2 id="cash-flow-heading">Cash-flow forecast of recurring postings, next 90 days</h2>
        <p className="muted">Each posting counted on its due date: invoices in, bills out.</p>
        <CashFlowChart points={cashFlowPoints(data.forecast.cashFlow, currency)} currency={currency} />
        <details>
          <summary>The figures as a table</summary>
          <CashFlowTable weeks={data.forecast.cashFlow} money={money} />
        </details>
      </section>
    </>
  );
}
