import { DateText } from '@/components/date-text';
import { BasisToggle } from '@/components/reports/basis-toggle';
import { CsvLink } from '@/components/reports/csv-link';
import { DateFilter, QueryError, queryProblems, reportHref } from '@/components/reports/date-filter';
import { PrintButton } from '@/components/reports/print-button';
import { ReportHead, ReportTable, queryValue, type ReportPageProps } from '@/components/reports/report-table';
import { todayInZone } from '@/lib/dates/calendar-date';
import { comparedProfitAndLoss } from '@/lib/ledger/report-comparison';
import { BASIS_LABELS, COMPARISON_LABELS, COMPARISONS, matchingPreset, PERIOD_PRESETS, PRESET_LABELS, presetPeriod } from '@/lib/ledger/report-periods';
import { getReportBasis } from '@/lib/ledger/report-preferences';
import { profitAndLossView } from '@/lib/ledger/report-rows';
import { profitAndLossPageQuery } from '@/lib/ledger/schemas';
import { companyContext } from '@/lib/session/company-context';
import { setReportBasisAction } from '../actions';

export const metadata = { title: 'Profit & Loss' };

const PATH = '/reports/profit-and-loss';

/**
 * The P&L: a period (year to date unless the URL says otherwise, presets from the company-local today), its
 * comparison (the previous period unless `compare` says otherwise) and its basis (the URL's `basis`, else the
 * user's remembered choice, else accrual). Every choice is in the URL, so a link or a reload shows the same report.
 */
export default async function ProfitAndLossPage({ searchParams }: ReportPageProps) {
  const [query, { db, company, caller }] = await Promise.all([searchParams, companyContext()]);
  const today = todayInZone(new Date(), company.timeZone ?? undefined);
  const ytd = presetPeriod('year_to_date', today);
  const from = queryValue(query.from) || ytd.from;
  const to = queryValue(query.to) || ytd.to;
  const parsed = profitAndLossPageQuery.safeParse({ from, to, basis: queryValue(query.basis) || undefined, compare: queryValue(query.compare) || undefined });
  const basis = (parsed.success ? parsed.data.basis : undefined) ?? (await getReportBasis(db, company.id, caller.userId));
  const compare = (parsed.success ? parsed.data.compare : undefined) ?? 'previous_period';
  const pl = parsed.success ? await comparedProfitAndLoss(db, company.id, { from, to }, basis, compare) : null;
  const currency = company.baseCurrency;
  // The URL of this report with some choices changed, the others kept.
  const href = (change: { from?: string; to?: string; basis?: string; compare?: string }) =>
    reportHref(PATH, { from, to, compare: queryValue(query.compare), basis: queryValue(query.basis), ...change });
  const current = matchingPreset({ from, to }, today);
  const view = pl && profitAndLossView(pl, COMPARISON_LABELS[compare]);
  return (
    <div className="report-page">
      <ReportHead
        title="Profit & Loss"
        covers={
          pl && (
            <>
              <DateText date={pl.report.from} /> to <DateText date={pl.report.to} /> · <strong data-testid="report-basis">{BASIS_LABELS[basis]} basis</strong> · {currency}
              {pl.previous && (
                <>
                  {' '}
                  · compared with <DateText date={pl.previous.from} /> to <DateText date={pl.previous.to} />
                </>
              )}
            </>
          )
        }
        actions={
          <>
            <BasisToggle current={basis} hrefs={{ accrual: href({ basis: 'accrual' }), cash: href({ basis: 'cash' }) }} remember={setReportBasisAction} />
            {pl && <CsvLink href={reportHref(`${PATH}/csv`, { from, to, basis, compare })} />}
            <PrintButton />
          </>
        }
      />
      <DateFilter
        path={PATH}
        fields={[
          { name: 'from', label: 'From', value: from },
          { name: 'to', label: 'To', value: to },
        ]}
        hidden={queryValue(query.basis) ? { basis: queryValue(query.basis)! } : {}}
        presets={PERIOD_PRESETS.map((p) => ({ label: PRESET_LABELS[p], href: href(presetPeriod(p, today)), current: p === current }))}
      >
        <div className="field">
          <label htmlFor="report-compare">Compare with</label>
          <select id="report-compare" name="compare" defaultValue={compare}>
            {COMPARISONS.map((c) => (
              <option key={c} value={c}>
                {COMPARISON_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
      </DateFilter>
      <QueryError problems={queryProblems(parsed, { from: 'From', to: 'To', basis: 'Basis', compare: 'Compare with' })} />
      {pl && view && (
        <ReportTable
          label="Profit and loss"
          view={view}
          currency={currency}
          drillHref={(accountId) => reportHref(`/reports/accounts/${accountId}`, { from, to, basis })}
        />
      )}
    </div>
  );
}
