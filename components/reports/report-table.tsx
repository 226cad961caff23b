import type { ReportView } from '@/lib/ledger/report-rows';
import { ReportRowView, ReportSection } from './report-section';

/**
 * A report's table, from its rows (lib/ledger/report-rows.ts, which its CSV export is made from too): an account
 * column, one column per amount, its titled sections and the grand total row. With `drillHref`, each account line
 * links to the entries behind it.
 */
export function ReportTable({
  label,
  view,
  currency,
  drillHref,
}: {
  label: string;
  view: ReportView;
  currency: string;
  drillHref?: (accountId: number) => string;
}) {
  return (
    <table aria-label={label} className="report">
      <thead>
        <tr>
          <th scope="col">Account</th>
          {view.columns.map((c) => (
            <th key={c} scope="col" className="num">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      {view.sections.map((section) => (
        <ReportSection key={section.title} section={section} columns={view.columns.length} currency={currency} drillHref={drillHref} />
      ))}
      <tfoot>
        <ReportRowView row={view.grand} currency={currency} />
      </tfoot>
    </table>
  );
}

/** A report's heading: its name and, once the query parsed, what it covers. */
export function ReportHead({ title, covers, actions }: { title: string; covers: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <header className="page-head report-head flex flex-wrap items-start justify-between gap-3">
      <div>
        <h1>{title}</h1>
        {covers !== null && <p className="muted">{covers}</p>}
      </div>
      {actions && <div className="no-print flex flex-wrap items-center gap-2">{actions}</div>}
    </header>
  );
}

/** What Next gives a report page: its query, whose dates the page parses with the report's schema. */
export interface ReportPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The single value of a report's query parameter (the first when it is repeated). */
export function queryValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
