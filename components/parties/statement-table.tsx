import Link from 'next/link';
import { ColumnHeads } from '@/components/column-heads';
import { DateText } from '@/components/date-text';
import type { PartyKind } from '@/db/schema/enums';
import type { StatementLine } from '@/lib/ledger/party-statement';
import { formatMoney } from '@/lib/money';

const DOCUMENT_PATH: Record<PartyKind, string> = { customer: '/invoices', vendor: '/expenses' };

/** A statement over a date range: its bounds, the balance before it and the balance at its end. */
export interface StatementRangeView {
  from: string | null;
  to: string | null;
  openingMinor: bigint;
  closingMinor: bigint;
}

/**
 * A party's statement: its documents, payments and voids in date order, with the running balance after each. Over
 * a range it opens with the balance before it (dated `from`) and closes with the balance at its end, the rows the
 * CSV export writes too.
 */
export function StatementTable({
  kind,
  name,
  lines,
  currency,
  range = null,
}: {
  kind: PartyKind;
  name: string;
  lines: StatementLine[];
  currency: string;
  range?: StatementRangeView | null;
}) {
  const money = (minor: number | bigint) => formatMoney(minor, currency);
  if (lines.length === 0 && !range) return <p className="empty">Nothing booked with {name} yet.</p>;
  const closingDate = range ? (range.to ?? lines.at(-1)?.date ?? range.from) : null;
  return (
    <div className="table-wrap">
      <table aria-label={`Statement of ${name}`}>
        <ColumnHeads
          columns={['Date', 'Entry', 'Description', { label: kind === 'customer' ? 'Charges' : 'Bills', numeric: true }, { label: 'Payments', numeric: true }, { label: 'Balance', numeric: true }]}
        />
        <tbody>
          {range?.from && <BalanceRow testId="statement-opening" date={range.from} label="Opening balance" amount={money(range.openingMinor)} />}
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
        {range && (
          <tfoot>
            <BalanceRow testId="statement-closing-row" date={closingDate} label="Closing balance" amount={money(range.closingMinor)} />
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** The statement's opening or closing line: a date, its label and the balance, in the table's six columns. */
function BalanceRow({ testId, date, label, amount }: { testId: string; date: string | null | undefined; label: string; amount: string }) {
  return (
    <tr data-testid={testId}>
      <td className="date">{date && <DateText date={date} />}</td>
      <td />
      <th scope="row">{label}</th>
      <td className="num" />
      <td className="num" />
      <td className="num">{amount}</td>
    </tr>
  );
}
