import { canRecord, ReadOnlyNote } from '@/components/forms/read-only-note';
import { PartyForm } from '@/components/parties/party-form';
import { listParties, type Party } from '@/lib/ledger/parties';
import { openBalancesByParty, type OpenBalance } from '@/lib/ledger/reports';
import { formatMoney } from '@/lib/money';
import { companyContext } from '@/lib/session/company-context';
import { createPartyAction } from './actions';

export const metadata = { title: 'Customers & vendors' };

export default async function PartiesPage() {
  const { db, company, role } = await companyContext();
  const [parties, receivable, payable] = await Promise.all([
    listParties(db, company.id),
    openBalancesByParty(db, company.id, 'invoice'),
    openBalancesByParty(db, company.id, 'bill'),
  ]);
  const money = (minor: bigint) => formatMoney(minor, company.baseCurrency);
  return (
    <>
      <header className="page-head">
        <h1>Customers &amp; vendors</h1>
      </header>
      {canRecord(role) ? (
        <PartyForm action={createPartyAction} className="panel" />
      ) : (
        <ReadOnlyNote role={role} what="customers and vendors" />
      )}
      <div className="split even">
        <PartyTable title="Customers" owedLabel="They owe" parties={parties.filter((p) => p.kind === 'customer')} open={receivable} money={money} />
        <PartyTable title="Vendors" owedLabel="You owe" parties={parties.filter((p) => p.kind === 'vendor')} open={payable} money={money} />
      </div>
    </>
  );
}

function PartyTable(props: { title: string; owedLabel: string; parties: Party[]; open: OpenBalance[]; money: (minor: bigint) => string }) {
  const openById = new Map(props.open.map((o) => [o.partyId, o.openMinor]));
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.parties.length === 0 ? (
        <p className="empty">None yet.</p>
      ) : (
        <table aria-label={props.title}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col" className="num">
                {props.owedLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.parties.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.email ?? ''}</td>
                <td className="num">{props.money(openById.get(p.id) ?? 0n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
