import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recurringRules } from '@/db/schema/recurring';
import { rowsOf } from '@/db/sql-batch';
import { isValidCalendarDate } from '@/lib/dates/calendar-date';
import { fieldError, notFound } from '@/lib/errors';
import type { KeysetPage, KeysetQuery } from '@/lib/keyset';
import type { EventOutcome, SkipReason } from './constants';

/**
 * A rule's history a page at a time, for `GET /api/recurring/:id/history`: every outcome in the order it was
 * recorded, postings (read from the ledger: a posted occurrence is its document) and everything else (skips,
 * failures, reviews, pauses after failures: `recurring_events`) in one keyset walk. `ruleHistory` (rules.ts)
 * stays the screens' newest-first slice.
 *
 * The order is (recorded at, occurrence date, source id): a pass's skips and postings share their
 * transaction's instant and come in date order; an outcome without a date (a failure) comes after the dated
 * ones of its instant. `updatedSince` keeps the outcomes recorded at or after an instant, so an integrator
 * syncs a rule's history as it syncs any list.
 */

export interface HistoryEntry {
  outcome: 'posted' | EventOutcome;
  occurrenceDate: string | null;
  /** A skip's reason. */
  reason: SkipReason | null;
  /** What a failure or a review said. */
  message: string | null;
  /** The document a posting made. */
  document: { id: number; number: string; reference: string; amountMinor: number } | null;
  recordedAt: Date;
}

/** Where a dateless outcome sorts among its instant's dated ones: after them all. */
const NO_DATE = '9999-12-31';

/** The position `micros|date` of a row: its instant in microseconds since the epoch, and its (sorting) date. */
function positionOf(key: string): { micros: string; date: string } {
  const match = /^(-?\d{1,17})\|(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (!match || !isValidCalendarDate(match[2]!)) throw fieldError('cursor', 'This cursor was not given out by this list: start again without it');
  return { micros: match[1]!, date: match[2]! };
}

interface HistoryRow {
  outcome: HistoryEntry['outcome'];
  occurrence_date: string | null;
  reason: SkipReason | null;
  message: string | null;
  document_id: string | null;
  number: string | null;
  reference: string | null;
  amount_minor: string | null;
  at_micros: string;
  sort_date: string;
  uid: string;
}

/**
 * One page of a rule's outcomes, oldest first. A deleted rule's history stays readable (its documents stay too);
 * another company's rule, or a missing one, is not found.
 */
export async function ruleHistoryPage(db: Db, companyId: string, ruleId: number, query: KeysetQuery): Promise<KeysetPage<HistoryEntry>> {
  const [rule] = await db
    .select({ id: recurringRules.id })
    .from(recurringRules)
    .where(and(eq(recurringRules.companyId, companyId), eq(recurringRules.id, ruleId)));
  if (!rule) throw notFound('Rule');
  if (query.after && (!Number.isSafeInteger(query.after.id) || query.after.id < 0)) throw fieldError('cursor', 'This cursor was not given out by this list: start again without it');
  const after = query.after ? positionOf(query.after.key) : undefined;
  const conditions: SQL[] = [];
  if (after) {
    conditions.push(
      sql`(h.recorded_at, h.sort_date, h.uid) > (timestamptz 'epoch' + ${after.micros}::bigint * interval '1 microsecond', ${after.date}::date, ${query.after!.id}::bigint)`,
    );
  }
  if (query.updatedSince !== undefined) conditions.push(sql`h.recorded_at >= ${query.updatedSince}::timestamptz`);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  // Ids of the two sources interleave into one unique tiebreak: documents even, events odd.
  const rows = rowsOf<HistoryRow>(
    await db.execute(sql`
      select h.outcome, h.occurrence_date::text as occurrence_date, h.reason::text as reason, h.message, h.document_id::text as document_id,
        h.number, h.reference, h.amount_minor::text as amount_minor, h.uid::text as uid,
        ((extract(epoch from h.recorded_at) * 1000000)::bigint)::text as at_micros, h.sort_date::text as sort_date
      from (
        select 'posted' as outcome, e.occurrence_date, null::skip_reason as reason, null::text as message, e.id as document_id,
          e.number, e.reference, e.amount_minor, e.created_at as recorded_at, e.occurrence_date as sort_date, e.id * 2 as uid
        from journal_entries e
        where e.company_id = ${companyId} and e.rule_id = ${ruleId} and e.kind in ('invoice', 'bill')
        union all
        select ev.outcome::text, ev.occurrence_date, ev.reason, ev.message, null, null, null, null,
          ev.created_at, coalesce(ev.occurrence_date, ${NO_DATE}::date), ev.id * 2 + 1
        from recurring_events ev
        where ev.company_id = ${companyId} and ev.rule_id = ${ruleId}
      ) h
      ${where}
      order by h.recorded_at, h.sort_date, h.uid
      limit ${query.limit + 1}`),
  );
  const more = rows.length > query.limit;
  const shown = more ? rows.slice(0, query.limit) : rows;
  const last = shown.at(-1);
  return {
    items: shown.map((r) => ({
      outcome: r.outcome,
      occurrenceDate: r.occurrence_date,
      reason: r.reason,
      message: r.message,
      document:
        r.document_id === null
          ? null
          : { id: Number(r.document_id), number: r.number!, reference: r.reference!, amountMinor: Number(r.amount_minor) },
      recordedAt: new Date(Number(BigInt(r.at_micros) / 1000n)),
    })),
    next: more && last ? { key: `${last.at_micros}|${last.sort_date}`, id: Number(last.uid) } : null,
  };
}
