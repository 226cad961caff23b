import { DateFilter, QueryError, queryProblems } from '@/components/reports/date-filter';
import { ReportSection, accountLines } from '@/components/reports/report-section';
import { addDays, todayInZone } from '@/lib/dates/calendar-date';
import { profitAndLoss } from '@/lib/ledger/reports';
import { periodInput } from '@/lib/ledger/schemas';
import { formatMoney } from '@/lib/money';
import { companyContext } from '@/lib/session/company-context';

export const metadata = { title: 'Profit & Loss' };

const PATH = '/reports/profit-and-loss';
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ProfitAndLossPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const { db, company } = await companyContext();
  const today = todayInZone(new Date(), company.timeZone ?? undefined);
  const year = Number(today.slice(0, 4));
  const from = first(query.from) || `${year}-01-01`;
  const to = first(query.to) || today;
  const period = periodInput.safeParse({ from, to });
  const report = period.success ? await profitAndLoss(db, company.id, period.data.from, period.data.to) : null;
  const currency = company.baseCurrency;
  return (
    <>
      <header className="page-head">
        <h1>Profit &amp; Loss</h1>
        {report && (
          <p className="muted">
            {report.from} to {report.to} · accrual basis · {currency}
          </p>
        )}
      </header>
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
        <table aria-label="Profit and loss" className="report">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <ReportSection
            title="Revenue"
            lines={accountLines(report.revenue)}
            totalLabel="Total revenue"
            totalMinor={report.totalRevenueMinor}
            currency={currency}
            emptyText="No revenue in this period."
          />
          <ReportSection
            title="Expenses"
            lines={accountLines(report.expenses)}
            totalLabel="Total expenses"
            totalMinor={report.totalExpensesMinor}
            currency={currency}
            emptyText="No expenses in this period."
          />
          <tfoot>
            <tr className="grand">
              <th scope="row">Net income</th>
              <td className="num">{formatMoney(report.netIncomeMinor, currency)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}
