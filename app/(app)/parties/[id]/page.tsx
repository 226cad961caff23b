import Link from 'next/link';
import { notFound } from 'next/navigation';
import { StatementTable } from '@/components/parties/statement-table';
import { AppError } from '@/lib/errors';
import { partyStatement } from '@/lib/ledger/party-statement';
import { formatMoney } from '@/lib/money';
import { recordId } from '@/lib/schemas/common';
import { companyContext } from '@/lib/session/company-context';

export const metadata = { title: 'Statement' };

/** What the closing balance means, in the party's words. */
function closingText(kind: 'customer' | 'vendor', closingMinor: bigint, money: (minor: bigint) => string): string {
  if (closingMinor === 0n) return 'Settled: nothing is owed either way.';
  if (kind === 'customer') return closingMinor > 0n ? `They owe you ${money(closingMinor)}.` : `They have ${money(-closingMinor)} of credit.`;
  return closingMinor > 0n ? `You owe them ${money(closingMinor)}.` : `They owe you ${money(-closingMinor)}.`;
}

/** A customer's or vendor's statement (another company's party, or a deleted one, is "not found"). */
export default async function PartyStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const id = recordId.safeParse((await params).id);
  if (!id.success) notFound();
  const { db, company } = await companyContext();
  const statement = await partyStatement(db, company.id, id.data).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const { party, lines, closingMinor } = statement;
  const money = (minor: bigint) => formatMoney(minor, company.baseCurrency);
  return (
    <>
      <header className="page-head">
        <p className="muted">
          <Link href="/parties">Customers &amp; vendors</Link> / {party.kind === 'customer' ? 'Customer' : 'Vendor'}
        </p>
        <h1>Statement of {party.name}</h1>
        <p className="muted">
          <span data-testid="statement-closing">{closingText(party.kind, closingMinor, money)}</span>{' '}
          <a href={`/parties/${party.id}/export`} download>
            Export CSV
          </a>
        </p>
      </header>
      <StatementTable kind={party.kind} name={party.name} lines={lines} currency={company.baseCurrency} />
    </>
  );
}
