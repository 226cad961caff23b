import { z } from 'zod';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES } from '@/db/schema/enums';
import type { DocumentRow } from '@/lib/ledger/documents';
import { calendarDay, currency, decimalAmount, decimalOf, minorAmount, recordIdValue } from '../values';

/** An invoice or bill with its settlement, amounts as decimal strings beside their minor units. */
export const documentResponse = z
  .object({
    id: recordIdValue,
    kind: z.enum(DOCUMENT_KINDS),
    number: z.string(),
    reference: z.string(),
    issueDate: calendarDay,
    dueDate: calendarDay,
    currency,
    amount: decimalAmount,
    amountMinor: minorAmount,
    paid: decimalAmount,
    paidMinor: minorAmount,
    balance: decimalAmount,
    balanceMinor: minorAmount,
    status: z.enum(DOCUMENT_STATUSES),
    memo: z.string(),
    partyId: recordIdValue,
    partyName: z.string(),
    categoryId: recordIdValue,
    categoryName: z.string(),
    ruleId: recordIdValue.nullable().meta({ description: 'The recurring rule that posted it, if any' }),
    occurrenceDate: calendarDay.nullable().meta({ description: 'The rule’s occurrence it is, if any' }),
  })
  .meta({ id: 'Document' });
export type DocumentResponse = z.output<typeof documentResponse>;

export function toDocumentResponse(doc: DocumentRow, currencyCode: string): DocumentResponse {
  return {
    id: doc.id,
    kind: doc.kind,
    number: doc.number,
    reference: doc.reference,
    issueDate: doc.issueDate,
    dueDate: doc.dueDate,
    currency: currencyCode,
    amount: decimalOf(doc.amountMinor, currencyCode),
    amountMinor: doc.amountMinor,
    paid: decimalOf(doc.paidMinor, currencyCode),
    paidMinor: doc.paidMinor,
    balance: decimalOf(doc.balanceMinor, currencyCode),
    balanceMinor: doc.balanceMinor,
    status: doc.status,
    memo: doc.memo,
    partyId: doc.partyId,
    partyName: doc.partyName,
    categoryId: doc.categoryId,
    categoryName: doc.categoryName,
    ruleId: doc.ruleId,
    occurrenceDate: doc.occurrenceDate,
  };
}
