import Link from 'next/link';
import { ColumnHeads } from '@/components/column-heads';
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
        <ColumnHeads
          columns={['Date', 'Entry', 'Description', { label: kind === 'customer' ? 'Charges' : 'Bills', numeric: true }, { label: 'Payments', numeric: true }, { label: 'Balance', numeric: true }]}
        />
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
