import { notFound } from 'next/navigation';
import type { FormAction } from '@/components/forms/action-form';
import { DocumentDetail } from '@/components/documents/document-detail';
import type { DocumentKind } from '@/db/schema/enums';
import { AppError } from '@/lib/errors';
import { todayInZone } from '@/lib/dates/calendar-date';
import { findDocument } from '@/lib/ledger/documents';
import { listDocumentPayments } from '@/lib/ledger/payments';
import { getRuleOrThrow } from '@/lib/recurring/rules';
import { recordId } from '@/lib/schemas/common';
import type { SessionCompanyContext } from '@/lib/session/company-context';

/** The props Next gives a document's detail page (`[id]/page.tsx`). */
export interface DocumentPageParams {
  params: Promise<{ id: string }>;
}

/** The document id of a detail page's URL; anything that is not an id is "not found" before the session is read. */
export async function documentIdOrNotFound(params: DocumentPageParams['params']): Promise<number> {
  const id = recordId.safeParse((await params).id);
  if (!id.success) notFound();
  return id.data;
}

interface DocumentPageProps {
  /** The page's own companyContext(): each page resolves (and so checks) the session itself. */
  ctx: SessionCompanyContext;
  kind: DocumentKind;
  id: number;
  recordPaymentAction: FormAction<unknown>;
  voidEntryAction: FormAction<unknown>;
}

/** One invoice or bill with its payments. */
export async function DocumentPage({ ctx: { db, company, role }, kind, id, recordPaymentAction, voidEntryAction }: DocumentPageProps) {
  // Another company's document, one of the other kind or a missing one: all answer "not found".
  const doc = await findDocument(db, company.id, kind, id);
  if (!doc) notFound();
  const [payments, rule] = await Promise.all([
    listDocumentPayments(db, company.id, doc.id),
    // A deleted rule keeps its documents but leaves the lists: the line then names it by id.
    doc.ruleId === null
      ? null
      : getRuleOrThrow(db, company.id, doc.ruleId).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'not_found') return null;
          throw error;
        }),
  ]);
  return (
    <DocumentDetail
      doc={doc}
      ruleName={rule?.name ?? null}
      payments={payments}
      currency={company.baseCurrency}
      today={todayInZone(new Date(), company.timeZone ?? undefined)}
      recordPaymentAction={recordPaymentAction}
      voidEntryAction={voidEntryAction}
      role={role}
    />
  );
}
