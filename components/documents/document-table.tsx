import Link from 'next/link';
import type { DocumentKind } from '@/db/schema/enums';
import { StatusBadge } from '@/components/status-badge';
import type { DocumentRow } from '@/lib/ledger/documents';
import { formatMoney } from '@/lib/money';
import { DOCUMENT_COPY } from './document-copy';

/** The list of invoices or bills, newest first as the service returns them. */
export function DocumentTable({ kind, rows, currency, today }: { kind: DocumentKind; rows: DocumentRow[]; currency: string; today: string }) {
  const copy = DOCUMENT_COPY[kind];
  const money = (minor: number) => formatMoney(minor, currency);
  if (rows.length === 0) return <p className="empty">No {copy.plural.toLowerCase()} yet.</p>;
  return (
    <div className="table-wrap">
      <table aria-label={copy.plural}>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">{copy.party}</th>
            <th scope="col">Issue date</th>
            <th scope="col">Due date</th>
            <th scope="col" className="num">
              Amount
            </th>
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
                </td>
                <td>{doc.partyName}</td>
                <td className="date">{doc.issueDate}</td>
                <td className="date">
                  {doc.dueDate}
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
