import type { EntryKind } from '@/db/schema/enums';

/**
 * The ledger's own numbers and the references generated from them. Pure, so the input schemas (shared with the
 * client forms) can ask whether a typed reference is one of these numbers.
 *
 * Every entry's reference is unique in its company, and an entry typed without one takes its number as its
 * reference. So a typed reference equal to a number not yet issued (`INV-000003` typed before `INV-000002` exists)
 * would make that number collide the day it is issued, and every later entry fail with it, forever. Two ways out:
 * refuse typed references in the numbering's format, or move the numbering past a typed number. A legacy import
 * must keep its numbers, which are often in this very format (`INV-000412`), so the ledger does the second, as
 * mainstream accounting software does: each counter is the highest number of its kind issued *or typed*, and a
 * reference typed ahead of its counter moves the counter there (`posting.ts`, `claimTypedNumbers`). The numbering
 * then continues after it, and can never hand out a number that a reference already holds.
 */

/** The kinds of entries that carry a number. A void has none: its reference is derived from the voided entry's. */
export type NumberedKind = Exclude<EntryKind, 'void'>;

export const NUMBER_PREFIX: Record<NumberedKind, string> = {
  invoice: 'INV',
  bill: 'BILL',
  payment_received: 'PAY',
  payment_made: 'PAY',
};

/**
 * The numbering (the counter in `document_counters`) each kind takes its numbers from. A payment is `PAY-` whether
 * money came in or went out, in one sequence kept in the `payment_received` counter, so the payments of a company
 * read as one series on invoices and bills alike. Until issue 13, payments made were `PMT-`, from their own
 * `payment_made` counter: those entries keep their references (no migration rewrites a posted reference), and no
 * new number can equal one of them since none starts `PMT-` any more; the old counter is simply no longer read.
 */
export const NUMBERING_OF: Record<NumberedKind, NumberedKind> = {
  invoice: 'invoice',
  bill: 'bill',
  payment_received: 'payment_received',
  payment_made: 'payment_received',
};

const KIND_OF_PREFIX = new Map(Object.entries(NUMBER_PREFIX).map(([kind, prefix]) => [prefix, NUMBERING_OF[kind as NumberedKind]]));

/**
 * The highest number a typed reference may carry in a numbering format (`INV-999999999999`): counters moved there
 * stay exact as JS numbers and as bigint for longer than any ledger lives.
 */
export const MAX_TYPED_NUMBER = 999_999_999_999;

/** Voids are referenced `VOID-{the voided entry's reference}`; typed references may not start so (schemas.ts). */
export const VOID_REFERENCE_PREFIX = 'VOID-';

/**
 * A recurring rule's postings are referenced `REC-{rule id}-{occurrence date}` (`occurrenceReference`): the
 * reference is the posting's identity. Only they start so: typed references may not (schemas.ts), and the database
 * checks that an entry has a rule exactly when its reference starts so (`journal_entries_recurring_reference`).
 */
export const RECURRING_REFERENCE_PREFIX = 'REC-';

/** A document number: `INV-000042`, at least six digits (`INV-1234567` past a million). */
export function formatNumber(kind: NumberedKind, value: number): string {
  return `${NUMBER_PREFIX[kind]}-${String(value).padStart(6, '0')}`;
}

/** The reference of the void of an entry referenced `reference`: unique, since the voided entry's is. */
export function voidReference(reference: string): string {
  return `${VOID_REFERENCE_PREFIX}${reference}`;
}

/**
 * The reference of a recurring rule's posting on a date: its identity, unique per company. The sweep's statement
 * writes the same text in SQL (`occurrenceReferenceSql`, posting.ts).
 *
 * @example occurrenceReference(42, '2026-03-31') // 'REC-42-2026-03-31'
 */
export function occurrenceReference(ruleId: number, occurrenceDate: string): string {
  return `${RECURRING_REFERENCE_PREFIX}${ruleId}-${occurrenceDate}`;
}

const NUMBER_SHAPE = /^([A-Z]+)-([0-9]{6,})$/;

/**
 * The number a reference is, in the exact form `formatNumber` writes, or null: `INV-000042` is invoice 42 (`kind`
 * is the numbering, `NUMBERING_OF`: `PAY-000007` is payment 7, in the `payment_received` numbering);
 * `INV-42`, `INV-0000042` and `inv-000042` are never generated, so they are plain references that cannot collide.
 * The value is exact up to MAX_TYPED_NUMBER; a larger one only compares as larger.
 *
 * @example parseNumber('PAY-001200') // { kind: 'payment_received', value: 1200 }
 */
export function parseNumber(reference: string): { kind: NumberedKind; value: number } | null {
  const match = NUMBER_SHAPE.exec(reference);
  if (!match) return null;
  const [, prefix = '', digits = ''] = match;
  const kind = KIND_OF_PREFIX.get(prefix);
  if (!kind || (digits.length > 6 && digits.startsWith('0'))) return null;
  return { kind, value: Number(digits) };
}
