import { companyContext } from '@/lib/session/company-context';
import { DocumentsPage, type DocumentsPageParams } from '../_documents/documents-page';
import { createBillAction, createVendorAction } from './actions';

export const metadata = { title: 'Expenses' };

export default async function ExpensesPage({ searchParams }: DocumentsPageParams) {
  return (
    <DocumentsPage
      ctx={await companyContext()}
      kind="bill"
      searchParams={searchParams}
      createDocumentAction={createBillAction}
      createPartyAction={createVendorAction}
    />
  );
}
