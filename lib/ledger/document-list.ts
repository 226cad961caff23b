import { and, count, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import type { DocumentKind, DocumentStatus } from '@/db/schema/enums';
import { journalEntries, parties } from '@/db/schema/ledger';
import { recurringRules } from '@/db/schema/recurring';
import { keysetFor, type KeysetPage, type KeysetPosition, type KeysetQuery } from '@/lib/keyset';
import { category, documentColumns, toDocumentRow, type DocumentRow } from './documents';

/** The columns a document list sorts by, as the screens and the CSV export name them. */
export const DOCUMENT_SORTS = ['date', 'number', 'party', 'amount', 'due'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

const SORT_COLUMN: Record<DocumentSort, PgColumn> = {
  date: journalEntries.entryDate,
  number: journalEntries.number,
  party: parties.name,
  amount: journalEntries.amountMinor,
  due: journalEntries.dueDate,
};

/** Where a document came from: any recurring rule, none (typed by hand), or one given rule. */
export type DocumentOrigin = 'rule' | 'manual' | { ruleId: number };

export interface DocumentFilters {
  /** Any of these statuses (default: every status). */
  statuses?: DocumentStatus[];
  partyId?: number;
  /** Only the postings of this recurring rule (the API's `ruleId`; the screens say it with `origin`). */
  ruleId?: number;
  origin?: DocumentOrigin;
  /** Issue dates from `from` to `to`, inclusive, either bound optional. */
  from?: string;
  to?: string;
  /** Words found, case-insensitively, in the number, the reference, the party's name or the memo. */
  q?: string;
}

export interface DocumentPageQuery extends KeysetQuery, DocumentFilters {
  /**
   * `updated` (default): the order documents last changed, oldest first, what a sync walks (the API's lists).
   * `issueDate`: newest issue date first. Ignored when `sort` is given.
   */
  order?: 'updated' | 'issueDate';
  /** A screen's order: by one column, ties broken by id in the same direction. */
  sort?: { by: DocumentSort; direction: 'asc' | 'desc' };
}

/** A listed document, with the name of the recurring rule that posted it (null when typed by hand). */
export type DocumentListRow = DocumentRow & { ruleName: string | null };

/** A page, and the position of its first row: where the page before it ends (a screen's Previous). */
export type DocumentListPage = KeysetPage<DocumentListRow> & { first: KeysetPosition | null };

/** `%`, `_` and `\` typed into a search are themselves, not LIKE wildcards. */
function likePattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function originCondition(origin: DocumentOrigin | undefined): SQL | undefined {
  if (origin === undefined) return undefined;
  if (origin === 'rule') return isNotNull(journalEntries.ruleId);
  if (origin === 'manual') return isNull(journalEntries.ruleId);
  return eq(journalEntries.ruleId, origin.ruleId);
}

function searchCondition(q: string | undefined): SQL | undefined {
  const words = q?.trim();
  if (!words) return undefined;
  const pattern = likePattern(words);
  return or(
    ilike(journalEntries.number, pattern),
    ilike(journalEntries.reference, pattern),
    ilike(parties.name, pattern),
    ilike(journalEntries.memo, pattern),
  );
}

/** Every filter of a document list, as one condition: the page, its count and the CSV export all use it. */
function filterCondition(companyId: string, kind: DocumentKind, f: DocumentFilters): SQL | undefined {
  return and(
    eq(journalEntries.companyId, companyId),
    eq(journalEntries.kind, kind),
    f.statuses?.length ? inArray(journalEntries.status, f.statuses) : undefined,
    f.partyId !== undefined ? eq(journalEntries.partyId, f.partyId) : undefined,
    f.ruleId !== undefined ? eq(journalEntries.ruleId, f.ruleId) : undefined,
    originCondition(f.origin),
    f.from !== undefined ? gte(journalEntries.entryDate, f.from) : undefined,
    f.to !== undefined ? lte(journalEntries.entryDate, f.to) : undefined,
    searchCondition(f.q),
  );
}

function pageOrder(db: Db, query: DocumentPageQuery) {
  if (query.sort) {
    return keysetFor(db, query, {
      sortBy: SORT_COLUMN[query.sort.by],
      id: journalEntries.id,
      direction: query.sort.direction,
      updatedAt: journalEntries.updatedAt,
    });
  }
  return query.order === 'issueDate'
    ? keysetFor(db, query, { sortBy: journalEntries.entryDate, id: journalEntries.id, direction: 'desc', updatedAt: journalEntries.updatedAt })
    : keysetFor(db, query, { sortBy: journalEntries.updatedAt, id: journalEntries.id, updatedAt: journalEntries.updatedAt });
}

/**
 * One keyset page of a company's invoices or bills, filtered, searched and sorted: the one query behind the API's
 * document lists, the Invoices and Expenses screens and their CSV export. A page starts strictly after the last
 * row of the previous one in the chosen order, so a deep page costs about what the first one does (the figures
 * with 100,000 documents are in docs/benchmarks.md, from scripts/bench-ledger.ts).
 *
 * @example listDocumentsPage(db, companyId, 'invoice', { limit: 50, statuses: ['open'], q: 'acme', sort: { by: 'amount', direction: 'desc' } })
 */
export async function listDocumentsPage(db: Db, companyId: string, kind: DocumentKind, query: DocumentPageQuery): Promise<DocumentListPage> {
  const page = await pageOrder(db, query);
  const rows = await db
    .select({ doc: documentColumns, ruleName: recurringRules.name, ...page.select })
    .from(journalEntries)
    .innerJoin(parties, and(eq(parties.companyId, journalEntries.companyId), eq(parties.id, journalEntries.partyId)))
    .innerJoin(category, and(eq(category.companyId, journalEntries.companyId), eq(category.id, journalEntries.categoryAccountId)))
    .leftJoin(recurringRules, and(eq(recurringRules.companyId, journalEntries.companyId), eq(recurringRules.id, journalEntries.ruleId)))
    .where(and(filterCondition(companyId, kind, query), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  const head = rows[0];
  return { ...page.result(rows, (r) => ({ ...toDocumentRow(r.doc), ruleName: r.ruleName })), first: head ? { key: String(head.keysetKey), id: Number(head.keysetId) } : null };
}

/**
 * The page that ends just before `before` (a screen's Previous): the same query in the opposite direction, starting
 * strictly after `before`, turned back round. So it is exactly the page whose Next led to `before`'s page, whatever
 * rows were added since. `previous` is where the page before this one ends, null when this is the first page.
 *
 * @example listDocumentsPageBefore(db, companyId, 'invoice', { limit: 50, sort: { by: 'date', direction: 'desc' }, before: page.first })
 */
export async function listDocumentsPageBefore(
  db: Db,
  companyId: string,
  kind: DocumentKind,
  // `after` is ignored: the page is placed by `before`.
  query: DocumentPageQuery & { sort: NonNullable<DocumentPageQuery['sort']>; before: KeysetPosition },
): Promise<{ items: DocumentListRow[]; next: KeysetPosition | null; previous: KeysetPosition | null }> {
  const { before, sort, ...rest } = query;
  const reversed = await listDocumentsPage(db, companyId, kind, { ...rest, after: before, sort: { by: sort.by, direction: sort.direction === 'asc' ? 'desc' : 'asc' } });
  // Read backwards, the first row is the one just before `before` (this page's last: its Next goes on from it),
  // and the last one read is this page's first (what comes before it ends there, when anything does).
  return { items: reversed.items.toReversed(), next: reversed.first, previous: reversed.next };
}

/**
 * How many documents a filtered list holds, for the screen's "1,234 documents". With `cap`, it stops counting past
 * `cap` (answering `cap + 1`): a search reads every row's text, and "more than 1,000 match" needs only the first
 * 1,001 of them.
 */
export async function countDocuments(db: Db, companyId: string, kind: DocumentKind, filters: DocumentFilters, options: { cap?: number } = {}): Promise<number> {
  const matching = db
    .select({ one: sql`1` })
    .from(journalEntries)
    .innerJoin(parties, and(eq(parties.companyId, journalEntries.companyId), eq(parties.id, journalEntries.partyId)))
    .where(filterCondition(companyId, kind, filters));
  const rows = options.cap === undefined ? matching : matching.limit(options.cap + 1);
  const [row] = await db.select({ n: count() }).from(rows.as('matching'));
  return row?.n ?? 0;
}

const EXPORT_BATCH = 1000; // rows per query while an export streams: small enough to keep memory flat

/**
 * Every document a filtered, sorted list holds, batch by batch in the list's own order (keyset pages of the same
 * query), for a CSV export that streams without holding the whole list.
 */
export async function* allDocuments(
  db: Db,
  companyId: string,
  kind: DocumentKind,
  query: Omit<DocumentPageQuery, 'limit' | 'after'>,
): AsyncGenerator<DocumentListRow[]> {
  let after: DocumentPageQuery['after'];
  do {
    const page = await listDocumentsPage(db, companyId, kind, { ...query, limit: EXPORT_BATCH, after });
    if (page.items.length > 0) yield page.items;
    after = page.next ?? undefined;
  } while (after);
}
