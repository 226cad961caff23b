import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import type { DocumentKind, EntryKind } from '@/db/schema/enums';
import { journalEntries, parties } from '@/db/schema/ledger';
import { AppError, fieldError, notFound, parseOrThrow, pgErrorInfo } from '@/lib/errors';
import { amountMinorOrThrow } from '@/lib/money';
import { systemAccountsOrThrow } from './accounts';
import { getCompanyOrThrow } from './companies';
import { applyToDocument, getDocumentOfKindOrThrow, lockDocumentOrThrow, lockDocumentRow, newestEntriesOf } from './documents';
import { voidReference } from './numbering';
import { claimTypedNumbers, reserveNumbers } from './document-counters';
import { entryLines, insertEntry, type JournalLine } from './posting';
import { paymentInput, voidInput, type PaymentInput } from './schemas';

const PAYMENT_KINDS = ['payment_received', 'payment_made'] as const satisfies readonly EntryKind[];

/**
 * Records a payment against an invoice (Dr Cash, Cr A/R; any excess Cr Customer Credits) or a bill
 * (Dr A/P, Cr Cash; never more than is open). Payments move balance-sheet accounts only. With `documentKind`,
 * the document must be of that kind (the invoices screen pays invoices only).
 */
export async function recordPayment(db: Db, companyId: string, input: PaymentInput, documentKind?: DocumentKind) {
  const values = parseOrThrow(paymentInput, input);
  const company = await getCompanyOrThrow(db, companyId);
  const amountMinor = amountMinorOrThrow(values.amount, company.baseCurrency);
  try {
    return await db.transaction(async (tx) => {
      const doc = await lockDocumentOrThrow(tx, companyId, values.documentId, 'documentId', documentKind);
      if (values.date < doc.entryDate) throw fieldError('date', 'The payment cannot be dated before the document');
      const openMinor = (doc.amountMinor ?? 0) - doc.paidMinor;
      const system = await systemAccountsOrThrow(tx, companyId);
      let lines: JournalLine[];
      let appliedMinor: number;
      if (doc.kind === 'invoice') {
        appliedMinor = Math.min(amountMinor, openMinor);
        const creditMinor = amountMinor - appliedMinor;
        lines = [{ accountId: system.cash, amountMinor }];
        if (appliedMinor > 0) lines.push({ accountId: system.receivable, amountMinor: -appliedMinor });
        if (creditMinor > 0) lines.push({ accountId: system.customer_credits, amountMinor: -creditMinor });
      } else {
        if (amountMinor > openMinor) {
          throw fieldError('amount', openMinor === 0 ? 'This bill is already paid' : 'The payment is more than the bill’s open balance');
        }
        appliedMinor = amountMinor;
        lines = [
          { accountId: system.payable, amountMinor },
          { accountId: system.cash, amountMinor: -amountMinor },
        ];
      }
      const kind = doc.kind === 'invoice' ? 'payment_received' : 'payment_made';
      const [own] = await claimTypedNumbers(tx, [{ companyId, kind, reference: values.reference ?? null }]);
      const number = own ?? (await reserveNumbers(tx, companyId, kind, 1))[0];
      if (!number) throw new Error('no number reserved');
      const payment = await insertEntry(
        tx,
        {
          companyId,
          kind,
          entryDate: values.date,
          reference: values.reference ?? number,
          memo: values.memo,
          number,
          partyId: doc.partyId,
          amountMinor,
          documentId: doc.id,
          appliedMinor,
        },
        lines,
      );
      if (appliedMinor > 0) await applyToDocument(tx, doc, appliedMinor);
      return payment;
    });
  } catch (error) {
    const pg = pgErrorInfo(error);
    if (pg.code === '23505' && pg.constraint === 'journal_entries_company_reference_key') {
      throw fieldError('reference', 'This reference is already used in this company');
    }
    throw error;
  }
}

const documentEntry = alias(journalEntries, 'document_entry');

export async function listPayments(db: Db, companyId: string, options: { documentId?: number; limit?: number } = {}) {
  const query = db
    .select({
      id: journalEntries.id,
      kind: journalEntries.kind,
      number: journalEntries.number,
      reference: journalEntries.reference,
      date: journalEntries.entryDate,
      amountMinor: journalEntries.amountMinor,
      appliedMinor: journalEntries.appliedMinor,
      documentId: journalEntries.documentId,
      documentNumber: documentEntry.number,
      partyName: parties.name,
      memo: journalEntries.memo,
    })
    .from(journalEntries)
    .innerJoin(documentEntry, and(eq(documentEntry.companyId, journalEntries.companyId), eq(documentEntry.id, journalEntries.documentId)))
    .innerJoin(parties, and(eq(parties.companyId, journalEntries.companyId), eq(parties.id, journalEntries.partyId)))
    .$dynamic();
  const ofDocument = options.documentId ? eq(journalEntries.documentId, options.documentId) : undefined;
  return newestEntriesOf(query, companyId, PAYMENT_KINDS, ofDocument, options.limit);
}

const voidingEntry = alias(journalEntries, 'void_entry');
/** Each entry beside the void that reversed it, if any (a left join's condition). */
const voidOfEntry = and(eq(voidingEntry.companyId, journalEntries.companyId), eq(voidingEntry.reversesId, journalEntries.id));

/** The payments booked against one document of the company. */
function paymentsOfDocument(companyId: string, documentId: number): SQL | undefined {
  return and(eq(journalEntries.companyId, companyId), eq(journalEntries.documentId, documentId), inArray(journalEntries.kind, PAYMENT_KINDS));
}

export interface DocumentPayment {
  id: number;
  number: string | null;
  reference: string;
  date: string;
  amountMinor: number;
  appliedMinor: number;
  memo: string;
  /** The reference of the entry that voided this payment, or null while it stands. */
  voidReference: string | null;
}

/** The payments of one document, oldest first, each with the void that reversed it (if any). */
export async function listDocumentPayments(db: Db, companyId: string, documentId: number): Promise<DocumentPayment[]> {
  const rows = await db
    .select({
      id: journalEntries.id,
      number: journalEntries.number,
      reference: journalEntries.reference,
      date: journalEntries.entryDate,
      amountMinor: journalEntries.amountMinor,
      appliedMinor: journalEntries.appliedMinor,
      memo: journalEntries.memo,
      voidReference: voidingEntry.reference,
    })
    .from(journalEntries)
    .leftJoin(voidingEntry, voidOfEntry)
    .where(paymentsOfDocument(companyId, documentId))
    .orderBy(asc(journalEntries.entryDate), asc(journalEntries.id));
  return rows.map((r) => ({ ...r, amountMinor: r.amountMinor ?? 0, appliedMinor: r.appliedMinor ?? 0 }));
}

/** The entries a document screen may void: its documents and their payments. */
const VOIDABLE_KINDS: Record<DocumentKind, EntryKind[]> = { invoice: ['invoice', 'payment_received'], bill: ['bill', 'payment_made'] };

/** The payments of a document that no void has reversed, oldest first: what must be voided before the document. */
async function standingPayments(tx: Db, companyId: string, documentId: number) {
  return tx
    .select({ id: journalEntries.id, number: journalEntries.number, reference: journalEntries.reference })
    .from(journalEntries)
    .leftJoin(voidingEntry, voidOfEntry)
    .where(and(paymentsOfDocument(companyId, documentId), isNull(voidingEntry.id)))
    .orderBy(asc(journalEntries.entryDate), asc(journalEntries.id));
}

/** What the void form sends: the entry's id, as a string or a number. */
export type VoidInput = z.input<typeof voidInput>;

/**
 * Voids a document or a payment with a reversing entry dated like the original, so the original's period
 * nets to zero. Posted rows are never changed. A document with payments must have them voided first, all of
 * them, also a payment that is all customer credit (it moved nothing of the document's paid amount, but it is
 * booked against the document, and a payment of a void document could never be voided). With `kind`, only that
 * kind's documents and their payments qualify; anything else is "not found".
 */
export async function voidEntry(db: Db, companyId: string, input: number | VoidInput, kind?: DocumentKind) {
  // An action passes the form's fields as they came, like every other service's input; the ledger's own callers pass an id.
  const { entryId } = parseOrThrow(voidInput, typeof input === 'number' ? { entryId: input } : input);
  return db.transaction(async (tx) => {
    const [entry] = await tx
      .select()
      .from(journalEntries)
      .where(
        and(
          eq(journalEntries.companyId, companyId),
          eq(journalEntries.id, entryId),
          kind ? inArray(journalEntries.kind, VOIDABLE_KINDS[kind]) : undefined,
        ),
      )
      .for('update');
    if (!entry) throw notFound('Entry');
    if (entry.kind === 'void') throw new AppError('conflict', 'A void cannot itself be voided');
    const [already] = await tx
      .select({ id: journalEntries.id })
      .from(journalEntries)
      .where(and(eq(journalEntries.companyId, companyId), eq(journalEntries.reversesId, entry.id)));
    if (already) throw new AppError('conflict', `${entry.number ?? entry.reference} is already void`);

    if (entry.kind === 'invoice' || entry.kind === 'bill') {
      // The document's row is locked (above), and recording a payment locks it too: none can arrive meanwhile.
      const standing = await standingPayments(tx, companyId, entry.id);
      if (standing.length > 0) {
        const names = standing.map((p) => p.number ?? p.reference).join(', ');
        throw new AppError(
          'conflict',
          standing.length === 1
            ? `${entry.number} has a payment that is not void (${names}): void it first`
            : `${entry.number} has payments that are not void (${names}): void them first`,
        );
      }
      await tx.update(journalEntries).set({ status: 'void' }).where(eq(journalEntries.id, entry.id));
    } else if (entry.documentId !== null) {
      // Locked even when nothing of it changes, so that the document's void waits for this one. A void document
      // (left so by versions that voided it under a credit-only payment) has nothing applied to undo.
      const doc = await lockDocumentRow(tx, companyId, entry.documentId);
      if (!doc) throw new Error(`payment ${entry.id} names no document of its company`);
      if ((entry.appliedMinor ?? 0) > 0 && doc.status !== 'void') await applyToDocument(tx, doc, -(entry.appliedMinor ?? 0));
    }
    const lines = await entryLines(tx, entry.id);
    return insertEntry(
      tx,
      {
        companyId,
        kind: 'void',
        entryDate: entry.entryDate,
        reference: voidReference(entry.reference),
        memo: `Void of ${entry.number ?? entry.reference}`,
        reversesId: entry.id,
      },
      lines.map((l) => ({ accountId: l.accountId, amountMinor: -l.amountMinor })),
    );
  });
}

/** The kind of document each payment kind settles. */
const DOCUMENT_KIND_OF_PAYMENT = { payment_received: 'invoice', payment_made: 'bill' } as const satisfies Record<string, DocumentKind>;
type PaymentKind = keyof typeof DOCUMENT_KIND_OF_PAYMENT;

/**
 * Voids a document of `kind` (its payments must be void already): an entry of another kind or another company,
 * a payment included, is not found. Returns the reversing entry.
 */
export async function voidDocument(db: Db, companyId: string, kind: DocumentKind, documentId: number) {
  await getDocumentOfKindOrThrow(db, companyId, kind, documentId);
  return voidEntry(db, companyId, documentId, kind);
}

/**
 * Voids a payment, received or made: its applied part goes back onto its document's balance, a customer
 * credit it made is reversed with it. Anything but a payment of the company is not found. Returns the
 * reversing entry and the payment's document.
 */
export async function voidPayment(db: Db, companyId: string, paymentId: number) {
  const [payment] = await db
    .select({ kind: journalEntries.kind, documentId: journalEntries.documentId })
    .from(journalEntries)
    .where(and(eq(journalEntries.companyId, companyId), eq(journalEntries.id, paymentId), inArray(journalEntries.kind, ['payment_received', 'payment_made'])));
  if (!payment || payment.documentId === null) throw notFound('Payment');
  // An entry's kind never changes, so reading it before voidEntry's transaction is safe.
  const reversal = await voidEntry(db, companyId, paymentId, DOCUMENT_KIND_OF_PAYMENT[payment.kind as PaymentKind]);
  return { reversal, documentId: payment.documentId, documentKind: DOCUMENT_KIND_OF_PAYMENT[payment.kind as PaymentKind] };
}
