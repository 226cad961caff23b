import { DateText } from '@/components/date-text';
import { CsvLink } from '@/components/reports/csv-link';
import { DateFilter, QueryError, queryProblems, reportHref } from '@/components/reports/date-filter';
import { PrintButton } from '@/components/reports/print-button';
import { ReportHead, ReportTable, queryValue, type ReportPageProps } from '@/components/reports/report-table';
import { addDays, todayInZone } from '@/lib/dates/calendar-date';
import { balanceSheetView } from '@/lib/ledger/report-rows';
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
  const presets = [
    { label: 'Today', asOf: today },
    { label: 'End of last month', asOf: addDays(`${today.slice(0, 7)}-01`, -1) },
    { label: 'End of last year', asOf: addDays(`${today.slice(0, 4)}-01-01`, -1) },
  ];
  return (
    <div className="report-page">
      <ReportHead
        title="Balance Sheet"
        covers={
          sheet && (
            <>
              As of <DateText date={sheet.asOf} /> · accrual basis · {currency}
            </>
          )
        }
        actions={
          <>
            {sheet && <CsvLink href={reportHref(`${PATH}/csv`, { asOf })} />}
            <PrintButton />
          </>
        }
      />
      <DateFilter
        path={PATH}
        fields={[{ name: 'asOf', label: 'As of', value: asOf }]}
        presets={presets.map((p) => ({ label: p.label, href: reportHref(PATH, { asOf: p.asOf }), current: p.asOf === asOf }))}
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
            view={balanceSheetView(sheet)}
            currency={currency}
            drillHref={(accountId) => reportHref(`/reports/accounts/${accountId}`, { to: sheet.asOf })}
          />
        </>
      )}
    </div>
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
