import { formatMoney } from '@/lib/money';
import { accountLines, ReportSection, type ReportLine } from './report-section';

export interface ReportSectionSpec {
  title: string;
  lines: ReportLine[];
  totalLabel: string;
  totalMinor: bigint;
  /** What the section says when it has no lines. */
  emptyText: string;
}

/**
 * A section of account amounts, totalled as "Total <title>", with `extraLines` (computed ones) after the accounts.
 * @example accountSection('Revenue', report.revenue, report.totalRevenueMinor, 'No revenue in this period.')
 */
export function accountSection(
  title: string,
  accounts: Parameters<typeof accountLines>[0],
  totalMinor: bigint,
  emptyText: string,
  extraLines: ReportLine[] = [],
): ReportSectionSpec {
  return { title, lines: [...accountLines(accounts), ...extraLines], totalLabel: `Total ${title.toLowerCase()}`, totalMinor, emptyText };
}

/** A report's table: an account column and one amount column, its titled sections, and the grand total row. */
export function ReportTable({
  label,
  amountHeading,
  sections,
  grandTotal,
  currency,
}: {
  label: string;
  amountHeading: string;
  sections: ReportSectionSpec[];
  grandTotal: { label: string; amountMinor: bigint };
  currency: string;
}) {
  return (
    <table aria-label={label} className="report">
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col" className="num">
            {amountHeading}
          </th>
        </tr>
      </thead>
      {sections.map((section) => (
        <ReportSection key={section.title} {...section} currency={currency} />
      ))}
      <tfoot>
        <tr className="grand">
          <th scope="row">{grandTotal.label}</th>
          <td className="num">{formatMoney(grandTotal.amountMinor, currency)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** A report's heading: its name and, once the query parsed, what it covers. */
export function ReportHead({ title, covers }: { title: string; covers: string | null }) {
  return (
    <header className="page-head">
      <h1>{title}</h1>
      {covers !== null && <p className="muted">{covers}</p>}
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
