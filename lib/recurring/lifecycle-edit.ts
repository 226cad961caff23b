import { addDays } from '@/lib/dates/calendar-date';
import { AppError, fieldError } from '@/lib/errors';
import { firstOccurrence, nextOccurrence, type Schedule } from './calendar';
import { advance, completedReason, dueDateFor, NO_POSTINGS, NO_SKIPS, unchanged, words } from './lifecycle-decision';
import {
  MAX_PASSED_PER_EDIT,
  MAX_PLAUSIBLE_GAP,
  type Decision,
  type EditedValues,
  type LifecycleContext,
  type PlannedPosting,
  type PlannedSkip,
  type RuleState,
} from './lifecycle-types';

/** The lifecycle's edit of a rule. Only `decide` (lifecycle.ts) calls this. */

/**
 * An edit. A changed schedule, or an ended or completed rule made live again, re-plans from the edit: the next
 * occurrence is the edited schedule's first after both yesterday and the last decided date. The edited schedule's
 * dates that this passes over (after the last decided date, up to yesterday) are each recorded as skipped for
 * `edited`, or, with `catchUpPassed`, posted (dated on their own dates) in the edit's transaction: an explicit
 * choice, never the standing catch-up policy. Other edits keep the next occurrence. A paused rule, or one waiting
 * for review, keeps its status (resume decides what its pause passed over).
 */
export function decideEdit(current: RuleState, values: EditedValues, last: string | null, catchUpPassed: boolean, ctx: LifecycleContext): Decision {
  const rule: RuleState = { ...current, ...values };
  const live = current.status === 'paused' || current.status === 'needs_review' ? current.status : 'active';
  if (catchUpPassed && live !== 'active') {
    throw fieldError('catchUpPassed', `A ${words(current.status)} rule posts nothing: resume it first`);
  }
  const reachedMax = rule.maxOccurrences !== null && rule.occurrencesPosted >= rule.maxOccurrences;
  const replan = editReplans(current, rule);
  if (!replan) {
    // An edit applies like a pass that decided nothing: it clears the failure count (a person changed the rule).
    const decision = unchanged(rule, ctx, true);
    if (live === 'active' && reachedMax) {
      decision.status = 'completed';
      decision.statusReason = completedReason(rule.maxOccurrences);
      decision.nextRunAt = null;
    }
    return decision;
  }

  const yesterday = addDays(ctx.today, -1);
  const next = nextOccurrence(rule.schedule, last !== null && last > yesterday ? last : yesterday);
  const { postings, skips, lastDecided, completed } =
    live === 'active' && reachedMax
      ? { postings: NO_POSTINGS, skips: NO_SKIPS, lastDecided: null, completed: true }
      : decidePassedOver(rule, last, yesterday, catchUpPassed);
  if (live !== 'active') {
    const decision = unchanged({ ...rule, nextOccurrence: next }, ctx, true);
    decision.skips = skips;
    decision.lastDecided = lastDecided;
    return decision;
  }
  const after = completed && lastDecided !== null && postings.length > 0 ? nextOccurrence(rule.schedule, lastDecided) : next;
  return advance(rule, ctx, postings, skips, 'active', after, completed, lastDecided, rule.pauseUntil, rule.resumeOn);
}

interface PassedOver {
  postings: PlannedPosting[];
  skips: PlannedSkip[];
  lastDecided: string | null;
  /** The postings reached the rule's maximum. */
  completed: boolean;
}

/**
 * The edited schedule's dates an edit passes over (after the last decided date, up to yesterday), decided in order:
 * each skipped for `edited`, or with `catchUpPassed` posted (one under pauseUntil skipped as `pause_until`) until the
 * rule's maximum is reached.
 */
function decidePassedOver(rule: RuleState, last: string | null, yesterday: string, catchUpPassed: boolean): PassedOver {
  const passedOver: PassedOver = { postings: NO_POSTINGS, skips: NO_SKIPS, lastDecided: null, completed: false };
  let passed = 0;
  for (let d = last === null ? firstOccurrence(rule.schedule) : nextOccurrence(rule.schedule, last); d !== null && d <= yesterday; d = nextOccurrence(rule.schedule, d)) {
    if (++passed > MAX_PASSED_PER_EDIT) {
      throw new AppError('conflict', `This change would pass over more than ${MAX_PASSED_PER_EDIT} occurrences: move the start date closer, or let the sweep catch the rule up first`);
    }
    passedOver.lastDecided = d;
    if (catchUpPassed && !(rule.pauseUntil !== null && d <= rule.pauseUntil)) {
      if (passedOver.postings.length >= MAX_PLAUSIBLE_GAP) {
        throw fieldError('catchUpPassed', `This change passes over more than ${MAX_PLAUSIBLE_GAP} occurrences: too many to post at once`);
      }
      if (passedOver.postings === NO_POSTINGS) passedOver.postings = [];
      passedOver.postings.push({ occurrenceDate: d, dueDate: dueDateFor(rule, d) });
      if (rule.maxOccurrences !== null && rule.occurrencesPosted + passedOver.postings.length >= rule.maxOccurrences) {
        passedOver.completed = true;
        break;
      }
    } else {
      if (passedOver.skips === NO_SKIPS) passedOver.skips = [];
      passedOver.skips.push({ occurrenceDate: d, reason: catchUpPassed ? 'pause_until' : 'edited' });
    }
  }
  return passedOver;
}

function sameSchedule(a: Schedule, b: Schedule): boolean {
  return (
    a.cadence === b.cadence &&
    a.startDate === b.startDate &&
    (a.endDate ?? null) === (b.endDate ?? null) &&
    a.intervalDays === b.intervalDays &&
    a.weekday === b.weekday &&
    a.intervalWeeks === b.intervalWeeks &&
    a.intervalMonths === b.intervalMonths &&
    a.dayOfMonth === b.dayOfMonth &&
    (a.endOfMonth ?? false) === (b.endOfMonth ?? false) &&
    a.nthWeek === b.nthWeek &&
    a.nthWeekday === b.nthWeekday
  );
}

/**
 * Whether an edit re-plans the rule from the edit (see `decideEdit`): its schedule changed, or it had no next
 * occurrence left, or an ended or completed rule is made live again. Only a re-planning edit passes over dates.
 */
export function editReplans(current: RuleState, values: Pick<EditedValues, 'schedule'>): boolean {
  const revived = current.status !== 'active' && current.status !== 'paused' && current.status !== 'needs_review';
  return current.nextOccurrence === null || revived || !sameSchedule(current.schedule, values.schedule);
}
