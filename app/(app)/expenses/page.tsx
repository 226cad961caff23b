import { DocumentsScreen } from '@/components/documents/documents-screen';
import { todayInZone } from '@/lib/dates/calendar-date';
import { listCategories } from '@/lib/ledger/accounts';
import { listDocuments } from '@/lib/ledger/documents';
import { listParties } from '@/lib/ledger/parties';
import { openBalancesByParty } from '@/lib/ledger/reports';
import { companyContext } from '@/lib/session/company-context';
import { createBillAction, createVendorAction } from './actions';

export const metadata = { title: 'Expenses' };

export default async function ExpensesPage() {
  const { db, company, role } = await companyContext();
  const [rows, open, vendors, categories] = await Promise.all([
    listDocuments(db, company.id, 'bill'),
    openBalancesByParty(db, company.id, 'bill'),
    listParties(db, company.id, 'vendor'),
    listCategories(db, company.id, 'expense'),
  ]);
  return (
    <DocumentsScreen
      kind="bill"
      rows={rows}
      outstandingMinor={open.reduce((t, p) => t + p.openMinor, 0n)}
      parties={vendors.map((p) => ({ value: String(p.id), label: p.name }))}
      categories={categories.map((a) => ({ value: String(a.id), label: a.name }))}
      currency={company.baseCurrency}
      today={todayInZone(new Date(), company.timeZone ?? undefined)}
      createDocumentAction={createBillAction}
      createPartyAction={createVendorAction}
      role={role}
    />
  );
}
