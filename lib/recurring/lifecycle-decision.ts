import { addDays } from '@/lib/dates/calendar-date';
import { AppError } from '@/lib/errors';
import type { RuleStatus } from './constants';
import type { Decision, LifecycleContext, PlannedPosting, PlannedSkip, RuleState } from './lifecycle-types';
import { runAtFor } from './run-at';

/** The pieces every lifecycle event builds its decision from: the rule as it is, or advanced past some dates. */

export const ENDED_REASON = 'No occurrence left before the end date';
export const DELETED_REASON = 'Deleted';

export function completedReason(maxOccurrences: number | null): string {
  return `Reached the maximum of ${maxOccurrences} occurrences`;
}

// Most decisions post or skip nothing: they share these (frozen, so that a writer pushing into one fails loudly).
export const NO_SKIPS = Object.freeze([]) as unknown as PlannedSkip[];
export const NO_POSTINGS = Object.freeze([]) as unknown as PlannedPosting[];

/** The due date of an occurrence: the manual due date while it is not before the occurrence, else date + dueDays. */
export function dueDateFor(rule: Pick<RuleState, 'dueDate' | 'dueDays'>, occurrenceDate: string): string {
  if (rule.dueDate && rule.dueDate >= occurrenceDate) return rule.dueDate;
  return addDays(occurrenceDate, rule.dueDays);
}

/**
 * The rule after deciding some dates: completed once its maximum is posted, ended when no occurrence is left,
 * else `status` with its wake-up. The pause markers are dropped once every date they cover is decided.
 */
export function advance(
  rule: RuleState,
  ctx: LifecycleContext,
  postings: PlannedPosting[],
  skips: PlannedSkip[],
  status: RuleStatus,
  next: string | null,
  completed: boolean,
  lastDecided: string | null,
  pauseUntil: string | null,
  resumeOn: string | null,
): Decision {
  let statusReason: string | null = null;
  let nextRunAt: Date | null = null;
  if (completed) {
    status = 'completed';
    statusReason = completedReason(rule.maxOccurrences);
  } else if (next === null) {
    status = 'ended';
    statusReason = ENDED_REASON;
  } else if (status === 'active') {
    nextRunAt = runAtFor(next, rule.createDaysAhead, ctx.timeZone);
  } else {
    statusReason = rule.statusReason;
    nextRunAt = status === 'paused' && resumeOn !== null ? runAtFor(resumeOn, 0, ctx.timeZone) : null;
  }
  if (status !== 'paused' && resumeOn !== null && (next === null || next >= resumeOn || status !== 'active')) resumeOn = null;
  if (pauseUntil !== null && pauseUntil < ctx.today && (next === null || next > pauseUntil)) pauseUntil = null;
  return {
    ruleId: rule.id,
    companyId: rule.companyId,
    postings,
    skips,
    review: null,
    failure: null,
    pausedAfterFailures: false,
    status,
    statusReason,
    nextOccurrence: next,
    nextRunAt,
    keepNextRunAt: false,
    pauseUntil,
    resumeOn,
    lastDecided,
    consecutiveFailures: 0,
    lastError: null,
  };
}

/**
 * The rule as it is, with its wake-up derived from its state in `ctx`'s zone: an active rule at its next
 * occurrence's due time, a paused one on its resume date, any other never. `passed`: a pass that ran without
 * failing, which clears the failure count.
 */
export function unchanged(rule: RuleState, ctx: LifecycleContext, passed = false): Decision {
  const nextRunAt =
    rule.status === 'active' && rule.nextOccurrence !== null
      ? runAtFor(rule.nextOccurrence, rule.createDaysAhead, ctx.timeZone)
      : rule.status === 'paused' && rule.resumeOn !== null
        ? runAtFor(rule.resumeOn, 0, ctx.timeZone)
        : null;
  return {
    ruleId: rule.id,
    companyId: rule.companyId,
    postings: NO_POSTINGS,
    skips: NO_SKIPS,
    review: null,
    failure: null,
    pausedAfterFailures: false,
    status: rule.status,
    statusReason: rule.statusReason,
    nextOccurrence: rule.nextOccurrence,
    nextRunAt,
    keepNextRunAt: false,
    pauseUntil: rule.pauseUntil,
    resumeOn: rule.resumeOn,
    lastDecided: null,
    consecutiveFailures: passed ? 0 : rule.consecutiveFailures,
    lastError: passed ? null : rule.lastError,
  };
}

/** The next occurrence of a rule a person acts on (force, skip, pauseUntil); refuses a rule with none to act on. */
export function assertCanAct(rule: RuleState): string {
  if (rule.status !== 'active' && rule.status !== 'paused') {
    throw new AppError('conflict', `This rule is ${words(rule.status)}: nothing is left to post`);
  }
  if (rule.nextOccurrence === null) throw new AppError('conflict', 'This rule has no next occurrence');
  return rule.nextOccurrence;
}

export function words(status: RuleStatus): string {
  return status.replace('_', ' ');
}
