import Link from 'next/link';
import type { DocumentKind } from '@/db/schema/enums';
import { DateText } from '@/components/date-text';
import { StatusBadge } from '@/components/status-badge';
import type { DocumentListRow, DocumentSort } from '@/lib/ledger/document-list';
import { formatMoney } from '@/lib/money';
import { DOCUMENT_COPY } from './document-copy';

/** A sortable column's link: where a click goes, and whether the view is sorted by it now. */
export interface SortLink {
  href: string;
  /** The view's current direction on this column, or null when it sorts by another. */
  active: 'asc' | 'desc' | null;
}

interface DocumentTableProps {
  kind: DocumentKind;
  rows: DocumentListRow[];
  currency: string;
  today: string;
  sortLinks: Record<DocumentSort, SortLink>;
  /** Whether any filter or search narrows the list (for the empty message). */
  filtered: boolean;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

function SortableHead({ label, link, numeric = false }: { label: string; link: SortLink; numeric?: boolean }) {
  const arrow = link.active === 'asc' ? ' ↑' : link.active === 'desc' ? ' ↓' : '';
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={link.active ? ARIA_SORT[link.active] : undefined}>
      <Link href={link.href} className="whitespace-nowrap">
        {label}
        {arrow && <span aria-hidden="true">{arrow}</span>}
      </Link>
    </th>
  );
}

/** A page of invoices or bills, in the view's order, each with the rule that posted it if one did. */
export function DocumentTable({ kind, rows, currency, today, sortLinks, filtered }: DocumentTableProps) {
  const copy = DOCUMENT_COPY[kind];
  const money = (minor: number) => formatMoney(minor, currency);
  if (rows.length === 0) {
    return <p className="empty">{filtered ? `No ${copy.plural.toLowerCase()} match these filters.` : `No ${copy.plural.toLowerCase()} yet.`}</p>;
  }
  return (
    <div className="table-wrap">
      <table aria-label={copy.plural}>
        <thead>
          <tr>
            <SortableHead label="Number" link={sortLinks.number} />
            <SortableHead label={copy.party} link={sortLinks.party} />
            <SortableHead label="Issue date" link={sortLinks.date} />
            <SortableHead label="Due date" link={sortLinks.due} />
            <SortableHead label="Amount" link={sortLinks.amount} numeric />
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col" className="num">
              Balance
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((doc) => {
            const overdue = doc.balanceMinor > 0 && doc.dueDate < today;
            return (
              <tr key={doc.id} className={doc.status === 'void' ? 'is-void' : undefined}>
                <td>
                  <Link href={`${copy.listPath}/${doc.id}`}>{doc.number}</Link>
                  {doc.reference !== doc.number && <span className="sub">{doc.reference}</span>}
                  {doc.ruleId !== null && (
                    <span className="sub" data-testid="document-origin">
                      from rule <Link href={`/settings/recurring/${doc.ruleId}#log`}>{doc.ruleName ?? `#${doc.ruleId}`}</Link>
                    </span>
                  )}
                </td>
                <td>{doc.partyName}</td>
                <td className="date">
                  <DateText date={doc.issueDate} />
                </td>
                <td className="date">
                  <DateText date={doc.dueDate} />
                  {overdue && <span className="tag overdue">Overdue</span>}
                </td>
                <td className="num">{money(doc.amountMinor)}</td>
                <td className="num">{money(doc.paidMinor)}</td>
                <td className="num">{money(doc.balanceMinor)}</td>
                <td>
                  <StatusBadge status={doc.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
