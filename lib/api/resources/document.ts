import { z } from 'zod';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES } from '@/db/schema/enums';
import type { DocumentRow } from '@/lib/ledger/documents';
import type { DocumentPayment } from '@/lib/ledger/payments';
import { amountOf, calendarDay, currency, decimalAmount, instant, instantOf, minorAmount, recordIdValue } from '../values';

/** An invoice or bill with its settlement, amounts as decimal strings beside their minor units. */
export const documentResponse = z
  .object({
    id: recordIdValue,
    kind: z.enum(DOCUMENT_KINDS).meta({ description: '`invoice`, or `bill` (an expense)' }),
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
    createdAt: instant,
    updatedAt: instant.meta({ description: 'Its last change: the posting, then each payment or void that moved its settlement' }),
  })
  .meta({ id: 'Document' });
export type DocumentResponse = z.output<typeof documentResponse>;

/**
 * The row's fields the API shows as they are. Named one by one: a caller's row may carry more (a list's `ruleName`),
 * and the response must hold no field its schema does not.
 */
const DOCUMENT_PLAIN_FIELDS = ['id', 'kind', 'number', 'reference', 'issueDate', 'dueDate', 'status', 'memo', 'partyId', 'partyName', 'categoryId', 'categoryName', 'ruleId', 'occurrenceDate'] as const;

/** The row as the API shows it: its amounts beside decimals of the company's currency, its instants as ISO. */
export function toDocumentResponse(doc: DocumentRow, currencyCode: string): DocumentResponse {
  const plain = Object.fromEntries(DOCUMENT_PLAIN_FIELDS.map((field) => [field, doc[field]])) as Pick<DocumentRow, (typeof DOCUMENT_PLAIN_FIELDS)[number]>;
  return {
    ...plain,
    currency: currencyCode,
    ...amountOf('amount', doc.amountMinor, currencyCode),
    ...amountOf('paid', doc.paidMinor, currencyCode),
    ...amountOf('balance', doc.balanceMinor, currencyCode),
    createdAt: instantOf(doc.createdAt),
    updatedAt: instantOf(doc.updatedAt),
  };
}

const PAYMENT_KINDS = ['payment_received', 'payment_made'] as const;
const PAYMENT_KIND_OF = { invoice: 'payment_received', bill: 'payment_made' } as const;

/** A payment against a document: what was paid, how much of it went to the document, and the rest as credit. */
export const paymentResponse = z
  .object({
    id: recordIdValue,
    kind: z.enum(PAYMENT_KINDS).meta({ description: '`payment_received` on an invoice, `payment_made` on a bill' }),
    number: z.string().nullable(),
    reference: z.string(),
    documentId: recordIdValue,
    date: calendarDay,
    currency,
    amount: decimalAmount,
    amountMinor: minorAmount,
    applied: decimalAmount.meta({ description: 'The part that settled the document' }),
    appliedMinor: minorAmount,
    credit: decimalAmount.meta({ description: 'The part beyond the invoice’s open balance, booked to Customer Credits (2050)' }),
    creditMinor: minorAmount,
    memo: z.string(),
    voided: z.boolean(),
    voidReference: z.string().nullable().meta({ description: 'The reference of the entry that voided it, while it is void' }),
  })
  .meta({ id: 'Payment' });
type PaymentResponse = z.output<typeof paymentResponse>;

function toPaymentResponse(payment: DocumentPayment, document: { id: number; kind: DocumentRow['kind'] }, currencyCode: string): PaymentResponse {
  return {
    id: payment.id,
    kind: PAYMENT_KIND_OF[document.kind],
    number: payment.number,
    reference: payment.reference,
    documentId: document.id,
    date: payment.date,
    currency: currencyCode,
    ...amountOf('amount', payment.amountMinor, currencyCode),
    ...amountOf('applied', payment.appliedMinor, currencyCode),
    ...amountOf('credit', payment.amountMinor - payment.appliedMinor, currencyCode),
    memo: payment.memo,
    voided: payment.voidReference !== null,
    voidReference: payment.voidReference,
  };
}

/** A document with every payment made against it, oldest first (void ones too, marked). */
export const documentDetailResponse = documentResponse.extend({ payments: z.array(paymentResponse) }).meta({ id: 'DocumentDetail' });
export type DocumentDetailResponse = z.output<typeof documentDetailResponse>;

export function toDocumentDetailResponse(doc: DocumentRow, payments: DocumentPayment[], currencyCode: string): DocumentDetailResponse {
  return { ...toDocumentResponse(doc, currencyCode), payments: payments.map((p) => toPaymentResponse(p, doc, currencyCode)) };
}
