import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { AccountType, ReportBasis } from '@/db/schema/enums';
import { accounts } from '@/db/schema/ledger';
import { rowsOf } from '@/db/sql-batch';
import { notFound } from '@/lib/errors';
import { toDecimalString } from '@/lib/money';
import { cashMovementsOfAccount } from './cash-basis';

/**
 * The entries behind one line of a report (issue 13's drill-down): every entry that moved the account in the
 * period, with the document it belongs to, in the account's natural sign, so the entries sum to the report's line.
 */

export interface DrillDownEntry {
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
  entries: DrillDownEntry[];
  totalMinor: bigint;
}

const CREDIT_NATURE: ReadonlySet<AccountType> = new Set(['liability', 'equity', 'revenue']);

/**
 * The journal lines of `accountId` dated in [from, to] (from the beginning when `from` is null), oldest first, each
 * with the document behind it: the entry itself when it is one, the document a payment paid, or, for a void, what
 * the reversed entry belonged to.
 */
async function accrualEntries(db: Db, companyId: string, accountId: number, type: AccountType, from: string | null, to: string): Promise<DrillDownEntry[]> {
  const rows = rowsOf<{
    entry_id: string | number;
    entry_date: string;
    reference: string;
    kind: string;
    memo: string;
    document_id: string | number | null;
    document_kind: 'invoice' | 'bill' | null;
    document_number: string | null;
    amount_minor: string;
  }>(
    await db.execute(sql`
      select e.id as entry_id, e.entry_date::text as entry_date, e.reference, e.kind::text as kind, e.memo,
        d.id as document_id, d.kind::text as document_kind, d.number as document_number, sum(l.amount_minor)::text as amount_minor
      from journal_lines l
      join journal_entries e on e.company_id = l.company_id and e.id = l.entry_id
      left join journal_entries r on r.company_id = e.company_id and r.id = e.reverses_id
      left join journal_entries d on d.company_id = e.company_id and d.kind in ('invoice', 'bill')
        and d.id = coalesce(case when e.kind in ('invoice', 'bill') then e.id end, e.document_id, case when r.kind in ('invoice', 'bill') then r.id end, r.document_id)
      where l.company_id = ${companyId} and l.account_id = ${accountId} and e.entry_date <= ${to}
        ${from === null ? sql`` : sql`and e.entry_date >= ${from}`}
      group by e.id, e.entry_date, e.reference, e.kind, e.memo, d.id, d.kind, d.number
      order by e.entry_date, e.id`),
  );
  const sign = CREDIT_NATURE.has(type) ? -1n : 1n;
  return rows.map((r) => ({
    entryId: Number(r.entry_id),
    date: r.entry_date,
    reference: r.reference,
    kind: r.kind,
    memo: r.memo,
    document: r.document_id === null || r.document_kind === null ? null : { id: Number(r.document_id), kind: r.document_kind, number: r.document_number },
    amountMinor: sign * BigInt(r.amount_minor),
  }));
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
): Promise<DrillDown> {
  const [account] = await db.select().from(accounts).where(and(eq(accounts.companyId, companyId), eq(accounts.id, accountId)));
  if (!account) throw notFound('Account');
  const onCash = basis === 'cash' && (account.type === 'revenue' || account.type === 'expense') && range.from !== null;
  const entries: DrillDownEntry[] = onCash
    ? (await cashMovementsOfAccount(db, companyId, accountId, range.from ?? '', range.to)).map((m) => ({
        entryId: m.entryId,
        date: m.entryDate,
        reference: m.reference,
        kind: m.kind,
        memo: m.memo,
        document: { id: m.documentId, kind: m.documentKind as 'invoice' | 'bill', number: m.documentNumber },
        amountMinor: m.amountMinor,
      }))
    : await accrualEntries(db, companyId, accountId, account.type, range.from, range.to);
  return {
    account: { id: account.id, code: account.code, name: account.name, type: account.type },
    basis: onCash ? 'cash' : 'accrual',
    from: range.from,
    to: range.to,
    entries,
    totalMinor: entries.reduce((t, e) => t + e.amountMinor, 0n),
  };
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
