import { companyContext } from '@/lib/session/company-context';
import { DocumentsPage } from '../_documents/documents-page';
import { createBillAction, createVendorAction } from './actions';

export const metadata = { title: 'Expenses' };

export default async function ExpensesPage() {
  return <DocumentsPage ctx={await companyContext()} kind="bill" createDocumentAction={createBillAction} createPartyAction={createVendorAction} />;
}
