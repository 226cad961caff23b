import { formatMoney } from '@/lib/money';

export interface ReportLine {
  key: string;
  label: string;
  amountMinor: bigint;
  /** A line the ledger computes rather than an account balance (retained earnings). */
  computed?: boolean;
}

/** One titled block of a report table: its lines and a total row. */
export function ReportSection({
  title,
  lines,
  totalLabel,
  totalMinor,
  currency,
  emptyText,
}: {
  title: string;
  lines: ReportLine[];
  totalLabel: string;
  totalMinor: bigint;
  currency: string;
  emptyText: string;
}) {
  return (
    <tbody>
      <tr className="section">
        <th scope="colgroup" colSpan={2}>
          {title}
        </th>
      </tr>
      {lines.length === 0 && (
        <tr>
          <td colSpan={2} className="muted">
            {emptyText}
          </td>
        </tr>
      )}
      {lines.map((line) => (
        <tr key={line.key} className={line.computed ? 'computed' : undefined}>
          <th scope="row">{line.label}</th>
          <td className="num">{formatMoney(line.amountMinor, currency)}</td>
        </tr>
      ))}
      <tr className="total">
        <th scope="row">{totalLabel}</th>
        <td className="num">{formatMoney(totalMinor, currency)}</td>
      </tr>
    </tbody>
  );
}

/** Account amounts from a report as lines labelled "4100 · Consulting Revenue". */
export function accountLines(accounts: { accountId: number; code: string; name: string; amountMinor: bigint }[]): ReportLine[] {
  return accounts.map((a) => ({ key: String(a.accountId), label: `${a.code} · ${a.name}`, amountMinor: a.amountMinor }));
}
