import type { Db } from '@/db/client';
import { rootCause } from '@/lib/errors';
import { logger } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { simulateDueRules } from './dry-run';
import { runDueRules, type SweepOptions, type SweepSummary } from './sweep';

/** What a run's log line says of it, in this order: its figures, without the per-rule errors and outcomes. */
const LOGGED_FIGURES = ['trigger', 'dryRun', 'runId', 'companies', 'rules', 'posted', 'reminded', 'skipped', 'duplicates', 'failures', 'needsReview', 'incomplete', 'durationMs'] as const satisfies readonly (keyof SweepSummary)[];

/**
 * Every trigger (interval runner, startup burst, CLI, HTTP) runs the sweep through here: one JSON log line per
 * run, one per failed rule (with rule and company), and the run's figures into the metrics.
 */
export async function runRecurring(db: Db, options: SweepOptions & { dryRun?: boolean }): Promise<SweepSummary> {
  const log = logger();
  let summary: SweepSummary;
  try {
    summary = options.dryRun ? await simulateDueRules(db, options) : await runDueRules(db, options);
  } catch (error) {
    log.error({ err: rootCause(error), trigger: options.trigger, companyId: options.companyId, ruleId: options.ruleId }, 'recurring run crashed');
    if (!options.dryRun) metrics().recordCrash(options.trigger);
    throw error;
  }
  for (const failure of summary.errors) {
    log.warn({ trigger: summary.trigger, ruleId: failure.ruleId, companyId: failure.companyId, error: failure.message, pausedRule: failure.pausedRule }, 'recurring rule failed');
  }
  log.info(Object.fromEntries(LOGGED_FIGURES.map((figure) => [figure, summary[figure]])), 'recurring run');
  if (!summary.dryRun) metrics().recordRun(summary);
  return summary;
}
