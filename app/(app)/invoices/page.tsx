import { DocumentsScreen } from '@/components/documents/documents-screen';
import { todayInZone } from '@/lib/dates/calendar-date';
import { listCategories } from '@/lib/ledger/accounts';
import { listDocuments } from '@/lib/ledger/documents';
import { listParties } from '@/lib/ledger/parties';
import { openBalancesByParty } from '@/lib/ledger/reports';
import { companyContext } from '@/lib/session/company-context';
import { createCustomerAction, createInvoiceAction } from './actions';

export const metadata = { title: 'Invoices' };

export default async function InvoicesPage() {
  const { db, company, role } = await companyContext();
  const [rows, open, customers, categories] = await Promise.all([
    listDocuments(db, company.id, 'invoice'),
    openBalancesByParty(db, company.id, 'invoice'),
    listParties(db, company.id, 'customer'),
    listCategories(db, company.id, 'revenue'),
  ]);
  return (
    <DocumentsScreen
      kind="invoice"
      rows={rows}
      outstandingMinor={open.reduce((t, p) => t + p.openMinor, 0n)}
      parties={customers.map((p) => ({ value: String(p.id), label: p.name }))}
      categories={categories.map((a) => ({ value: String(a.id), label: a.name }))}
      currency={company.baseCurrency}
      today={todayInZone(new Date(), company.timeZone ?? undefined)}
      createDocumentAction={createInvoiceAction}
      createPartyAction={createCustomerAction}
      role={role}
    />
  );
}
