import { and, asc, eq, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import type { EntryKind } from '@/db/schema/enums';
import { journalEntries } from '@/db/schema/ledger';
import { getPartyOrThrow, type Party } from './parties';

/**
 * One line of a party's statement: a document, a payment, or the void of either, each moving what stands
 * between the company and the party. `chargeMinor` raises it (an invoice, a bill, the void of a payment),
 * `paymentMinor` lowers it (a payment, the void of a document); `balanceMinor` is the running total after the
 * line: what the customer owes (negative: its credit), or what the company owes the vendor.
 */
export interface StatementLine {
  id: number;
  kind: EntryKind;
  date: string;
  /** The entry's own number (`INV-000001`, `PAY-000003`), or its reference when it has none (a void). */
  number: string;
  reference: string;
  /** What the line is: its memo, or which document a payment paid, or what a void reversed. */
  description: string;
  /** The document a link should open: the line's own document, a payment's or the voided entry's. */
  documentId: number | null;
  chargeMinor: number;
  paymentMinor: number;
  balanceMinor: bigint;
}

export interface PartyStatement {
  party: Party;
  lines: StatementLine[];
  /** The balance after the last line (0 with no lines). */
  closingMinor: bigint;
}

const reversed = alias(journalEntries, 'reversed');
const paidDocument = alias(journalEntries, 'paid_document');

/** +1: the entry raises what stands between the company and the party; -1: it lowers it. */
const DIRECTION: Record<Exclude<EntryKind, 'void'>, 1 | -1> = { invoice: 1, bill: 1, payment_received: -1, payment_made: -1 };

/**
 * A party's statement: its documents and payments, and the voids of either, in date order (entries of one day in
 * the order they were booked) with a running balance. A void is dated like what it reverses, so a voided document
 * and its void sit side by side and net to nothing.
 *
 * @example partyStatement(db, companyId, customerId) // lines: INV-000001 +1,000.00 → 1,000.00; PAY-000001 −400.00 → 600.00
 */
export async function partyStatement(db: Db, companyId: string, partyId: number): Promise<PartyStatement> {
  const party = await getPartyOrThrow(db, companyId, partyId);
  const rows = await db
    .select({
      id: journalEntries.id,
      kind: journalEntries.kind,
      date: journalEntries.entryDate,
      number: journalEntries.number,
      reference: journalEntries.reference,
      memo: journalEntries.memo,
      amountMinor: journalEntries.amountMinor,
      documentId: journalEntries.documentId,
      documentNumber: paidDocument.number,
      reversedId: reversed.id,
      reversedKind: reversed.kind,
      reversedNumber: reversed.number,
      reversedAmountMinor: reversed.amountMinor,
      reversedDocumentId: reversed.documentId,
    })
    .from(journalEntries)
    .leftJoin(reversed, and(eq(reversed.companyId, journalEntries.companyId), eq(reversed.id, journalEntries.reversesId)))
    .leftJoin(paidDocument, and(eq(paidDocument.companyId, journalEntries.companyId), eq(paidDocument.id, journalEntries.documentId)))
    .where(and(eq(journalEntries.companyId, companyId), or(eq(journalEntries.partyId, partyId), eq(reversed.partyId, partyId))))
    .orderBy(asc(journalEntries.entryDate), asc(journalEntries.id));

  let balanceMinor = 0n;
  const lines = rows.map((r): StatementLine => {
    const isVoid = r.kind === 'void';
    const baseKind = (isVoid ? r.reversedKind : r.kind) as Exclude<EntryKind, 'void'>;
    const amountMinor = (isVoid ? r.reversedAmountMinor : r.amountMinor) ?? 0;
    const signed = (isVoid ? -DIRECTION[baseKind] : DIRECTION[baseKind]) * amountMinor;
    balanceMinor += BigInt(signed);
    const isDocument = baseKind === 'invoice' || baseKind === 'bill';
    const documentId = isVoid ? (isDocument ? r.reversedId : r.reversedDocumentId) : isDocument ? r.id : r.documentId;
    const description = isVoid
      ? r.memo
      : isDocument
        ? r.memo
        : `Payment for ${r.documentNumber ?? 'a document'}${r.memo ? ` · ${r.memo}` : ''}`;
    return {
      id: r.id,
      kind: r.kind,
      date: r.date,
      number: r.number ?? r.reference,
      reference: r.reference,
      description,
      documentId,
      chargeMinor: signed > 0 ? signed : 0,
      paymentMinor: signed < 0 ? -signed : 0,
      balanceMinor,
    };
  });
  return { party, lines, closingMinor: balanceMinor };
}
