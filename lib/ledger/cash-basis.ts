import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { AccountType } from '@/db/schema/enums';
import { rowsOf } from '@/db/sql-batch';

/**
 * The cash basis of the P&L (issue 14). On accrual, an invoice is revenue and a bill an expense on the day they
 * are dated. On cash, the same category is recognised when money moves:
 *
 * - a payment received is revenue on its date, for the part of it applied to the invoice (`applied_minor`), in the
 *   invoice's category. A document has exactly one category (`category_account_id`), so "in proportion to the
 *   invoice's categories" is all of it to that one;
 * - a payment made is an expense on its date, in the bill's category (a bill payment is never more than is open,
 *   so all of it is applied);
 * - a void of a payment takes its applied part back out, on the void's date (a void is dated like what it
 *   reverses, so a voided payment nets to zero in its own period). An invoice or bill can only be voided once its
 *   payments are, so a voided document that had a payment leaves nothing on either basis;
 * - an overpayment (the part of a payment received beyond the invoice's open balance) is booked to Customer
 *   Credits, a liability. It is NOT revenue on either basis: it is money owed back to the customer, or to be
 *   applied to a later invoice. A customer credit becomes revenue only when it is applied to an invoice. The
 *   ledger has no way to apply a credit yet, so today it stays a liability for good, and the tests pin that.
 *
 * Because every payment is dated on or after its document, this gives, for any date T and all entries up to T:
 *
 *     cash net income = accrual net income − open A/R + open A/P
 *
 * where open A/R and A/P are the A/R and A/P account balances as of T (what is still owed on non-void documents,
 * never a credit). Customer credits appear in neither net income. And the cash account, which only payments
 * move, holds exactly: cash = cash net income + customer credits (tests/ledger-cash-basis.test.ts checks both on
 * random histories).
 */

/**
 * One row per cash movement that is revenue or an expense, dated in [from, to]: each payment (its applied part)
 * and each void of a payment (its applied part, negated), with the category of the document paid. Both halves
 * read journal_entries_company_kind_date_idx by (company, kind, date).
 */
export function cashMovementsSql(companyId: string, from: string, to: string): SQL {
  return sql`
    select p.id as entry_id, p.entry_date, p.reference, p.kind, p.memo, d.id as document_id, d.kind as document_kind,
      d.number as document_number, d.category_account_id as account_id, p.applied_minor as amount_minor
    from journal_entries p
    join journal_entries d on d.company_id = p.company_id and d.id = p.document_id
    where p.company_id = ${companyId} and p.kind in ('payment_received', 'payment_made') and p.entry_date between ${from} and ${to}
    union all
    select v.id, v.entry_date, v.reference, v.kind, v.memo, d.id, d.kind, d.number, d.category_account_id, -p.applied_minor
    from journal_entries v
    join journal_entries p on p.company_id = v.company_id and p.id = v.reverses_id
    join journal_entries d on d.company_id = p.company_id and d.id = p.document_id
    where v.company_id = ${companyId} and v.kind = 'void' and p.kind in ('payment_received', 'payment_made')
      and v.entry_date between ${from} and ${to}`;
}

export interface CashAccountRow {
  accountId: number;
  code: string;
  name: string;
  type: AccountType;
  /** In the account's natural sign: revenue and expenses both positive. */
  amountMinor: bigint;
}

/** Revenue and expense recognised on a cash basis per category over [from, to], in code order; zero rows left out. */
export async function cashAmountsByAccount(db: Db, companyId: string, from: string, to: string): Promise<CashAccountRow[]> {
  const rows = rowsOf<{ account_id: string | number; code: string; name: string; type: AccountType; amount_minor: string }>(
    await db.execute(sql`
      select a.id as account_id, a.code, a.name, a.type, sum(m.amount_minor)::text as amount_minor
      from (${cashMovementsSql(companyId, from, to)}) m
      join accounts a on a.company_id = ${companyId} and a.id = m.account_id
      group by a.id, a.code, a.name, a.type
      order by a.code`),
  );
  return rows
    .map((r) => ({ accountId: Number(r.account_id), code: r.code, name: r.name, type: r.type, amountMinor: BigInt(r.amount_minor) }))
    .filter((r) => r.amountMinor !== 0n);
}

/** How many cash movements are behind one category's line, and their total (the line itself). */
export async function cashMovementsTotal(db: Db, companyId: string, accountId: number, from: string, to: string): Promise<{ count: number; totalMinor: bigint }> {
  const [row] = rowsOf<{ count: string | number; total_minor: string }>(
    await db.execute(sql`
      select count(*) as count, coalesce(sum(m.amount_minor), 0)::text as total_minor
      from (${cashMovementsSql(companyId, from, to)}) m
      where m.account_id = ${accountId}`),
  );
  return { count: Number(row?.count ?? 0), totalMinor: BigInt(row?.total_minor ?? '0') };
}

/**
 * An entry's movement as the drill-down queries return it (ids and amounts as the driver hands them over); each
 * query adds its own document columns, always there on cash and absent for an entry of no document on accrual.
 */
export interface EntryMovementSqlRow {
  entry_id: string | number;
  entry_date: string;
  reference: string;
  kind: string;
  memo: string;
  document_number: string | null;
  amount_minor: string | number;
}

export interface CashMovement {
  entryId: number;
  entryDate: string;
  reference: string;
  kind: string;
  memo: string;
  documentId: number;
  documentKind: string;
  documentNumber: string | null;
  /** Natural sign of the category: a payment positive, a void of one negative. */
  amountMinor: bigint;
}

/**
 * The cash movements behind one category's line of the cash P&L: the drill-down of that line, oldest first; the
 * latest `limit` of them when there are more.
 */
export async function cashMovementsOfAccount(db: Db, companyId: string, accountId: number, from: string, to: string, limit = 100_000): Promise<CashMovement[]> {
  const rows = rowsOf<EntryMovementSqlRow & { document_id: string | number; document_kind: string }>(
    await db.execute(sql`
      select m.entry_id, m.entry_date::text as entry_date, m.reference, m.kind::text as kind, m.memo, m.document_id,
        m.document_kind::text as document_kind, m.document_number, m.amount_minor::text as amount_minor
      from (${cashMovementsSql(companyId, from, to)}) m
      where m.account_id = ${accountId}
      order by m.entry_date desc, m.entry_id desc
      limit ${limit}`),
  );
  return rows.reverse().map((r) => ({
    entryId: Number(r.entry_id),
    entryDate: r.entry_date,
    reference: r.reference,
    kind: r.kind,
    memo: r.memo,
    documentId: Number(r.document_id),
    documentKind: r.document_kind,
    documentNumber: r.document_number,
    amountMinor: BigInt(r.amount_minor),
  }));
}
