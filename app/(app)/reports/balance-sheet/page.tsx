import { DateFilter, QueryError, queryProblems } from '@/components/reports/date-filter';
import { ReportSection, accountLines } from '@/components/reports/report-section';
import { addDays, todayInZone } from '@/lib/dates/calendar-date';
import { balanceSheet } from '@/lib/ledger/reports';
import { asOfInput } from '@/lib/ledger/schemas';
import { formatMoney } from '@/lib/money';
import { companyContext } from '@/lib/session/company-context';

export const metadata = { title: 'Balance Sheet' };

const PATH = '/reports/balance-sheet';
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function BalanceSheetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const { db, company } = await companyContext();
  const today = todayInZone(new Date(), company.timeZone ?? undefined);
  const asOf = first(query.asOf) || today;
  const parsed = asOfInput.safeParse({ asOf });
  const sheet = parsed.success ? await balanceSheet(db, company.id, parsed.data.asOf) : null;
  const currency = company.baseCurrency;
  const money = (minor: bigint) => formatMoney(minor, currency);
  const endOfLastMonth = addDays(`${today.slice(0, 7)}-01`, -1);
  const endOfLastYear = addDays(`${today.slice(0, 4)}-01-01`, -1);
  return (
    <>
      <header className="page-head">
        <h1>Balance Sheet</h1>
        {sheet && (
          <p className="muted">
            As of {sheet.asOf} · accrual basis · {currency}
          </p>
        )}
      </header>
      <DateFilter
        path={PATH}
        fields={[{ name: 'asOf', label: 'As of', value: asOf }]}
        presets={[
          { label: 'Today', href: `${PATH}?asOf=${today}` },
          { label: 'End of last month', href: `${PATH}?asOf=${endOfLastMonth}` },
          { label: 'End of last year', href: `${PATH}?asOf=${endOfLastYear}` },
        ]}
      />
      <QueryError problems={queryProblems(parsed, { asOf: 'As of' })} />
      {sheet && (
        <>
          <BalanceCheck
            balanced={sheet.balanced}
            assets={money(sheet.totalAssetsMinor)}
            liabilitiesAndEquity={money(sheet.totalLiabilitiesMinor + sheet.totalEquityMinor)}
            difference={money(sheet.totalAssetsMinor - sheet.totalLiabilitiesMinor - sheet.totalEquityMinor)}
          />
          <table aria-label="Balance sheet" className="report">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <ReportSection
              title="Assets"
              lines={accountLines(sheet.assets)}
              totalLabel="Total assets"
              totalMinor={sheet.totalAssetsMinor}
              currency={currency}
              emptyText="No assets."
            />
            <ReportSection
              title="Liabilities"
              lines={accountLines(sheet.liabilities)}
              totalLabel="Total liabilities"
              totalMinor={sheet.totalLiabilitiesMinor}
              currency={currency}
              emptyText="No liabilities."
            />
            <ReportSection
              title="Equity"
              lines={[
                ...accountLines(sheet.equity),
                { key: 'retained', label: 'Retained earnings (earlier years)', amountMinor: sheet.retainedEarningsMinor, computed: true },
                {
                  key: 'current',
                  label: `Current-period earnings (${sheet.asOf.slice(0, 4)} to date)`,
                  amountMinor: sheet.currentPeriodEarningsMinor,
                  computed: true,
                },
              ]}
              totalLabel="Total equity"
              totalMinor={sheet.totalEquityMinor}
              currency={currency}
              emptyText=""
            />
            <tfoot>
              <tr className="grand">
                <th scope="row">Total liabilities and equity</th>
                <td className="num">{money(sheet.totalLiabilitiesMinor + sheet.totalEquityMinor)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </>
  );
}

function BalanceCheck(props: { balanced: boolean; assets: string; liabilitiesAndEquity: string; difference: string }) {
  return (
    <p role="status" data-testid="balance-check" className={props.balanced ? 'check ok' : 'check bad'}>
      {props.balanced ? (
        <>
          <strong>✓ Balances:</strong> assets {props.assets} = liabilities and equity {props.liabilitiesAndEquity}
        </>
      ) : (
        <>
          <strong>✗ Does not balance:</strong> assets {props.assets} ≠ liabilities and equity {props.liabilitiesAndEquity} (difference{' '}
          {props.difference})
        </>
      )}
    </p>
  );
}
