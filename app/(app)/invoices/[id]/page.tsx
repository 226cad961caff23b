import { notFound } from 'next/navigation';
import { DocumentDetail } from '@/components/documents/document-detail';
import { todayInZone } from '@/lib/dates/calendar-date';
import { findDocument } from '@/lib/ledger/documents';
import { listDocumentPayments } from '@/lib/ledger/payments';
import { recordId } from '@/lib/schemas/common';
import { companyContext } from '@/lib/session/company-context';
import { recordInvoicePaymentAction, voidInvoiceEntryAction } from '../actions';

export const metadata = { title: 'Invoice' };

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const id = recordId.safeParse((await params).id);
  if (!id.success) notFound();
  const { db, company, role } = await companyContext();
  // Another company's invoice, a bill's id or a missing one: all answer "not found".
  const doc = await findDocument(db, company.id, 'invoice', id.data);
  if (!doc) notFound();
  const payments = await listDocumentPayments(db, company.id, doc.id);
  return (
    <DocumentDetail
      doc={doc}
      payments={payments}
      currency={company.baseCurrency}
      today={todayInZone(new Date(), company.timeZone ?? undefined)}
      recordPaymentAction={recordInvoicePaymentAction}
      voidEntryAction={voidInvoiceEntryAction}
      role={role}
    />
  );
}
