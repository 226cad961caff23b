import { companyContext } from '@/lib/session/company-context';
import { DocumentPage, documentIdOrNotFound, type DocumentPageParams } from '../../_documents/document-page';
import { recordBillPaymentAction, voidBillEntryAction } from '../actions';

export const metadata = { title: 'Bill' };

export default async function BillPage({ params }: DocumentPageParams) {
  const id = await documentIdOrNotFound(params);
  return <DocumentPage ctx={await companyContext()} kind="bill" id={id} recordPaymentAction={recordBillPaymentAction} voidEntryAction={voidBillEntryAction} />;
}
