import { and, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recurringRules } from '@/db/schema/recurring';
import { parseTimestamptz, rowsOf, sqlArray } from '@/db/sql-batch';
import type { RuleMode } from './constants';
import type { RuleState } from './lifecycle';
import { scheduleOf, type RuleRow, type ScheduleColumns } from './rule-state';

/**
 * Claims of one rule per run when the run is for that rule alone: each pass decides at most MAX_POSTINGS_PER_PASS
 * postings and MAX_SKIPS_PER_PASS skips, and a daily rule from year 1 skipping to today needs about 740 passes.
 */
export const MAX_PASSES_PER_RULE = 1000;

/** A claimed rule: what the lifecycle reads (the rule's state, schedule included) and what the sweep checks. */
export type ClaimedRule = RuleState & {
  mode: RuleMode;
  timeZone: string | null;
  /** The name of the rule's party when it was deleted, else null. */
  deletedPartyName: string | null;
  categoryArchived: boolean;
  dbNow: Date;
  /** `next_run_at` as the database wrote it (microseconds): the company's keyset cursor after this rule. */
  dueKey: string;
};

/** Rules due now by the database's clock, of one company or one rule when given. */
export function dueFilter(options: { companyId?: string; ruleId?: number }): SQL | undefined {
  return and(
    lte(recurringRules.nextRunAt, sql`now()`),
    options.companyId ? eq(recurringRules.companyId, options.companyId) : undefined,
    options.ruleId ? eq(recurringRules.id, options.ruleId) : undefined,
  );
}

/** Where a company's next claim starts: after the last rule claimed from it in this run (null: from its oldest). */
export interface CompanyCursor {
  companyId: string;
  afterKey: string | null;
  afterId: number | null;
}

/**
 * The columns a claim reads: what planning, advancing and the failure checks need, and no more (the sweep decodes
 * them for every claimed rule). The documents themselves are built by the database from the locked rows.
 */
const PLANNING_COLUMNS = ['id', 'company_id', 'type', 'mode', 'cadence', 'start_date', 'end_date', 'interval_days', 'weekday', 'interval_weeks', 'interval_months', 'day_of_month', 'end_of_month', 'nth_week', 'nth_weekday', 'max_occurrences', 'due_days', 'due_date', 'create_days_ahead', 'catch_up', 'status', 'status_reason', 'pause_until', 'resume_on', 'next_occurrence', 'occurrences_posted', 'consecutive_failures', 'last_error'];
/** What the lock reads: the planning columns and what the failure checks and the cursor need. */
const CLAIMED_COLUMNS = sql.raw(
  [...PLANNING_COLUMNS, 'party_id', 'category_account_id', 'next_run_at'].map((c) => `r.${c}`).join(', '),
);

/** What a claim returns of each locked rule: the planning columns and its keyset cursor, as text. */
const CLAIMED_OUTPUT = sql.raw(
  [...PLANNING_COLUMNS, 'due_key'].map((c) => `r.${c}`).join(', '),
);

/**
 * A claimed row (raw driver values from db.execute), decoded as drizzle would. Written out field by field: it runs
 * for every claimed rule, and an object built in one literal is several times cheaper than one assembled key by
 * key. A column planning needs is a type error here until it is claimed.
 */
function claimedRuleOf(r: Record<string, unknown>, dbNow: Date): ClaimedRule {
  return {
    id: Number(r.id),
    companyId: r.company_id as string,
    type: r.type as RuleRow['type'],
    mode: r.mode as RuleMode,
    schedule: scheduleOf({
      cadence: r.cadence as RuleRow['cadence'],
      startDate: r.start_date as string,
      endDate: r.end_date as string | null,
      intervalDays: r.interval_days as number | null,
      weekday: r.weekday as number | null,
      intervalWeeks: r.interval_weeks as number | null,
      intervalMonths: r.interval_months as number | null,
      dayOfMonth: r.day_of_month as number | null,
      endOfMonth: r.end_of_month as boolean,
      nthWeek: r.nth_week as number | null,
      nthWeekday: r.nth_weekday as number | null,
    } satisfies { [K in keyof ScheduleColumns]-?: ScheduleColumns[K] }),
    maxOccurrences: r.max_occurrences as number | null,
    dueDays: r.due_days as number,
    dueDate: r.due_date as string | null,
    createDaysAhead: r.create_days_ahead as number,
    catchUp: r.catch_up as RuleRow['catchUp'],
    status: r.status as RuleRow['status'],
    statusReason: r.status_reason as string | null,
    pauseUntil: r.pause_until as string | null,
    resumeOn: r.resume_on as string | null,
    nextOccurrence: r.next_occurrence as string | null,
    occurrencesPosted: r.occurrences_posted as number,
    consecutiveFailures: r.consecutive_failures as number,
    lastError: r.last_error as string | null,
    timeZone: (r.company_time_zone as string | null) ?? null,
    deletedPartyName: r.deleted_party_name as string | null,
    categoryArchived: r.category_archived as boolean,
    dbNow,
    dueKey: r.due_key as string,
  } satisfies { [K in keyof ClaimedRule]-?: ClaimedRule[K] };
}

export type ClaimTarget = { cursors: CompanyCursor[]; perCompany: number } | { ruleIds: number[]; companyId?: string };

/**
 * Claims due rules for this transaction with FOR NO KEY UPDATE SKIP LOCKED (the advance changes no key, so
 * foreign-key checks on the rule are not held up): up to `perCompany` from each of the given companies, each from
 * its cursor on, oldest due first (the company due index serves each probe; the cursor is part of the index
 * condition, so rules this run already advanced are not scanned again). With `ruleIds`, exactly those rules if
 * they are still due. Rows come from the lock, so they are the latest versions. Whether a rule's party is deleted
 * or its category archived is one probe each into small partial indexes that hold only those rows.
 */
export async function claimDueRules(tx: Db, target: ClaimTarget): Promise<ClaimedRule[]> {
  const locked =
    'cursors' in target
      ? sql`
        select r.*, r.next_run_at::text as due_key, c.ord as claim_order
        from unnest(${sqlArray(target.cursors.map((c) => c.companyId), 'uuid')},
          ${sqlArray(target.cursors.map((c) => c.afterKey ?? '-infinity'), 'timestamptz')},
          ${sqlArray(target.cursors.map((c) => c.afterId ?? 0), 'bigint')}) with ordinality as c(company_id, after_key, after_id, ord)
        cross join lateral (
          select ${CLAIMED_COLUMNS} from recurring_rules r
          where r.company_id = c.company_id and r.next_run_at <= now()
            and (r.company_id, r.next_run_at, r.id) > (c.company_id, c.after_key, c.after_id)
          order by r.next_run_at, r.id
          limit ${target.perCompany}
          for no key update of r skip locked
        ) r`
      : sql`
        select ${CLAIMED_COLUMNS}, r.next_run_at::text as due_key from recurring_rules r
        where r.id = any(${sqlArray(target.ruleIds, 'bigint')}) and r.next_run_at <= now()
          ${target.companyId ? sql`and r.company_id = ${target.companyId}` : sql``}
        order by r.next_run_at, r.id
        for no key update of r skip locked`;
  const result = await tx.execute(sql`
    with r as (${locked})
    select ${CLAIMED_OUTPUT}, (select c.time_zone from companies c where c.id = r.company_id) as company_time_zone,
      (select p.name from parties p where p.company_id = r.company_id and p.id = r.party_id and p.deleted_at is not null) as deleted_party_name,
      exists (select from accounts a where a.company_id = r.company_id and a.id = r.category_account_id and a.archived_at is not null) as category_archived,
      now()::text as db_now
    from r
    order by ${'cursors' in target ? sql`r.claim_order, ` : sql``}r.next_run_at, r.id`);
  const rows = rowsOf<Record<string, unknown>>(result);
  if (rows.length === 0) return [];
  const dbNow = parseTimestamptz(rows[0]!.db_now as string); // one statement, one now()
  return rows.map((row) => claimedRuleOf(row, dbNow));
}
