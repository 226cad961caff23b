import { DateFilter, QueryError, queryProblems } from '@/components/reports/date-filter';
import { accountSection, queryValue, ReportHead, ReportTable, type ReportPageProps } from '@/components/reports/report-table';
import { addDays, todayInZone } from '@/lib/dates/calendar-date';
import { balanceSheet } from '@/lib/ledger/reports';
import { asOfInput } from '@/lib/ledger/schemas';
import { formatMoney } from '@/lib/money';
import { companyContext } from '@/lib/session/company-context';

export const metadata = { title: 'Balance Sheet' };

const PATH = '/reports/balance-sheet';

export default async function BalanceSheetPage({ searchParams }: ReportPageProps) {
  const [query, { db, company }] = await Promise.all([searchParams, companyContext()]);
  const today = todayInZone(new Date(), company.timeZone ?? undefined);
  const asOf = queryValue(query.asOf) || today;
  const parsed = asOfInput.safeParse({ asOf });
  const sheet = parsed.success ? await balanceSheet(db, company.id, parsed.data.asOf) : null;
  const currency = company.baseCurrency;
  const money = (minor: bigint) => formatMoney(minor, currency);
  const endOfLastMonth = addDays(`${today.slice(0, 7)}-01`, -1);
  const endOfLastYear = addDays(`${today.slice(0, 4)}-01-01`, -1);
  return (
    <>
      <ReportHead title="Balance Sheet" covers={sheet && `As of ${sheet.asOf} · accrual basis · ${currency}`} />
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
          <ReportTable
            label="Balance sheet"
            amountHeading="Balance"
            currency={currency}
            sections={[
              accountSection('Assets', sheet.assets, sheet.totalAssetsMinor, 'No assets.'),
              accountSection('Liabilities', sheet.liabilities, sheet.totalLiabilitiesMinor, 'No liabilities.'),
              accountSection('Equity', sheet.equity, sheet.totalEquityMinor, '', [
                { key: 'retained', label: 'Retained earnings (earlier years)', amountMinor: sheet.retainedEarningsMinor, computed: true },
                {
                  key: 'current',
                  label: `Current-period earnings (${sheet.asOf.slice(0, 4)} to date)`,
                  amountMinor: sheet.currentPeriodEarningsMinor,
                  computed: true,
                },
              ]),
            ]}
            grandTotal={{ label: 'Total liabilities and equity', amountMinor: sheet.totalLiabilitiesMinor + sheet.totalEquityMinor }}
          />
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
