import type { RunTrigger } from './constants';
import type { RuleOutcome } from './execute';
import type { Decision } from './lifecycle';

/** What a run of the sweep is asked (`runDueRules`, `simulateDueRules`) and what it answers. */

export interface SweepOptions {
  trigger: RunTrigger;
  companyId?: string;
  ruleId?: number;
  batchSize?: number;
  /** Stop claiming new batches after this long; the rest is left for the next run. */
  timeBudgetMs?: number;
  /** Keep per-rule outcomes in the summary (for a single rule, the CLI and tests). */
  keepOutcomes?: boolean;
  /** Checked before each batch: a stopping process finishes its batch and claims no more. */
  signal?: AbortSignal;
}

export interface RuleFailure {
  ruleId: number;
  companyId: string;
  message: string;
  pausedRule: boolean;
}

export interface SweepSummary {
  runId: number | null;
  trigger: RunTrigger;
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  companies: number;
  rules: number;
  posted: number;
  /** Occurrences of remind rules that became reminders (not in `posted`). */
  reminded: number;
  skipped: number;
  duplicates: number;
  failures: number;
  needsReview: number;
  /** True when the time budget ended the run with rules still due. */
  incomplete: boolean;
  errors: RuleFailure[];
  outcomes?: RuleOutcome[];
}

/** What one batch wrote: each rule's outcome, and the failures recorded. */
export interface BatchResult {
  outcomes: RuleOutcome[];
  failures: RuleFailure[];
}

export function emptySummary(options: SweepOptions, dryRun: boolean): SweepSummary {
  return {
    runId: null,
    trigger: options.trigger,
    dryRun,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    companies: 0,
    rules: 0,
    posted: 0,
    reminded: 0,
    skipped: 0,
    duplicates: 0,
    failures: 0,
    needsReview: 0,
    incomplete: false,
    errors: [],
    ...(options.keepOutcomes || dryRun ? { outcomes: [] } : {}),
  };
}

/** A recorded failure as the summary lists it; `message` defaults to the one the decision records. */
export function ruleFailureOf(decision: Decision, message = decision.failure ?? ''): RuleFailure {
  return { ruleId: decision.ruleId, companyId: decision.companyId, message, pausedRule: decision.pausedAfterFailures };
}

export function addBatch(summary: SweepSummary, batch: BatchResult, keepOutcomes?: boolean) {
  addOutcomes(summary, batch.outcomes, keepOutcomes);
  addFailures(summary, batch.failures);
}

export function addFailures(summary: SweepSummary, failures: RuleFailure[]) {
  summary.failures += failures.length;
  summary.errors.push(...failures);
}

export function addOutcomes(summary: SweepSummary, outcomes: RuleOutcome[], keep?: boolean) {
  for (const o of outcomes) {
    summary.posted += o.posted.length;
    summary.reminded += o.reminded.length;
    summary.skipped += o.skipped.length;
    summary.duplicates += o.duplicates.length;
    if (o.review) summary.needsReview++;
  }
  if (keep) (summary.outcomes ??= []).push(...outcomes);
}
