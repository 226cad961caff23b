import { DateFilter, QueryError, queryProblems } from '@/components/reports/date-filter';
import { accountSection, queryValue, ReportHead, ReportTable, type ReportPageProps } from '@/components/reports/report-table';
import { addDays, todayInZone } from '@/lib/dates/calendar-date';
import { profitAndLoss } from '@/lib/ledger/reports';
import { periodInput } from '@/lib/ledger/schemas';
import { companyContext } from '@/lib/session/company-context';

export const metadata = { title: 'Profit & Loss' };

const PATH = '/reports/profit-and-loss';

export default async function ProfitAndLossPage({ searchParams }: ReportPageProps) {
  const [query, { db, company }] = await Promise.all([searchParams, companyContext()]);
  const today = todayInZone(new Date(), company.timeZone ?? undefined);
  const year = Number(today.slice(0, 4));
  const from = queryValue(query.from) || `${year}-01-01`;
  const to = queryValue(query.to) || today;
  const period = periodInput.safeParse({ from, to });
  const report = period.success ? await profitAndLoss(db, company.id, period.data.from, period.data.to) : null;
  const currency = company.baseCurrency;
  return (
    <>
      <ReportHead title="Profit & Loss" covers={report && `${report.from} to ${report.to} · accrual basis · ${currency}`} />
      <DateFilter
        path={PATH}
        fields={[
          { name: 'from', label: 'From', value: from },
          { name: 'to', label: 'To', value: to },
        ]}
        presets={[
          { label: 'This month', href: `${PATH}?from=${today.slice(0, 7)}-01&to=${today}` },
          { label: 'This year to date', href: `${PATH}?from=${year}-01-01&to=${today}` },
          { label: 'Last year', href: `${PATH}?from=${year - 1}-01-01&to=${addDays(`${year}-01-01`, -1)}` },
        ]}
      />
      <QueryError problems={queryProblems(period, { from: 'From', to: 'To' })} />
      {report && (
        <ReportTable
          label="Profit and loss"
          amountHeading="Amount"
          currency={currency}
          sections={[
            accountSection('Revenue', report.revenue, report.totalRevenueMinor, 'No revenue in this period.'),
            accountSection('Expenses', report.expenses, report.totalExpensesMinor, 'No expenses in this period.'),
          ]}
          grandTotal={{ label: 'Net income', amountMinor: report.netIncomeMinor }}
        />
      )}
    </>
  );
}
