import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { DocumentKind, EntryKind } from '@/db/schema/enums';
import { documentCounters, journalEntries, journalLines } from '@/db/schema/ledger';
import type { SystemAccounts } from './accounts';

/**
 * The one place that writes documents and their journal entries. Manual entry and the recurring sweep both call
 * `insertDocuments`, so a recurring invoice is booked exactly like a typed one.
 */

export interface NewDocument {
  companyId: string;
  kind: DocumentKind;
  number: string;
  reference: string;
  partyId: number;
  categoryAccountId: number;
  amountMinor: number;
  entryDate: string;
  dueDate: string;
  memo: string;
  ruleId?: number | null;
  occurrenceDate?: string | null;
}

export interface JournalLine {
  accountId: number;
  /** Debit positive, credit negative. */
  amountMinor: number;
}

/** Invoice: Dr A/R, Cr revenue category. Bill: Dr expense category, Cr A/P. */
export function documentLines(
  kind: DocumentKind,
  amountMinor: number,
  categoryAccountId: number,
  system: Pick<SystemAccounts, 'receivable' | 'payable'>,
): JournalLine[] {
  return kind === 'invoice'
    ? [
        { accountId: system.receivable, amountMinor },
        { accountId: categoryAccountId, amountMinor: -amountMinor },
      ]
    : [
        { accountId: categoryAccountId, amountMinor },
        { accountId: system.payable, amountMinor: -amountMinor },
      ];
}

export interface InsertedDocument {
  id: number;
  companyId: string;
  reference: string;
}

/**
 * Inserts documents (one statement) and their lines (one statement) inside the caller's transaction.
 * With `skipDuplicates`, a document whose reference (or rule occurrence) is already posted is left out and not
 * returned: the caller reports it as a duplicate. Without it, a duplicate raises the unique violation.
 */
export async function insertDocuments(
  tx: Db,
  docs: NewDocument[],
  systemByCompany: ReadonlyMap<string, Pick<SystemAccounts, 'receivable' | 'payable'>>,
  options: { skipDuplicates: boolean },
): Promise<InsertedDocument[]> {
  if (docs.length === 0) return [];
  const rows = docs.map((d) => ({
    companyId: d.companyId,
    kind: d.kind,
    entryDate: d.entryDate,
    reference: d.reference,
    memo: d.memo,
    number: d.number,
    partyId: d.partyId,
    dueDate: d.dueDate,
    amountMinor: d.amountMinor,
    categoryAccountId: d.categoryAccountId,
    status: 'open' as const,
    ruleId: d.ruleId ?? null,
    occurrenceDate: d.occurrenceDate ?? null,
  }));
  const insert = tx.insert(journalEntries).values(rows);
  const inserted = await (options.skipDuplicates ? insert.onConflictDoNothing() : insert).returning({
    id: journalEntries.id,
    companyId: journalEntries.companyId,
    reference: journalEntries.reference,
  });
  if (inserted.length === 0) return inserted;
  const byKey = new Map(docs.map((d) => [`${d.companyId}|${d.reference}`, d]));
  const lines = inserted.flatMap((entry) => {
    const doc = byKey.get(`${entry.companyId}|${entry.reference}`);
    const system = systemByCompany.get(entry.companyId);
    if (!doc || !system) throw new Error(`no document or accounts for ${entry.reference}`);
    return documentLines(doc.kind, doc.amountMinor, doc.categoryAccountId, system).map((line, i) => ({
      entryId: entry.id,
      lineNo: i + 1,
      companyId: entry.companyId,
      ...line,
    }));
  });
  await tx.insert(journalLines).values(lines);
  return inserted;
}

/** Inserts one non-document entry (payment or void) with its lines, which must balance. */
export async function insertEntry(
  tx: Db,
  entry: typeof journalEntries.$inferInsert,
  lines: JournalLine[],
): Promise<typeof journalEntries.$inferSelect> {
  const [row] = await tx.insert(journalEntries).values(entry).returning();
  if (!row) throw new Error('entry insert returned no row');
  await tx.insert(journalLines).values(
    lines.map((line, i) => ({ entryId: row.id, lineNo: i + 1, companyId: row.companyId, ...line })),
  );
  return row;
}

const NUMBER_PREFIX: Record<EntryKind, string> = {
  invoice: 'INV',
  bill: 'BILL',
  payment_received: 'PAY',
  payment_made: 'PMT',
  void: 'VOID',
};

/**
 * Reserves `count` consecutive document numbers for a company and kind, e.g. `['INV-000041', 'INV-000042']`.
 * The counter row's lock serialises concurrent reservations for one company only.
 */
export async function reserveNumbers(tx: Db, companyId: string, kind: EntryKind, count: number): Promise<string[]> {
  const [row] = await tx
    .insert(documentCounters)
    .values({ companyId, kind, lastValue: count })
    .onConflictDoUpdate({
      target: [documentCounters.companyId, documentCounters.kind],
      set: { lastValue: sql`${documentCounters.lastValue} + ${count}` },
    })
    .returning({ lastValue: documentCounters.lastValue });
  if (!row) throw new Error('counter upsert returned no row');
  const first = row.lastValue - count + 1;
  return Array.from({ length: count }, (_, i) => `${NUMBER_PREFIX[kind]}-${String(first + i).padStart(6, '0')}`);
}

/** The lines of a posted entry, for reversal. */
export async function entryLines(tx: Db, entryId: number): Promise<JournalLine[]> {
  return tx
    .select({ accountId: journalLines.accountId, amountMinor: journalLines.amountMinor })
    .from(journalLines)
    .where(eq(journalLines.entryId, entryId))
    .orderBy(journalLines.lineNo);
}
