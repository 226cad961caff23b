import Link from 'next/link';
import { DateText } from '@/components/date-text';
import type { PartyKind } from '@/db/schema/enums';
import type { StatementLine } from '@/lib/ledger/party-statement';
import { formatMoney } from '@/lib/money';

const DOCUMENT_PATH: Record<PartyKind, string> = { customer: '/invoices', vendor: '/expenses' };

/** A party's statement: its documents, payments and voids in date order, with the running balance after each. */
export function StatementTable({ kind, name, lines, currency }: { kind: PartyKind; name: string; lines: StatementLine[]; currency: string }) {
  const money = (minor: number | bigint) => formatMoney(minor, currency);
  if (lines.length === 0) return <p className="empty">Nothing booked with {name} yet.</p>;
  return (
    <div className="table-wrap">
      <table aria-label={`Statement of ${name}`}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Entry</th>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              {kind === 'customer' ? 'Charges' : 'Bills'}
            </th>
            <th scope="col" className="num">
              Payments
            </th>
            <th scope="col" className="num">
              Balance
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id} className={line.kind === 'void' ? 'is-void' : undefined}>
              <td className="date">
                <DateText date={line.date} />
              </td>
              <td className="date">
                {line.documentId !== null ? <Link href={`${DOCUMENT_PATH[kind]}/${line.documentId}`}>{line.number}</Link> : line.number}
              </td>
              <td>{line.description}</td>
              <td className="num">{line.chargeMinor > 0 ? money(line.chargeMinor) : ''}</td>
              <td className="num">{line.paymentMinor > 0 ? money(line.paymentMinor) : ''}</td>
              <td className="num">{money(line.balanceMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
