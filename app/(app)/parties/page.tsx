import { canRecord, ReadOnlyNote } from '@/components/forms/read-only-note';
import { PartyForm } from '@/components/parties/party-form';
import { PartyTable } from '@/components/parties/party-table';
import { companyContext } from '@/lib/session/company-context';
import { createPartyAction } from './actions';
import { partyRows } from './party-rows';

export const metadata = { title: 'Customers & vendors' };

export default async function PartiesPage() {
  const { db, company, role } = await companyContext();
  const rows = await partyRows(db, company.id);
  return (
    <>
      <header className="page-head">
        <h1>Customers &amp; vendors</h1>
        <p className="muted">
          <a href="/parties/export" download>
            Export CSV
          </a>
        </p>
      </header>
      {canRecord(role) ? (
        <PartyForm action={createPartyAction} className="panel" />
      ) : (
        <ReadOnlyNote role={role} what="customers and vendors" />
      )}
      <div className="split even">
        <PartyTable kind="customer" title="Customers" rows={rows.filter((p) => p.kind === 'customer')} currency={company.baseCurrency} />
        <PartyTable kind="vendor" title="Vendors" rows={rows.filter((p) => p.kind === 'vendor')} currency={company.baseCurrency} />
      </div>
    </>
  );
}
