import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql-batch';
import type { EventOutcome, SkipReason } from './constants';
import { getRuleOrThrow } from './rules';

/**
 * A rule's log, a page at a time: every occurrence it posted (read from the ledger: the document is the record)
 * and everything else the event log holds (skips with their reason, failures, reviews, pauses after failures),
 * newest occurrence first. `ruleHistory` in rules.ts gives the same outcomes unpaged; this is the screen's.
 */

/** Entries on one page of the log. */
const RULE_LOG_PAGE_SIZE = 50;

export type RuleLogEntry =
  | {
      outcome: 'posted';
      occurrenceDate: string;
      /** When it was written (ISO). */
      at: string;
      document: { id: number; kind: 'invoice' | 'bill'; number: string; reference: string; status: string };
    }
  | {
      outcome: EventOutcome;
      occurrenceDate: string | null;
      at: string;
      /** Set for a skip. */
      reason: SkipReason | null;
      /** What went wrong, for a failure, a review or a pause after failures. */
      message: string | null;
    };

export interface RuleLogPage {
  entries: RuleLogEntry[];
  /** 1-based, clamped to the last page. */
  page: number;
  pages: number;
  total: number;
}

interface LogRow {
  source: 'document' | 'event';
  outcome: string;
  occurrence_date: string | null;
  at: string;
  reason: string | null;
  message: string | null;
  document_id: string | number | null;
  kind: string | null;
  number: string | null;
  reference: string | null;
  status: string | null;
}

/**
 * One page of a rule's log. Entries without a date (a failure before any date was decided) come after the dated
 * ones; within a date, the newest record first. Another company's rule, or a deleted one, is not found.
 *
 * @example ruleLogPage(db, companyId, 12, 2) // { entries: [...50 entries], page: 2, pages: 4, total: 173 }
 */
export async function ruleLogPage(db: Db, companyId: string, ruleId: number, page = 1, pageSize = RULE_LOG_PAGE_SIZE): Promise<RuleLogPage> {
  await getRuleOrThrow(db, companyId, ruleId);
  const [counted] = rowsOf<{ n: string | number }>(
    await db.execute(sql`
      select (select count(*) from journal_entries where company_id = ${companyId} and rule_id = ${ruleId} and kind in ('invoice', 'bill'))
        + (select count(*) from recurring_events where company_id = ${companyId} and rule_id = ${ruleId}) as n`),
  );
  const total = Number(counted?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.trunc(page)), pages);
  const rows = rowsOf<LogRow>(
    await db.execute(sql`
      select * from (
        select 'document' as source, 'posted' as outcome, e.occurrence_date::text as occurrence_date, e.created_at as created,
          to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, null::text as reason, null::text as message,
          e.id as document_id, e.kind::text as kind, e.number, e.reference, e.status::text as status, e.id as tiebreak
        from journal_entries e
        where e.company_id = ${companyId} and e.rule_id = ${ruleId} and e.kind in ('invoice', 'bill')
        union all
        select 'event', v.outcome::text, v.occurrence_date::text, v.created_at,
          to_char(v.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), v.reason::text, v.message,
          null, null, null, null, null, v.id
        from recurring_events v
        where v.company_id = ${companyId} and v.rule_id = ${ruleId}
      ) log
      order by occurrence_date desc nulls last, created desc, source, tiebreak desc
      limit ${pageSize} offset ${(current - 1) * pageSize}`),
  );
  return { entries: rows.map(entryOf), page: current, pages, total };
}

function entryOf(row: LogRow): RuleLogEntry {
  if (row.source === 'document') {
    return {
      outcome: 'posted',
      occurrenceDate: row.occurrence_date!,
      at: row.at,
      document: {
        id: Number(row.document_id),
        kind: row.kind === 'bill' ? 'bill' : 'invoice',
        number: row.number ?? '',
        reference: row.reference ?? '',
        status: row.status ?? '',
      },
    };
  }
  return {
    outcome: row.outcome as EventOutcome,
    occurrenceDate: row.occurrence_date,
    at: row.at,
    reason: row.reason as SkipReason | null,
    message: row.message,
  };
}
