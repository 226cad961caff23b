import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { CATEGORY_TYPE_OF, PARTY_KIND_OF, type DocumentKind, type DocumentStatus, type EntryKind } from '@/db/schema/enums';
import { accounts, journalEntries, parties } from '@/db/schema/ledger';
import { AppError, fieldError, notFound, parseOrThrow, pgErrorInfo } from '@/lib/errors';
import { amountMinorOrThrow } from '@/lib/money';
import { categoryOrThrow } from './accounts';
import { getCompanyOrThrow } from './companies';
import { partyOrThrow } from './parties';
import { insertDocuments } from './posting';
import { documentInput, type DocumentInput } from './schemas';

/**
 * Records an invoice (Dr A/R, Cr revenue) or a bill (Dr expense, Cr A/P): the document and its balanced journal
 * entry in one transaction. Returns the new document.
 */
export async function createDocument(db: Db, companyId: string, kind: DocumentKind, input: DocumentInput): Promise<DocumentRow> {
  const values = parseOrThrow(documentInput, input);
  const company = await getCompanyOrThrow(db, companyId);
  const amountMinor = amountMinorOrThrow(values.amount, company.baseCurrency);
  await partyOrThrow(db, companyId, values.partyId, PARTY_KIND_OF[kind]);
  await categoryOrThrow(db, companyId, values.categoryId, CATEGORY_TYPE_OF[kind]);
  try {
    const id = await db.transaction(async (tx) => {
      const [inserted] = await insertDocuments(
        tx,
        [
          {
            companyId,
            kind,
            reference: values.reference ?? null,
            partyId: values.partyId,
            categoryAccountId: values.categoryId,
            amountMinor,
            entryDate: values.issueDate,
            dueDate: values.dueDate,
            memo: values.memo,
          },
        ],
        { skipDuplicates: false },
      );
      if (!inserted) throw new Error('document insert returned no row');
      return inserted.id;
    });
    return getDocumentOrThrow(db, companyId, id);
  } catch (error) {
    const pg = pgErrorInfo(error);
    if (pg.code === '23505' && pg.constraint === 'journal_entries_company_reference_key') {
      throw fieldError('reference', 'This reference is already used in this company');
    }
    throw error;
  }
}

/** The document's category account, joined beside its party. */
export const category = alias(accounts, 'category');

export const documentColumns = {
  id: journalEntries.id,
  kind: journalEntries.kind,
  number: journalEntries.number,
  reference: journalEntries.reference,
  issueDate: journalEntries.entryDate,
  dueDate: journalEntries.dueDate,
  amountMinor: journalEntries.amountMinor,
  paidMinor: journalEntries.paidMinor,
  status: journalEntries.status,
  memo: journalEntries.memo,
  partyId: journalEntries.partyId,
  partyName: parties.name,
  categoryId: journalEntries.categoryAccountId,
  categoryName: category.name,
  ruleId: journalEntries.ruleId,
  occurrenceDate: journalEntries.occurrenceDate,
  createdAt: journalEntries.createdAt,
  updatedAt: journalEntries.updatedAt,
};

export interface DocumentRow {
  id: number;
  kind: DocumentKind;
  number: string;
  reference: string;
  issueDate: string;
  dueDate: string;
  amountMinor: number;
  paidMinor: number;
  balanceMinor: number;
  status: DocumentStatus;
  memo: string;
  partyId: number;
  partyName: string;
  categoryId: number;
  categoryName: string;
  ruleId: number | null;
  occurrenceDate: string | null;
  createdAt: Date;
  /** The last change: the posting, then each payment or void that moved its settlement. */
  updatedAt: Date;
}

export function toDocumentRow(r: {
  [K in keyof typeof documentColumns]: unknown;
}): DocumentRow {
  const row = r as Omit<DocumentRow, 'balanceMinor'>;
  return { ...row, balanceMinor: row.status === 'void' ? 0 : row.amountMinor - row.paidMinor };
}

function documentQuery(db: Db) {
  return db
    .select(documentColumns)
    .from(journalEntries)
    .innerJoin(parties, and(eq(parties.companyId, journalEntries.companyId), eq(parties.id, journalEntries.partyId)))
    .innerJoin(category, and(eq(category.companyId, journalEntries.companyId), eq(category.id, journalEntries.categoryAccountId)));
}

export async function listDocuments(
  db: Db,
  companyId: string,
  kind: DocumentKind,
  options: { statuses?: DocumentStatus[]; limit?: number } = {},
): Promise<DocumentRow[]> {
  const statusIn = options.statuses ? inArray(journalEntries.status, options.statuses) : undefined;
  const rows = await newestEntriesOf(documentQuery(db).$dynamic(), companyId, [kind], statusIn, options.limit);
  return rows.map(toDocumentRow);
}

/**
 * The company's entries of `kinds` that `also` holds for, newest first, at most `limit`: the one order and cap of
 * the plain (unpaged) lists of documents and of payments.
 */
export function newestEntriesOf<Q extends PgSelect>(query: Q, companyId: string, kinds: readonly EntryKind[], also: SQL | undefined, limit = 500) {
  return query
    .where(and(eq(journalEntries.companyId, companyId), inArray(journalEntries.kind, kinds), also))
    .orderBy(desc(journalEntries.entryDate), desc(journalEntries.id))
    .limit(limit);
}

/** A document of the company; another company's document is "not found", never "forbidden". */
export async function getDocumentOrThrow(db: Db, companyId: string, documentId: number): Promise<DocumentRow> {
  const [row] = await documentQuery(db).where(
    and(
      eq(journalEntries.companyId, companyId),
      eq(journalEntries.id, documentId),
      inArray(journalEntries.kind, ['invoice', 'bill']),
    ),
  );
  if (!row) throw notFound('Document');
  return toDocumentRow(row);
}

const KIND_NOUN: Record<DocumentKind, string> = { invoice: 'Invoice', bill: 'Expense' };

/** A document of the company and of `kind`; another kind's or another company's is "not found". */
export async function getDocumentOfKindOrThrow(db: Db, companyId: string, kind: DocumentKind, documentId: number): Promise<DocumentRow> {
  const doc = await findDocument(db, companyId, kind, documentId);
  if (!doc) throw notFound(KIND_NOUN[kind]);
  return doc;
}

/** A document of the company and of `kind`, or null: for pages that answer "not found" themselves. */
export async function findDocument(db: Db, companyId: string, kind: DocumentKind, documentId: number): Promise<DocumentRow | null> {
  const [row] = await documentQuery(db).where(
    and(eq(journalEntries.companyId, companyId), eq(journalEntries.id, documentId), eq(journalEntries.kind, kind)),
  );
  return row ? toDocumentRow(row) : null;
}

/** The settlement status a document's paid amount implies. */
function settlementStatus(amountMinor: number, paidMinor: number): DocumentStatus {
  if (paidMinor <= 0) return 'open';
  return paidMinor >= amountMinor ? 'paid' : 'partially_paid';
}

const DOCUMENT_NOUN: Record<DocumentKind, string> = { invoice: 'an invoice', bill: 'a bill' };

/**
 * Locks a document row for a settlement change (payment, void) and returns it; with `kind`, only a document of
 * that kind qualifies (an invoice screen's action given a bill's id finds nothing).
 */
export async function lockDocumentOrThrow(tx: Db, companyId: string, documentId: number, field?: string, kind?: DocumentKind) {
  const doc = await lockDocumentRow(tx, companyId, documentId, kind);
  if (!doc) throw field ? fieldError(field, `Choose ${kind ? DOCUMENT_NOUN[kind] : 'a document'} of this company`) : notFound('Document');
  if (doc.status === 'void') throw new AppError('conflict', `${doc.number} is void`);
  return doc;
}

/** Locks a document row of the company, void or not, and returns it (undefined: no such document). */
export async function lockDocumentRow(tx: Db, companyId: string, documentId: number, kind?: DocumentKind) {
  const [doc] = await tx
    .select()
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.companyId, companyId),
        eq(journalEntries.id, documentId),
        kind ? eq(journalEntries.kind, kind) : inArray(journalEntries.kind, ['invoice', 'bill']),
      ),
    )
    .for('update');
  return doc;
}

/** Adds `deltaMinor` (negative to undo) to a locked document's paid amount and sets its status. */
export async function applyToDocument(tx: Db, doc: { id: number; amountMinor: number | null; paidMinor: number }, deltaMinor: number) {
  const paidMinor = doc.paidMinor + deltaMinor;
  await tx
    .update(journalEntries)
    .set({ paidMinor, status: settlementStatus(doc.amountMinor ?? 0, paidMinor) })
    .where(eq(journalEntries.id, doc.id));
}
