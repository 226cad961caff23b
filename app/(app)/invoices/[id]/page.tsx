import { companyContext } from '@/lib/session/company-context';
import { DocumentPage, documentIdOrNotFound, type DocumentPageParams } from '../../_documents/document-page';
import { recordInvoicePaymentAction, voidInvoiceEntryAction } from '../actions';

export const metadata = { title: 'Invoice' };

export default async function InvoicePage({ params }: DocumentPageParams) {
  const id = await documentIdOrNotFound(params);
  return <DocumentPage ctx={await companyContext()} kind="invoice" id={id} recordPaymentAction={recordInvoicePaymentAction} voidEntryAction={voidInvoiceEntryAction} />;
}
