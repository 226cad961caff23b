import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { AccountType, ReportBasis } from '@/db/schema/enums';
import { accounts } from '@/db/schema/ledger';
import { rowsOf } from '@/db/sql-batch';
import { notFound } from '@/lib/errors';
import { toDecimalString } from '@/lib/money';
import { cashMovementsOfAccount, cashMovementsTotal, type EntryMovementSqlRow } from './cash-basis';

/**
 * The entries behind one line of a report (issue 13's drill-down): every entry that moved the account in the
 * period, with the document it belongs to, in the account's natural sign, so the entries sum to the report's line.
 */

interface DrillDownEntry {
  entryId: number;
  date: string;
  reference: string;
  kind: string;
  memo: string;
  /** The invoice or bill the entry belongs to (itself, the one a payment paid, the one a void reversed), if any. */
  document: { id: number; kind: 'invoice' | 'bill'; number: string | null } | null;
  amountMinor: bigint;
}

export interface DrillDown {
  account: { id: number; code: string; name: string; type: AccountType };
  basis: ReportBasis;
  /** Absent: from the beginning (a balance). */
  from: string | null;
  to: string;
  /** The entries, oldest first: the latest `limit` of them when there are more (`entryCount` says how many). */
  entries: DrillDownEntry[];
  entryCount: number;
  /** Of all the entries, shown or not: the report's line. */
  totalMinor: bigint;
}

/** The entries a drill-down screen lists at most; its total still covers them all, and the CSV can hold them all. */
const DRILL_DOWN_SCREEN_LIMIT = 1_000;

const CREDIT_NATURE: ReadonlySet<AccountType> = new Set(['liability', 'equity', 'revenue']);

/**
 * The journal lines of `accountId` dated in [from, to] (from the beginning when `from` is null), oldest first, each
 * with the document behind it: the entry itself when it is one, the document a payment paid, or, for a void, what
 * the reversed entry belonged to.
 */
async function accrualEntries(
  db: Db,
  companyId: string,
  accountId: number,
  type: AccountType,
  range: { from: string | null; to: string },
  limit: number,
): Promise<{ entries: DrillDownEntry[]; entryCount: number; totalMinor: bigint }> {
  const { from, to } = range;
  const lines = sql`
    from journal_lines l
    join journal_entries e on e.company_id = l.company_id and e.id = l.entry_id
    where l.company_id = ${companyId} and l.account_id = ${accountId} and e.entry_date <= ${to}
      ${from === null ? sql`` : sql`and e.entry_date >= ${from}`}`;
  const dated = sql`e.entry_date <= ${to} ${from === null ? sql`` : sql`and e.entry_date >= ${from}`}`;
  // The page and the totals side by side (two connections of the pool). The page first picks its entries, those
  // with a line on the account, newest first, without summing anything (a semi-join and a top-N sort), then sums
  // the account's lines of those `limit` entries alone: summing every entry of a busy account first, then
  // sorting, took 400 ms for A/R over 100,000 documents (issue 13's benchmark) and spilled to disk.
  const [page, totalRows] = await Promise.all([
    db.execute(sql`
      with page as (
        select e.id, e.entry_date
        from journal_entries e
        where e.company_id = ${companyId} and ${dated}
          and exists (select 1 from journal_lines l where l.company_id = ${companyId} and l.entry_id = e.id and l.account_id = ${accountId})
        order by e.entry_date desc, e.id desc
        limit ${limit}
      )
      select e.id as entry_id, e.entry_date::text as entry_date, e.reference, e.kind::text as kind, e.memo,
        d.id as document_id, d.kind::text as document_kind, d.number as document_number, x.amount_minor::text as amount_minor
      from page p
      join journal_entries e on e.company_id = ${companyId} and e.id = p.id
      cross join lateral (
        select sum(l.amount_minor) as amount_minor from journal_lines l where l.company_id = ${companyId} and l.entry_id = p.id and l.account_id = ${accountId}
      ) x
      left join journal_entries r on r.company_id = e.company_id and r.id = e.reverses_id
      left join journal_entries d on d.company_id = e.company_id and d.kind in ('invoice', 'bill')
        and d.id = coalesce(case when e.kind in ('invoice', 'bill') then e.id end, e.document_id, case when r.kind in ('invoice', 'bill') then r.id end, r.document_id)
      order by e.entry_date, e.id`),
    db.execute(sql`select count(distinct e.id) as count, coalesce(sum(l.amount_minor), 0)::text as total_minor ${lines}`),
  ]);
  const rows = rowsOf<EntryMovementSqlRow & { document_id: string | number | null; document_kind: 'invoice' | 'bill' | null }>(page);
  const [totals] = rowsOf<{ count: string | number; total_minor: string }>(totalRows);
  const sign = CREDIT_NATURE.has(type) ? -1n : 1n;
  const entries = rows.map((r) => ({
    entryId: Number(r.entry_id),
    date: r.entry_date,
    reference: r.reference,
    kind: r.kind,
    memo: r.memo,
    document: r.document_id === null || r.document_kind === null ? null : { id: Number(r.document_id), kind: r.document_kind, number: r.document_number },
    amountMinor: sign * BigInt(r.amount_minor),
  }));
  return { entries, entryCount: Number(totals?.count ?? 0), totalMinor: sign * BigInt(totals?.total_minor ?? '0') };
}

/**
 * The drill-down of one account over a period on a basis. On cash, only revenue and expense accounts move (the
 * cash movements of lib/ledger/cash-basis.ts); a balance-sheet account is always shown on its journal lines.
 */
export async function accountDrillDown(
  db: Db,
  companyId: string,
  accountId: number,
  range: { from: string | null; to: string },
  basis: ReportBasis,
  limit = DRILL_DOWN_SCREEN_LIMIT,
): Promise<DrillDown> {
  const [account] = await db.select().from(accounts).where(and(eq(accounts.companyId, companyId), eq(accounts.id, accountId)));
  if (!account) throw notFound('Account');
  const onCash = basis === 'cash' && (account.type === 'revenue' || account.type === 'expense') && range.from !== null;
  const listed = onCash ? await cashEntries(db, companyId, accountId, { from: range.from ?? '', to: range.to }, limit) : await accrualEntries(db, companyId, accountId, account.type, range, limit);
  return {
    account: { id: account.id, code: account.code, name: account.name, type: account.type },
    basis: onCash ? 'cash' : 'accrual',
    from: range.from,
    to: range.to,
    ...listed,
  };
}

/** The cash movements of a category in a period as drill-down entries, with their count and total. */
async function cashEntries(db: Db, companyId: string, accountId: number, range: { from: string; to: string }, limit: number) {
  const [movements, totals] = await Promise.all([
    cashMovementsOfAccount(db, companyId, accountId, range.from, range.to, limit),
    cashMovementsTotal(db, companyId, accountId, range.from, range.to),
  ]);
  const entries: DrillDownEntry[] = movements.map((m) => ({
    entryId: m.entryId,
    date: m.entryDate,
    reference: m.reference,
    kind: m.kind,
    memo: m.memo,
    document: { id: m.documentId, kind: m.documentKind as 'invoice' | 'bill', number: m.documentNumber },
    amountMinor: m.amountMinor,
  }));
  return { entries, entryCount: totals.count, totalMinor: totals.totalMinor };
}

const KIND_LABELS: Record<string, string> = { invoice: 'Invoice', bill: 'Bill', payment_received: 'Payment received', payment_made: 'Payment made', void: 'Void' };

/** How an entry's kind reads in a drill-down: "Payment received". */
export function drillDownKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** The drill-down as CSV rows: date, kind, reference, document, memo, amount (a plain decimal), then the total row. */
export function drillDownCsvRows(drill: DrillDown, minorDigits: number): { header: string[]; rows: (string | null)[][] } {
  return {
    header: ['Date', 'Entry', 'Reference', 'Document', 'Memo', 'Amount'],
    rows: [
      ...drill.entries.map((e) => [e.date, drillDownKindLabel(e.kind), e.reference, e.document?.number ?? null, e.memo, toDecimalString(e.amountMinor, minorDigits)]),
      ['', 'Total', '', null, '', toDecimalString(drill.totalMinor, minorDigits)],
    ],
  };
}
