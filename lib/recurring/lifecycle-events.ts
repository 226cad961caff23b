import { AppError, fieldError } from '@/lib/errors';
import { firstOccurrence, nextOccurrence } from './calendar';
import { advance, assertCanAct, DELETED_REASON, dueDateFor, NO_POSTINGS, NO_SKIPS, unchanged, words } from './lifecycle-decision';
import { MAX_CONSECUTIVE_FAILURES, RETRY_DELAY_MS, type Decision, type LifecycleContext, type PlannedSkip, type PostingEvent, type RuleState } from './lifecycle-types';
import { runAtFor } from './run-at';

/**
 * The lifecycle's single events: a person's action on one rule, a failure, a duplicate found on writing. Only
 * `decide` (lifecycle.ts) calls these.
 */

export function decideCreate(rule: RuleState, ctx: LifecycleContext): Decision {
  const first = firstOccurrence(rule.schedule);
  if (first === null) throw fieldError('endDate', 'No occurrence falls between the start and end dates');
  return advance(rule, ctx, NO_POSTINGS, NO_SKIPS, 'active', first, false, null, rule.pauseUntil, null);
}

/** Posts the next scheduled occurrence now, dated on its own date, whatever its due time. */
export function decideForce(rule: RuleState, ctx: LifecycleContext): Decision {
  const date = assertCanAct(rule);
  const completed = rule.maxOccurrences !== null && rule.occurrencesPosted + 1 >= rule.maxOccurrences;
  const postings = [{ occurrenceDate: date, dueDate: dueDateFor(rule, date) }];
  return advance(rule, ctx, postings, NO_SKIPS, rule.status, nextOccurrence(rule.schedule, date), completed, date, rule.pauseUntil, rule.resumeOn);
}

/** Skips the next occurrence by hand (recorded as skipped_by_user) and advances past it. */
export function decideSkipNext(rule: RuleState, ctx: LifecycleContext): Decision {
  const date = assertCanAct(rule);
  const skips: PlannedSkip[] = [{ occurrenceDate: date, reason: 'skipped_by_user' }];
  return advance(rule, ctx, NO_POSTINGS, skips, rule.status, nextOccurrence(rule.schedule, date), false, date, rule.pauseUntil, rule.resumeOn);
}

export function decidePause(rule: RuleState, resumeOn: string | null, ctx: LifecycleContext): Decision {
  if (rule.status !== 'active' && rule.status !== 'paused') {
    throw new AppError('conflict', `A rule that is ${words(rule.status)} cannot be paused`);
  }
  const decision = unchanged(rule, ctx);
  decision.status = 'paused';
  decision.statusReason = resumeOn ? `Paused until ${resumeOn}` : 'Paused by hand';
  decision.resumeOn = resumeOn;
  decision.nextRunAt = resumeOn ? runAtFor(resumeOn, 0, ctx.timeZone) : null;
  return decision;
}

/** Sets or clears pauseUntil; the wake-up stays where it is. */
export function decideSetPauseUntil(rule: RuleState, pauseUntil: string | null, ctx: LifecycleContext): Decision {
  assertCanAct(rule);
  const decision = unchanged(rule, ctx);
  decision.pauseUntil = pauseUntil;
  decision.keepNextRunAt = true;
  return decision;
}

/** Moves an active rule's wake-up by hand; its occurrences keep their dates. */
export function decideMoveWakeUp(rule: RuleState, nextRunAt: Date, ctx: LifecycleContext): Decision {
  if (rule.status !== 'active') throw new AppError('conflict', 'Only an active rule has a next run to move');
  const decision = unchanged(rule, ctx);
  decision.nextRunAt = nextRunAt;
  return decision;
}

export function decideDelete(rule: RuleState, ctx: LifecycleContext): Decision {
  const decision = unchanged(rule, ctx);
  decision.status = 'deleted';
  decision.statusReason = DELETED_REASON;
  decision.nextRunAt = null;
  return decision;
}

/**
 * A failed attempt. A rule the sweep acts on (active, or paused with its resume date come) is retried no sooner
 * than a minute later and pauses itself at the third failure in a row. A rule changed meanwhile into another state
 * (paused by hand, ended, completed, in review) keeps it: the failure is recorded and counted, nothing is woken.
 * A deleted rule stays deleted and records nothing.
 */
export function decideFailure(rule: RuleState, message: string, dbNow: Date, ctx: LifecycleContext): Decision {
  const decision = unchanged(rule, ctx);
  if (rule.status === 'deleted') return decision;
  const failures = rule.consecutiveFailures + 1;
  decision.failure = message;
  decision.consecutiveFailures = failures;
  decision.lastError = message;
  const acting = rule.status === 'active' || (rule.status === 'paused' && rule.resumeOn !== null);
  if (!acting) return decision;
  if (failures >= MAX_CONSECUTIVE_FAILURES) {
    decision.status = 'paused';
    decision.statusReason = `Paused after ${failures} failed attempts: ${message}`;
    decision.resumeOn = null;
    decision.nextRunAt = null;
    decision.pausedAfterFailures = true;
  } else {
    const retryAt = dbNow.getTime() + RETRY_DELAY_MS;
    decision.nextRunAt = decision.nextRunAt !== null && decision.nextRunAt.getTime() > retryAt ? decision.nextRunAt : new Date(retryAt);
  }
  return decision;
}

/**
 * Some planned postings turned out to exist already (posted and counted before, by another writer): they do not
 * count again. A planned completion that now falls short is one more to go.
 */
export function decideDuplicates(rule: RuleState, of: PostingEvent, planned: Decision, written: number, ctx: LifecycleContext): Decision {
  const max = rule.maxOccurrences;
  if (planned.status !== 'completed' || (max !== null && rule.occurrencesPosted + written >= max)) return planned;
  const status = of === 'force' ? rule.status : 'active';
  return advance(rule, ctx, planned.postings, planned.skips, status, planned.nextOccurrence, false, planned.lastDecided, planned.pauseUntil, planned.resumeOn);
}
