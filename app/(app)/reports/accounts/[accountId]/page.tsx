import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CsvLink } from '@/components/reports/csv-link';
import { DrillDownTable } from '@/components/reports/drill-down-table';
import { QueryError, queryProblems, reportHref } from '@/components/reports/date-filter';
import { PrintButton } from '@/components/reports/print-button';
import { ReportHead, queryValue, type ReportPageProps } from '@/components/reports/report-table';
import { DateText } from '@/components/date-text';
import { AppError } from '@/lib/errors';
import { accountDrillDown } from '@/lib/ledger/drill-down';
import { BASIS_LABELS } from '@/lib/ledger/report-periods';
import { drillDownQuery } from '@/lib/ledger/schemas';
import { recordId } from '@/lib/schemas/common';
import { companyContext } from '@/lib/session/company-context';

export const metadata = { title: 'Account entries' };

/**
 * The entries behind one account line of a report (issue 13's drill-down): `from` and `to` are the P&L's period
 * (no `from`: a Balance Sheet balance as of `to`), `basis` the P&L's basis. The total equals the report's line.
 */
export default async function AccountEntriesPage({ params, searchParams }: ReportPageProps & { params: Promise<{ accountId: string }> }) {
  const accountId = recordId.safeParse((await params).accountId);
  if (!accountId.success) notFound();
  const [query, { db, company }] = await Promise.all([searchParams, companyContext()]);
  const parsed = drillDownQuery.safeParse({ from: queryValue(query.from) || undefined, to: queryValue(query.to), basis: queryValue(query.basis) || undefined });
  const drill = parsed.success
    ? await accountDrillDown(db, company.id, accountId.data, { from: parsed.data.from ?? null, to: parsed.data.to }, parsed.data.basis ?? 'accrual').catch((error: unknown) => {
        // Another company's account, or none: not found, like every record of another company.
        if (error instanceof AppError && error.code === 'not_found') notFound();
        throw error;
      })
    : null;
  const backHref = drill?.from
    ? reportHref('/reports/profit-and-loss', { from: drill.from, to: drill.to, basis: drill.basis })
    : reportHref('/reports/balance-sheet', { asOf: drill?.to });
  return (
    <div className="report-page">
      <ReportHead
        title={drill ? `${drill.account.code} · ${drill.account.name}` : 'Account entries'}
        covers={
          drill && (
            <>
              {drill.from ? (
                <>
                  <DateText date={drill.from} /> to <DateText date={drill.to} />
                </>
              ) : (
                <>
                  Up to <DateText date={drill.to} />
                </>
              )}{' '}
              · <strong data-testid="report-basis">{BASIS_LABELS[drill.basis]} basis</strong> · {company.baseCurrency}
            </>
          )
        }
        actions={
          <>
            {drill && <CsvLink href={reportHref(`/reports/accounts/${drill.account.id}/csv`, { from: drill.from ?? undefined, to: drill.to, basis: drill.basis })} />}
            <PrintButton />
          </>
        }
      />
      <p className="no-print">
        <Link href={backHref}>← Back to the {drill?.from ? 'Profit & Loss' : 'Balance Sheet'}</Link>
      </p>
      <QueryError problems={queryProblems(parsed, { from: 'From', to: 'To', basis: 'Basis' })} />
      {drill && <DrillDownTable drill={drill} currency={company.baseCurrency} />}
    </div>
  );
}
