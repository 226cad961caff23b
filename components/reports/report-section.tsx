import Link from 'next/link';
import type { ReportRow, ReportSectionRows } from '@/lib/ledger/report-rows';
import { formatMoney } from '@/lib/money';

const ROW_CLASS: Record<ReportRow['kind'], string | undefined> = { account: undefined, computed: 'computed', total: 'total', grand: 'grand' };

/** One row of a report table: its label (a link to the entries behind it, for an account line) and its amounts. */
export function ReportRowView({ row, currency, drillHref }: { row: ReportRow; currency: string; drillHref?: (accountId: number) => string }) {
  return (
    <tr className={ROW_CLASS[row.kind]} data-row-kind={row.kind}>
      <th scope="row">
        {row.accountId !== undefined && drillHref ? (
          <Link href={drillHref(row.accountId)} className="drill">
            {row.label}
          </Link>
        ) : (
          row.label
        )}
      </th>
      {row.amounts.map((amount, i) => (
        <td key={i} className="num">
          {formatMoney(amount, currency)}
        </td>
      ))}
    </tr>
  );
}

/** One titled block of a report table: its heading row, its lines (or what it says when it has none) and its total. */
export function ReportSection({
  section,
  columns,
  currency,
  drillHref,
}: {
  section: ReportSectionRows;
  columns: number;
  currency: string;
  drillHref?: (accountId: number) => string;
}) {
  const hasLines = section.rows.some((r) => r.kind !== 'total');
  return (
    <tbody className="report-section">
      <tr className="section">
        <th scope="colgroup" colSpan={columns + 1}>
          {section.title}
        </th>
      </tr>
      {!hasLines && (
        <tr>
          <td colSpan={columns + 1} className="muted">
            {section.emptyText}
          </td>
        </tr>
      )}
      {section.rows.map((row) => (
        <ReportRowView key={`${row.kind}-${row.accountId ?? row.label}`} row={row} currency={currency} drillHref={drillHref} />
      ))}
    </tbody>
  );
}
