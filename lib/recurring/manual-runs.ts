import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recurringRuns } from '@/db/schema/recurring';
import { ABANDONED_MESSAGE, isAbandonedRun } from './abandoned-runs';
import { runRecurring } from './run';
import { getRuleOrThrow, type RuleWithZone } from './rules';
import type { SweepSummary } from './sweep';

/**
 * Runs of the sweep started by hand from the recurring screen's developer tools (lib/dev-tools.ts decides whether
 * they are on; the actions check), for one rule or one company, and the run log they show. Each goes through
 * `runRecurring`, like every other trigger, so it is logged and counted the same way.
 */

/** Runs the rule's due occurrences now: what the next sweep would do for it. Nothing is due: nothing happens. */
export async function runRuleNow(db: Db, companyId: string, ruleId: number): Promise<SweepSummary> {
  await getRuleOrThrow(db, companyId, ruleId);
  return runRecurring(db, { trigger: 'manual', companyId, ruleId, keepOutcomes: true });
}

export interface RuleSimulation {
  summary: SweepSummary;
  /** The rule's next occurrence and when it is due, for "nothing is due; next on …". */
  nextOccurrence: string | null;
  nextRunAt: string | null;
}

/** What Run now would post and skip for this rule at this moment, without writing anything. */
export async function simulateRuleNow(db: Db, companyId: string, ruleId: number): Promise<RuleSimulation> {
  const rule = await getRuleOrThrow(db, companyId, ruleId);
  const summary = await runRecurring(db, { trigger: 'manual', companyId, ruleId, dryRun: true });
  return { summary, nextOccurrence: rule.nextOccurrence, nextRunAt: rule.nextRunAt?.toISOString() ?? null };
}

/** Runs every due rule of the company now. */
export async function runCompanyDueNow(db: Db, companyId: string): Promise<SweepSummary> {
  return runRecurring(db, { trigger: 'manual', companyId, keepOutcomes: true });
}

/** What a run of the company's due rules would post and skip now, without writing anything. */
export async function simulateCompanyDue(db: Db, companyId: string): Promise<SweepSummary> {
  return runRecurring(db, { trigger: 'manual', companyId, dryRun: true });
}

/** The rule as stored, for the Raw JSON view. */
export async function storedRule(db: Db, companyId: string, ruleId: number): Promise<RuleWithZone> {
  return getRuleOrThrow(db, companyId, ruleId);
}

export interface RunLogEntry {
  id: number;
  trigger: string;
  /** False for a sweep over every company: its counts are not this company's alone, so they are left out. */
  companyOnly: boolean;
  ruleId: number | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: { rules: number; posted: number; skipped: number; duplicates: number; failures: number } | null;
  /** This company's rule failures in the run, or why the run did not finish. */
  errors: { ruleId: number | null; message: string }[];
}

/** Runs listed in the log at most. */
const RUN_LOG_LIMIT = 20;

/**
 * The latest runs of the sweep that concerned the company, newest first: those started for it (or one of its rules)
 * with their counts, and the sweeps over every company with only this company's failures.
 */
export async function recentRuns(db: Db, companyId: string, limit = RUN_LOG_LIMIT): Promise<RunLogEntry[]> {
  const rows = await db
    .select()
    .from(recurringRuns)
    .where(and(eq(recurringRuns.dryRun, false), or(eq(recurringRuns.companyId, companyId), isNull(recurringRuns.companyId))))
    .orderBy(desc(recurringRuns.startedAt), desc(recurringRuns.id))
    .limit(limit);
  return rows.map((run) => {
    const companyOnly = run.companyId === companyId;
    return {
      id: run.id,
      trigger: run.trigger,
      companyOnly,
      ruleId: run.ruleId,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      counts: companyOnly
        ? { rules: run.rulesProcessed, posted: run.posted, skipped: run.skipped, duplicates: run.duplicates, failures: run.failures }
        : null,
      errors: errorsOf(run.errors, companyId),
    };
  });
}

/** The run's failures that belong to the company (a run's `errors` is a JSON list; see abandoned-runs.ts). */
function errorsOf(text: string | null, companyId: string): RunLogEntry['errors'] {
  if (text === null) return [];
  if (isAbandonedRun(text)) return [{ ruleId: null, message: ABANDONED_MESSAGE }];
  try {
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list)) return [];
    return list.flatMap((e: { ruleId?: unknown; companyId?: unknown; message?: unknown }) =>
      e.companyId === companyId && typeof e.message === 'string' ? [{ ruleId: typeof e.ruleId === 'number' ? e.ruleId : null, message: e.message }] : [],
    );
  } catch {
    return [];
  }
}
