import type { RecurringStats } from './stats';

/** What can be wrong with the scheduler, in the order the answer lists them. */
type RecurringProblem = 'backlog_late' | 'rules_failing' | 'rules_auto_paused' | 'rules_need_review';

export interface RecurringHealthAssessment {
  /**
   * `unhealthy`: due work waits longer than two intervals (no sweep is keeping up). `degraded`: the sweep runs, but
   * some rules fail or wait for review. Both answer 503.
   */
  status: 'healthy' | 'degraded' | 'unhealthy';
  /** Public: names only, no counts. */
  problems: RecurringProblem[];
  /** For operators (behind the job key): the same with counts. */
  reasons: string[];
}

type HealthFigures = Pick<RecurringStats, 'oldestDueAgeSeconds' | 'failingRules' | 'autoPausedRules' | 'needsReviewRules'>;

/**
 * Judges the scheduler from its figures. A failing rule pushes its wake-up forward and a paused or needs-review
 * one has none, so the backlog alone would call a scheduler whose rules have all stopped healthy.
 *
 * @example assessRecurringHealth({ oldestDueAgeSeconds: 0, failingRules: 1, autoPausedRules: 0, needsReviewRules: 0 }, 15)
 *   // → { status: 'degraded', problems: ['rules_failing'], reasons: ['1 rule is failing'] }
 */
export function assessRecurringHealth(figures: HealthFigures, intervalMinutes: number): RecurringHealthAssessment {
  const problems: RecurringProblem[] = [];
  const reasons: string[] = [];
  const limitSeconds = 2 * intervalMinutes * 60;
  if (figures.oldestDueAgeSeconds > limitSeconds) {
    problems.push('backlog_late');
    reasons.push(`The oldest due occurrence has waited ${figures.oldestDueAgeSeconds}s, more than two intervals (${limitSeconds}s)`);
  }
  if (figures.failingRules > 0) {
    problems.push('rules_failing');
    const paused = figures.autoPausedRules > 0 ? ` (${figures.autoPausedRules} of them paused after repeated failures)` : '';
    reasons.push(`${rules(figures.failingRules)} ${figures.failingRules === 1 ? 'is' : 'are'} failing${paused}`);
  }
  if (figures.autoPausedRules > 0) problems.push('rules_auto_paused');
  if (figures.needsReviewRules > 0) {
    problems.push('rules_need_review');
    reasons.push(`${rules(figures.needsReviewRules)} ${figures.needsReviewRules === 1 ? 'needs' : 'need'} review`);
  }
  const status = problems.includes('backlog_late') ? 'unhealthy' : problems.length > 0 ? 'degraded' : 'healthy';
  return { status, problems, reasons };
}

function rules(n: number): string {
  return `${n} rule${n === 1 ? '' : 's'}`;
}
