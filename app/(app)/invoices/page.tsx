import { companyContext } from '@/lib/session/company-context';
import { DocumentsPage, type DocumentsPageParams } from '../_documents/documents-page';
import { createCustomerAction, createInvoiceAction } from './actions';

export const metadata = { title: 'Invoices' };

export default async function InvoicesPage({ searchParams }: DocumentsPageParams) {
  return (
    <DocumentsPage
      ctx={await companyContext()}
      kind="invoice"
      searchParams={searchParams}
      createDocumentAction={createInvoiceAction}
      createPartyAction={createCustomerAction}
    />
  );
}
