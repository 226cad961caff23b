import { and, desc, isNotNull, min, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recurringRules, recurringRuns } from '@/db/schema/recurring';
import { isAbandonedRun } from './abandoned-runs';
import { MAX_CONSECUTIVE_FAILURES } from './lifecycle';

export interface RecurringStats {
  /** Rules due now (next_run_at ≤ now()) by the database's clock. */
  backlog: number;
  /** Seconds since the oldest due rule became due; 0 with no backlog. */
  oldestDueAgeSeconds: number;
  activeRules: number;
  /**
   * Active or paused rules whose last attempt failed (consecutive_failures > 0). A failing rule pushes its wake-up
   * forward, so the backlog never sees it; the auto-paused ones are among these.
   */
  failingRules: number;
  /** Paused by the sweep after MAX_CONSECUTIVE_FAILURES failed passes in a row (next_run_at null). */
  autoPausedRules: number;
  /** Waiting for someone to resume them (next_run_at null). */
  needsReviewRules: number;
  lastRun: {
    trigger: string;
    startedAt: string;
    finishedAt: string | null;
    /** Closed at a later start because its process died before finishing (see abandoned-runs.ts). */
    abandoned: boolean;
    posted: number;
    skipped: number;
    duplicates: number;
    failures: number;
  } | null;
}

const count = (condition: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
const failing = sql`${recurringRules.status} in ('active', 'paused') and ${recurringRules.consecutiveFailures} > 0`;
const autoPaused = sql`${recurringRules.status} = 'paused' and ${recurringRules.consecutiveFailures} >= ${MAX_CONSECUTIVE_FAILURES}`;
const needsReview = sql`${recurringRules.status} = 'needs_review'`;

/**
 * Cross-company figures for health and metrics. The due figures ride the partial due index; the rule states are
 * counted in one pass over the rules table (rules that stopped have no next_run_at, so no index of the sweep's
 * finds them).
 */
export async function recurringStats(db: Db): Promise<RecurringStats> {
  const [due] = await db
    .select({
      backlog: sql<number>`count(*)`.mapWith(Number),
      oldest: min(recurringRules.nextRunAt),
      age: sql<string | null>`extract(epoch from now() - min(${recurringRules.nextRunAt}))`,
    })
    .from(recurringRules)
    .where(and(isNotNull(recurringRules.nextRunAt), sql`${recurringRules.nextRunAt} <= now()`));
  const [states] = await db
    .select({
      active: count(sql`${recurringRules.status} = 'active'`),
      failing: count(failing),
      autoPaused: count(autoPaused),
      needsReview: count(needsReview),
    })
    .from(recurringRules);
  const [run] = await db.select().from(recurringRuns).where(sql`${recurringRuns.dryRun} = false`).orderBy(desc(recurringRuns.startedAt)).limit(1);
  return {
    backlog: due?.backlog ?? 0,
    oldestDueAgeSeconds: due?.age ? Math.max(0, Math.round(Number(due.age))) : 0,
    activeRules: states?.active ?? 0,
    failingRules: states?.failing ?? 0,
    autoPausedRules: states?.autoPaused ?? 0,
    needsReviewRules: states?.needsReview ?? 0,
    lastRun: run
      ? {
          trigger: run.trigger,
          startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null,
          abandoned: isAbandonedRun(run.errors),
          posted: run.posted,
          skipped: run.skipped,
          duplicates: run.duplicates,
          failures: run.failures,
        }
      : null,
  };
}

/** Rule ids listed in the health detail at most: enough to act on, bounded whatever breaks at once. */
const ATTENTION_LIST_LIMIT = 1000;

export interface RulesNeedingAttention {
  /** Per company (ordered by id), the ids of its failing, auto-paused (also failing) and needs-review rules. */
  companies: { companyId: string; failing: number[]; autoPaused: number[]; needsReview: number[] }[];
  /** True when more rules than ATTENTION_LIST_LIMIT need attention: the counts in RecurringStats are whole. */
  truncated: boolean;
}

/** Which rules of which company have stopped or keep failing: for operators only (the job key), never public. */
export async function rulesNeedingAttention(db: Db, limit = ATTENTION_LIST_LIMIT): Promise<RulesNeedingAttention> {
  const rows = await db
    .select({
      companyId: recurringRules.companyId,
      id: recurringRules.id,
      failing: sql<boolean>`${failing}`,
      autoPaused: sql<boolean>`${autoPaused}`,
      needsReview: sql<boolean>`${needsReview}`,
    })
    .from(recurringRules)
    .where(sql`(${failing}) or (${needsReview})`)
    .orderBy(recurringRules.companyId, recurringRules.id)
    .limit(limit + 1);
  const companies: RulesNeedingAttention['companies'] = [];
  for (const row of rows.slice(0, limit)) {
    let company = companies.at(-1);
    if (company?.companyId !== row.companyId) companies.push((company = { companyId: row.companyId, failing: [], autoPaused: [], needsReview: [] }));
    if (row.failing) company.failing.push(row.id);
    if (row.autoPaused) company.autoPaused.push(row.id);
    if (row.needsReview) company.needsReview.push(row.id);
  }
  return { companies, truncated: rows.length > limit };
}
