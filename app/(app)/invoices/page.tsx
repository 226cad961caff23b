import { companyContext } from '@/lib/session/company-context';
import { DocumentsPage } from '../_documents/documents-page';
import { createCustomerAction, createInvoiceAction } from './actions';

export const metadata = { title: 'Invoices' };

export default async function InvoicesPage() {
  return <DocumentsPage ctx={await companyContext()} kind="invoice" createDocumentAction={createInvoiceAction} createPartyAction={createCustomerAction} />;
}
