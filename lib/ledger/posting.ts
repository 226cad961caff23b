import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { DocumentKind } from '@/db/schema/enums';
import { journalEntries, journalLines } from '@/db/schema/ledger';
import { rowsOf, sqlArray } from '@/db/sql-batch';
import type { SystemAccounts } from './accounts';
import { claimTypedNumbers } from './document-counters';
import { NUMBER_PREFIX, RECURRING_REFERENCE_PREFIX } from './numbering';

/**
 * The one place that writes documents and their journal entries. Manual entry and the recurring sweep both call
 * `writeDocuments`, so a recurring invoice is booked exactly like a typed one.
 */

export interface NewDocument {
  companyId: string;
  kind: DocumentKind;
  /** Null: the document's own number, reserved by the insert. */
  reference: string | null;
  partyId: number;
  categoryAccountId: number;
  amountMinor: number;
  entryDate: string;
  dueDate: string;
  memo: string;
}

export interface JournalLine {
  accountId: number;
  /** Debit positive, credit negative. */
  amountMinor: number;
}

/** An account a document's line posts to: its company's A/R or A/P, or the document's own category. */
type LineAccount = 'receivable' | 'payable' | 'category';

/**
 * The two lines of each kind of document, the one definition of them: invoice Dr A/R, Cr its revenue category;
 * bill Dr its expense category, Cr A/P. `documentLines` reads it for one document, and `writeDocuments` books it in
 * SQL (`lineAccountSql`, its `l` step).
 */
const DOCUMENT_LINES = {
  invoice: { debit: 'receivable', credit: 'category' },
  bill: { debit: 'category', credit: 'payable' },
} as const satisfies Record<DocumentKind, { debit: LineAccount; credit: LineAccount }>;

/** The journal lines of one document: its debit, then its credit. */
export function documentLines(
  kind: DocumentKind,
  amountMinor: number,
  categoryAccountId: number,
  system: Pick<SystemAccounts, 'receivable' | 'payable'>,
): JournalLine[] {
  const accountOf = (account: LineAccount) => (account === 'category' ? categoryAccountId : system[account]);
  return [
    { accountId: accountOf(DOCUMENT_LINES[kind].debit), amountMinor },
    { accountId: accountOf(DOCUMENT_LINES[kind].credit), amountMinor: -amountMinor },
  ];
}

/**
 * `DOCUMENT_LINES` in SQL: the account of an entry's debit or credit line, by its kind, from the entry `e` and its
 * company's system accounts `s`.
 */
function lineAccountSql(side: 'debit' | 'credit'): SQL {
  const column: Record<LineAccount, string> = { receivable: 's.receivable', payable: 's.payable', category: 'e.category_account_id' };
  const cases = Object.entries(DOCUMENT_LINES).map(([kind, lines]) => `when '${kind}' then ${column[lines[side]]}`);
  return sql.raw(`case e.kind ${cases.join(' ')} end`);
}
const DEBIT_ACCOUNT_SQL = lineAccountSql('debit');
const CREDIT_ACCOUNT_SQL = lineAccountSql('credit');

export interface InsertedDocument {
  id: number;
  /** The document's position in the input. */
  index: number;
}

/** Documents per statement: one statement for a whole batch, within a bound on the memory a statement takes. */
export const MAX_DOCUMENTS_PER_STATEMENT = 2_000;

/**
 * The documents to write, as a SQL relation with these columns (one row per document):
 * `company_id uuid, kind entry_kind, entry_date date, reference text` (null: the document's number), `memo text,
 * party_id bigint, due_date date, amount_minor bigint, category_account_id bigint, rule_id bigint,
 * occurrence_date date, ord bigint` (the 1-based position in the input), and, with `ownNumbers`, `own_number
 * text` (the document's number when it is its typed reference, see `claimTypedNumbers`; null: the next number).
 * `insertDocuments` builds one from arrays; the recurring sweep builds one from the locked rules themselves, so
 * that nothing the database already holds travels through the client.
 */
export type DocumentSource = SQL;

/**
 * The one statement that writes documents (invoices and bills) and their journal entries, inside the caller's
 * transaction: it reserves their numbers (one block per company and kind, counters locked in key order so two
 * batches sharing companies cannot deadlock), inserts the entries, and inserts the two lines of each entry
 * that was really inserted, with the A/R or A/P account of its company, so the balance trigger checks the
 * whole statement at once. A batch written in several statements locks all its counters first
 * (`lockDocumentCounters`). With `ownNumbers`, a row with an `own_number` takes it and no number from the counter
 * (`claimTypedNumbers` moved the counter past it). With `skipDuplicates`, a document whose reference is already
 * posted in its company is left out with its lines and not returned: the caller reports it as a duplicate (its
 * reserved number is not reused). The reference is the only conflict checked (a rule occurrence's reference is
 * its identity, `REC-{rule}-{date}`), so each row costs one probe instead of one per unique index; any other
 * unique violation still raises. Without `skipDuplicates`, a duplicate raises the unique violation. Returned in
 * input order.
 */
export async function writeDocuments(
  tx: Db,
  source: DocumentSource,
  options: { skipDuplicates: boolean; ownNumbers?: boolean },
): Promise<InsertedDocument[]> {
  // Without own numbers (the sweep's hot path) the statement is exactly the plain one: every row takes a number.
  const own = options.ownNumbers === true;
  const result = await tx.execute(sql`
    with d as (${source}),
    n as (
      insert into document_counters as c (company_id, kind, last_value)
      select company_id, kind, ${own ? sql`count(*) filter (where own_number is null)` : sql`count(*)`}
      from d group by company_id, kind order by company_id, kind
      on conflict (company_id, kind) do update set last_value = c.last_value + excluded.last_value
      returning company_id, kind, last_value
    ),
    numbered as (
      select q.*, ${own ? sql`coalesce(q.own_number, ${numberSql(sql`q.kind`, sql`q.seq`)})` : numberSql(sql`q.kind`, sql`q.seq`)} as number
      from (
        select d.*, n.last_value - count(*) over k + row_number() over (k order by d.ord) as seq
        from d join n on n.company_id = d.company_id and n.kind = d.kind
        window k as (partition by d.company_id, d.kind${own ? sql`, d.own_number is null` : sql``})
      ) q
    ),
    e as (
      insert into journal_entries (company_id, kind, entry_date, reference, memo, number, party_id, due_date, amount_minor,
        category_account_id, status, rule_id, occurrence_date)
      select company_id, kind, entry_date, coalesce(reference, number), memo, number, party_id, due_date, amount_minor,
        category_account_id, 'open', rule_id, occurrence_date
      from numbered order by ord
      ${options.skipDuplicates ? sql`on conflict (company_id, reference) do nothing` : sql``}
      returning id, company_id, kind, number, amount_minor, category_account_id
    ),
    s as (
      -- The A/R and A/P of each company: two probes of accounts_company_role_key per company, whatever the chart's size.
      select dc.company_id,
        (select a.id from accounts a where a.company_id = dc.company_id and a.role = 'receivable') as receivable,
        (select a.id from accounts a where a.company_id = dc.company_id and a.role = 'payable') as payable
      from (select distinct company_id from d) dc
    ),
    l as (
      -- A company without A/R or A/P leaves account_id null here, which the NOT NULL refuses: nothing is written.
      insert into journal_lines (entry_id, line_no, company_id, account_id, amount_minor)
      select e.id, x.line_no, e.company_id, x.account_id, x.amount_minor
      from e left join s on s.company_id = e.company_id
      cross join lateral (values
        (1::smallint, ${DEBIT_ACCOUNT_SQL}, e.amount_minor),
        (2::smallint, ${CREDIT_ACCOUNT_SQL}, -e.amount_minor)
      ) as x(line_no, account_id, amount_minor)
    )
    select e.id, numbered.ord from e join numbered on numbered.company_id = e.company_id and numbered.number = e.number
    order by numbered.ord`);
  return rowsOf<{ id: number | string; ord: number | string }>(result).map((r) => ({ id: Number(r.id), index: Number(r.ord) - 1 }));
}

/**
 * Inserts documents typed or imported, inside the caller's transaction: their counters locked and moved past
 * their typed numbers first (`claimTypedNumbers`), then one `writeDocuments` statement per
 * MAX_DOCUMENTS_PER_STATEMENT documents, every column as one array parameter.
 */
export async function insertDocuments(tx: Db, docs: NewDocument[], options: { skipDuplicates: boolean }): Promise<InsertedDocument[]> {
  const ownNumbers = await claimTypedNumbers(tx, docs);
  const inserted: InsertedDocument[] = [];
  for (let start = 0; start < docs.length; start += MAX_DOCUMENTS_PER_STATEMENT) {
    const chunk = docs.slice(start, start + MAX_DOCUMENTS_PER_STATEMENT);
    const column = <T extends string | number | null>(pick: (d: NewDocument) => T) => chunk.map(pick);
    const source = sql`
      select * from unnest(
        ${sqlArray(column((d) => d.companyId), 'uuid')}, ${sqlArray(column((d) => d.kind), 'entry_kind')},
        ${sqlArray(column((d) => d.entryDate), 'date')}, ${sqlArray(column((d) => d.reference), 'text')},
        ${sqlArray(column((d) => d.memo), 'text')}, ${sqlArray(column((d) => d.partyId), 'bigint')},
        ${sqlArray(column((d) => d.dueDate), 'date')}, ${sqlArray(column((d) => d.amountMinor), 'bigint')},
        ${sqlArray(column((d) => d.categoryAccountId), 'bigint')}, ${sqlArray(column(() => null), 'bigint')},
        ${sqlArray(column(() => null), 'date')}, ${sqlArray(ownNumbers.slice(start, start + chunk.length), 'text')}
      ) with ordinality as d(company_id, kind, entry_date, reference, memo, party_id, due_date, amount_minor,
        category_account_id, rule_id, occurrence_date, own_number, ord)`;
    const rows = await writeDocuments(tx, source, { ...options, ownNumbers: true });
    for (const row of rows) inserted.push({ id: row.id, index: row.index + start });
  }
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

/** `occurrenceReference` in SQL, from a rule id and an occurrence date: the reference the sweep's documents take. */
export function occurrenceReferenceSql(ruleId: SQL, occurrenceDate: SQL): SQL {
  return sql`(${sql.raw(`'${RECURRING_REFERENCE_PREFIX}'`)} || ${ruleId} || '-' || to_char(${occurrenceDate}, 'YYYY-MM-DD'))`;
}

/** `formatNumber` in SQL, for numbers the database reserves itself. */
function numberSql(kind: SQL, value: SQL): SQL {
  const prefixes = Object.entries(NUMBER_PREFIX).map(([k, prefix]) => sql`when ${sql.raw(`'${k}'`)} then ${sql.raw(`'${prefix}-'`)}`);
  return sql`(case ${kind} ${sql.join(prefixes, sql` `)} end || lpad(${value}::text, greatest(6, length(${value}::text)), '0'))`;
}

/** The lines of a posted entry, for reversal. */
export async function entryLines(tx: Db, entryId: number): Promise<JournalLine[]> {
  return tx
    .select({ accountId: journalLines.accountId, amountMinor: journalLines.amountMinor })
    .from(journalLines)
    .where(eq(journalLines.entryId, entryId))
    .orderBy(journalLines.lineNo);
}
