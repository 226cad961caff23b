import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import type { EntryKind } from '@/db/schema/enums';
import { journalEntries } from '@/db/schema/ledger';
import { queryDate } from '@/lib/schemas/common';
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
  /** The lines dated within the range, their running balance starting from `openingMinor`. */
  lines: StatementLine[];
  /** The balance before the range: every line dated before `from` (0 without a `from`). */
  openingMinor: bigint;
  /** The balance at the end of the range: after its last line, or the opening when it has none. */
  closingMinor: bigint;
}

/** An empty `?from=` means "no start": the form's cleared date input sends one. */
const optionalDate = z.preprocess((v) => (v === '' ? undefined : v), queryDate.optional());

/**
 * The dates a statement covers, both inclusive, either optional ('YYYY-MM-DD'): the statement page's URL and its
 * CSV export read them with this one schema, so the export holds what the screen shows.
 */
export const statementRange = z
  .object({ from: optionalDate, to: optionalDate })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { path: ['to'], message: 'The end date cannot be before the start date' });
export type StatementRange = z.output<typeof statementRange>;

const paidDocument = alias(journalEntries, 'paid_document');

/** +1: the entry raises what stands between the company and the party; -1: it lowers it. */
const DIRECTION: Record<Exclude<EntryKind, 'void'>, 1 | -1> = { invoice: 1, bill: 1, payment_received: -1, payment_made: -1 };

/**
 * A party's statement: its documents and payments, and the voids of either, in date order (entries of one day in
 * the order they were booked) with a running balance. A void is dated like what it reverses, so a voided document
 * and its void sit side by side and net to nothing.
 *
 * With a range, the lines before `from` fold into the opening balance and those after `to` are left out: the
 * running balance is the same figure on a line whatever range shows it.
 *
 * @example partyStatement(db, companyId, customerId) // lines: INV-000001 +1,000.00 → 1,000.00; PAY-000001 −400.00 → 600.00
 * @example partyStatement(db, companyId, customerId, { from: '2026-03-01', to: '2026-03-31' }) // opening 600.00, March's lines, closing
 */
export async function partyStatement(db: Db, companyId: string, partyId: number, range: StatementRange = {}): Promise<PartyStatement> {
  const party = await getPartyOrThrow(db, companyId, partyId);
  // Two index reads instead of one OR across a join (which scanned every entry of the company): the party's own
  // entries (journal_entries_company_party_date_idx), then the voids of those (journal_entries_reverses_key).
  const own = await db
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
    })
    .from(journalEntries)
    .leftJoin(paidDocument, and(eq(paidDocument.companyId, journalEntries.companyId), eq(paidDocument.id, journalEntries.documentId)))
    .where(and(eq(journalEntries.companyId, companyId), eq(journalEntries.partyId, partyId)))
    .orderBy(asc(journalEntries.entryDate), asc(journalEntries.id));
  const byId = new Map(own.map((e) => [e.id, e]));
  const partyEntry = alias(journalEntries, 'party_entry');
  const partyEntryIds = db
    .select({ id: partyEntry.id })
    .from(partyEntry)
    .where(and(eq(partyEntry.companyId, companyId), eq(partyEntry.partyId, partyId)));
  const voids = own.length
    ? await db
        .select({
          id: journalEntries.id,
          date: journalEntries.entryDate,
          reference: journalEntries.reference,
          memo: journalEntries.memo,
          reversesId: journalEntries.reversesId,
        })
        .from(journalEntries)
        .where(and(eq(journalEntries.companyId, companyId), inArray(journalEntries.reversesId, partyEntryIds)))
    : [];
  const rows = [
    ...own.map((e) => ({ ...e, reversed: null as (typeof own)[number] | null })),
    ...voids.map((v) => ({
      id: v.id,
      kind: 'void' as const,
      date: v.date,
      number: null,
      reference: v.reference,
      memo: v.memo,
      amountMinor: null,
      documentId: null,
      documentNumber: null,
      reversed: byId.get(v.reversesId!) ?? null,
    })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));

  let balanceMinor = 0n;
  const lines = rows.map((r): StatementLine => {
    const original = r.reversed ?? r;
    const baseKind = original.kind as Exclude<EntryKind, 'void'>;
    const signed = (r.reversed ? -DIRECTION[baseKind] : DIRECTION[baseKind]) * (original.amountMinor ?? 0);
    balanceMinor += BigInt(signed);
    const isDocument = baseKind === 'invoice' || baseKind === 'bill';
    return {
      id: r.id,
      kind: r.kind,
      date: r.date,
      number: r.number ?? r.reference,
      reference: r.reference,
      description:
        r.reversed || isDocument ? r.memo : `Payment for ${r.documentNumber ?? 'a document'}${r.memo ? ` · ${r.memo}` : ''}`,
      documentId: isDocument ? original.id : original.documentId,
      chargeMinor: signed > 0 ? signed : 0,
      paymentMinor: signed < 0 ? -signed : 0,
      balanceMinor,
    };
  });
  const { from, to } = range;
  const before = from === undefined ? [] : lines.filter((l) => l.date < from);
  const openingMinor = before.at(-1)?.balanceMinor ?? 0n;
  const shown = lines.filter((l) => (from === undefined || l.date >= from) && (to === undefined || l.date <= to));
  return { party, lines: shown, openingMinor, closingMinor: shown.at(-1)?.balanceMinor ?? openingMinor };
}
