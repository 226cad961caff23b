import { notFound } from 'next/navigation';
import { DocumentDetail } from '@/components/documents/document-detail';
import { todayInZone } from '@/lib/dates/calendar-date';
import { findDocument } from '@/lib/ledger/documents';
import { listDocumentPayments } from '@/lib/ledger/payments';
import { recordId } from '@/lib/schemas/common';
import { companyContext } from '@/lib/session/company-context';
import { recordBillPaymentAction, voidBillEntryAction } from '../actions';

export const metadata = { title: 'Bill' };

export default async function BillPage({ params }: { params: Promise<{ id: string }> }) {
  const id = recordId.safeParse((await params).id);
  if (!id.success) notFound();
  const { db, company, role } = await companyContext();
  // Another company's bill, an invoice's id or a missing one: all answer "not found".
  const doc = await findDocument(db, company.id, 'bill', id.data);
  if (!doc) notFound();
  const payments = await listDocumentPayments(db, company.id, doc.id);
  return (
    <DocumentDetail
      doc={doc}
      payments={payments}
      currency={company.baseCurrency}
      today={todayInZone(new Date(), company.timeZone ?? undefined)}
      recordPaymentAction={recordBillPaymentAction}
      voidEntryAction={voidBillEntryAction}
      role={role}
    />
  );
}
