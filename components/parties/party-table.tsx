import Link from 'next/link';
import type { PartyKind } from '@/db/schema/enums';
import { formatMoney } from '@/lib/money';

/** A party as the list shows it: who, and what stands between the company and them. */
export interface PartyListRow {
  id: number;
  name: string;
  email: string | null;
  receivableMinor: bigint;
  payableMinor: bigint;
  creditMinor: bigint;
}

/**
 * The customers or the vendors, each linked to its statement: a customer with what it owes (open A/R) and its
 * credit, a vendor with what the company owes it (open A/P).
 */
export function PartyTable({ kind, title, rows, currency }: { kind: PartyKind; title: string; rows: PartyListRow[]; currency: string }) {
  const money = (minor: bigint) => formatMoney(minor, currency);
  return (
    <section aria-labelledby={`${kind}-heading`} className="min-w-0">
      <h2 id={`${kind}-heading`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="empty">None yet.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label={title}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                {kind === 'customer' ? (
                  <>
                    <th scope="col" className="num">
                      Owes you
                    </th>
                    <th scope="col" className="num">
                      Credit
                    </th>
                  </>
                ) : (
                  <th scope="col" className="num">
                    You owe
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={`/parties/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{p.email ?? ''}</td>
                  {kind === 'customer' ? (
                    <>
                      <td className="num">{money(p.receivableMinor)}</td>
                      <td className="num">{money(p.creditMinor)}</td>
                    </>
                  ) : (
                    <td className="num">{money(p.payableMinor)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
