import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { DocumentKind, EntryKind } from '@/db/schema/enums';
import { journalEntries, journalLines } from '@/db/schema/ledger';
import { rowsOf, sqlArray } from '@/db/sql-batch';
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
  /** The document's position in the input. */
  index: number;
}

/** Documents per statement: one statement for a whole batch, within a bound on the memory a statement takes. */
export const MAX_DOCUMENTS_PER_STATEMENT = 2_000;

/**
 * Inserts documents and their lines inside the caller's transaction, set-based: one statement per
 * MAX_DOCUMENTS_PER_STATEMENT documents, whatever their number. Every column travels as one array parameter
 * (`unnest`), the entries are inserted, and their lines are inserted from what was really inserted, so the
 * balance trigger checks the whole statement at once. With `skipDuplicates`, a document whose reference (or rule
 * occurrence) is already posted is left out, with its lines, and not returned: the caller reports it as a
 * duplicate. Without it, a duplicate raises the unique violation. Returned in input order.
 */
export async function insertDocuments(
  tx: Db,
  docs: NewDocument[],
  systemByCompany: ReadonlyMap<string, Pick<SystemAccounts, 'receivable' | 'payable'>>,
  options: { skipDuplicates: boolean },
): Promise<InsertedDocument[]> {
  const inserted: InsertedDocument[] = [];
  for (let start = 0; start < docs.length; start += MAX_DOCUMENTS_PER_STATEMENT) {
    const chunk = docs.slice(start, start + MAX_DOCUMENTS_PER_STATEMENT);
    for (const row of await insertDocumentChunk(tx, chunk, systemByCompany, options)) inserted.push({ ...row, index: row.index + start });
  }
  return inserted;
}

async function insertDocumentChunk(
  tx: Db,
  docs: NewDocument[],
  systemByCompany: ReadonlyMap<string, Pick<SystemAccounts, 'receivable' | 'payable'>>,
  options: { skipDuplicates: boolean },
): Promise<InsertedDocument[]> {
  if (docs.length === 0) return [];
  const lineDoc: number[] = [];
  const lineNo: number[] = [];
  const lineAccount: number[] = [];
  const lineAmount: number[] = [];
  docs.forEach((doc, i) => {
    const system = systemByCompany.get(doc.companyId);
    if (!system) throw new Error(`no system accounts for company ${doc.companyId}`);
    documentLines(doc.kind, doc.amountMinor, doc.categoryAccountId, system).forEach((line, n) => {
      lineDoc.push(i + 1);
      lineNo.push(n + 1);
      lineAccount.push(line.accountId);
      lineAmount.push(line.amountMinor);
    });
  });
  const column = <T extends string | number | null>(pick: (d: NewDocument) => T) => docs.map(pick);
  const result = await tx.execute(sql`
    with d as (
      select * from unnest(
        ${sqlArray(column((d) => d.companyId), 'uuid')}, ${sqlArray(column((d) => d.kind), 'entry_kind')},
        ${sqlArray(column((d) => d.entryDate), 'date')}, ${sqlArray(column((d) => d.reference), 'text')},
        ${sqlArray(column((d) => d.memo), 'text')}, ${sqlArray(column((d) => d.number), 'text')},
        ${sqlArray(column((d) => d.partyId), 'bigint')}, ${sqlArray(column((d) => d.dueDate), 'date')},
        ${sqlArray(column((d) => d.amountMinor), 'bigint')}, ${sqlArray(column((d) => d.categoryAccountId), 'bigint')},
        ${sqlArray(column((d) => d.ruleId ?? null), 'bigint')}, ${sqlArray(column((d) => d.occurrenceDate ?? null), 'date')}
      ) with ordinality as d(company_id, kind, entry_date, reference, memo, number, party_id, due_date, amount_minor,
        category_account_id, rule_id, occurrence_date, ord)
    ), e as (
      insert into journal_entries (company_id, kind, entry_date, reference, memo, number, party_id, due_date, amount_minor,
        category_account_id, status, rule_id, occurrence_date)
      select company_id, kind, entry_date, reference, memo, number, party_id, due_date, amount_minor,
        category_account_id, 'open', rule_id, occurrence_date
      from d order by ord
      ${options.skipDuplicates ? sql`on conflict do nothing` : sql``}
      returning id, company_id, reference
    ), l as (
      insert into journal_lines (entry_id, line_no, company_id, account_id, amount_minor)
      select e.id, l.line_no, e.company_id, l.account_id, l.amount_minor
      from e
      join d on d.company_id = e.company_id and d.reference = e.reference
      join unnest(${sqlArray(lineDoc, 'int')}, ${sqlArray(lineNo, 'smallint')}, ${sqlArray(lineAccount, 'bigint')},
        ${sqlArray(lineAmount, 'bigint')}) as l(ord, line_no, account_id, amount_minor) on l.ord = d.ord
    )
    select e.id, e.company_id, e.reference, d.ord from e join d on d.company_id = e.company_id and d.reference = e.reference
    order by d.ord`);
  return rowsOf<{ id: number | string; company_id: string; reference: string; ord: number | string }>(result).map((r) => ({
    id: Number(r.id),
    companyId: r.company_id,
    reference: r.reference,
    index: Number(r.ord) - 1,
  }));
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
  const [block] = await reserveNumberBlocks(tx, [{ companyId, kind, count }]);
  return block?.numbers ?? [];
}

export interface NumberRequest {
  companyId: string;
  kind: EntryKind;
  count: number;
}

/**
 * Reserves blocks of consecutive numbers for several (company, kind) pairs in one statement, returned in request
 * order. Counter rows are locked in (company, kind) order, so two batches that share companies cannot deadlock.
 */
export async function reserveNumberBlocks(tx: Db, requests: NumberRequest[]): Promise<(NumberRequest & { numbers: string[] })[]> {
  if (requests.length === 0) return [];
  const keys = new Set(requests.map((r) => `${r.companyId}|${r.kind}`));
  if (keys.size !== requests.length) throw new Error('reserveNumberBlocks: one request per company and kind');
  const result = await tx.execute(sql`
    insert into document_counters as c (company_id, kind, last_value)
    select company_id, kind, n from unnest(${sqlArray(requests.map((r) => r.companyId), 'uuid')},
      ${sqlArray(requests.map((r) => r.kind), 'entry_kind')}, ${sqlArray(requests.map((r) => r.count), 'bigint')}) as r(company_id, kind, n)
    order by company_id, kind
    on conflict (company_id, kind) do update set last_value = c.last_value + excluded.last_value
    returning company_id, kind, last_value`);
  const last = new Map(rowsOf<{ company_id: string; kind: EntryKind; last_value: number | string }>(result).map((r) => [`${r.company_id}|${r.kind}`, Number(r.last_value)]));
  return requests.map((r) => {
    const lastValue = last.get(`${r.companyId}|${r.kind}`);
    if (lastValue === undefined) throw new Error(`no counter returned for ${r.companyId} ${r.kind}`);
    const first = lastValue - r.count + 1;
    return { ...r, numbers: Array.from({ length: r.count }, (_, i) => `${NUMBER_PREFIX[r.kind]}-${String(first + i).padStart(6, '0')}`) };
  });
}

/** The lines of a posted entry, for reversal. */
export async function entryLines(tx: Db, entryId: number): Promise<JournalLine[]> {
  return tx
    .select({ accountId: journalLines.accountId, amountMinor: journalLines.amountMinor })
    .from(journalLines)
    .where(eq(journalLines.entryId, entryId))
    .orderBy(journalLines.lineNo);
}
