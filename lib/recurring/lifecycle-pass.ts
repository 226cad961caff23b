import { addDays } from '@/lib/dates/calendar-date';
import { AppError } from '@/lib/errors';
import { nextOccurrence, occurrenceAtOrBefore } from './calendar';
import type { SkipReason } from './constants';
import { advance, dueDateFor, NO_POSTINGS, NO_SKIPS, unchanged, words } from './lifecycle-decision';
import { MAX_PLAUSIBLE_GAP, MAX_POSTINGS_PER_PASS, MAX_SKIPS_PER_PASS, type Decision, type LifecycleContext, type PlannedPosting, type PlannedSkip, type RuleState } from './lifecycle-types';

/** The lifecycle's due pass: what the sweep and a resume post and skip. Only `decide` (lifecycle.ts) calls these. */

/** A due pass: paused rules whose resumeOn has come resume; active rules post and skip what is due, and advance. */
export function decideSweep(rule: RuleState, ctx: LifecycleContext): Decision {
  if (rule.status === 'paused') {
    if (rule.resumeOn === null || rule.resumeOn > ctx.today) return unchanged(rule, ctx, true);
  } else if (rule.status !== 'active') {
    return unchanged(rule, ctx, true);
  }
  return decidePass(rule, ctx, ctx.maxPostingsPerPass ?? MAX_POSTINGS_PER_PASS, ctx.maxGap ?? MAX_PLAUSIBLE_GAP, rule.resumeOn);
}

/**
 * Resume by hand: active again from today. Every date before today is skipped as `paused` (resumeOn = today marks
 * them; what one pass cannot record is due at once), today's and later ones post as usual, through the sweep. The
 * plausibility limit does not apply: nothing before today posts, so the rule never goes back to review.
 */
export function decideResume(rule: RuleState, ctx: LifecycleContext): Decision {
  if (rule.status !== 'paused' && rule.status !== 'needs_review') {
    throw new AppError('conflict', `Only a paused rule can be resumed; this one is ${words(rule.status)}`);
  }
  return decidePass(rule, ctx, 0, Infinity, ctx.today);
}

/**
 * The due pass, shared by the sweep and resume. Occurrences from `nextOccurrence` up to today + days ahead are
 * decided in order. A date is skipped when it falls before the resume (`paused`), on or before `pauseUntil`
 * (`pause_until`), or before today under catch-up `none` / before the latest due date under `latest`; every other
 * date posts. Each skip condition is "before a threshold", so the skips are a prefix and the postings the rest:
 * the count of dates that would post is the plausibility check's figure, and the skips do not count.
 */
function decidePass(rule: RuleState, ctx: LifecycleContext, maxPostings: number, maxGap: number, resumeOn: string | null): Decision {
  const today = ctx.today;
  const schedule = rule.schedule;
  const horizon = rule.createDaysAhead === 0 ? today : addDays(today, rule.createDaysAhead);
  const pauseUntil = rule.pauseUntil;
  const policy = rule.catchUp;
  const maxSkips = ctx.maxSkipsPerPass ?? MAX_SKIPS_PER_PASS;
  const max = rule.maxOccurrences;
  // Under `latest` the one missed-or-today date that posts is the latest one due; the earlier ones are skipped.
  const latestDue = policy === 'latest' && rule.nextOccurrence !== null && rule.nextOccurrence < today ? occurrenceAtOrBefore(schedule, today) : null;

  let postings = NO_POSTINGS;
  let skips = NO_SKIPS;
  let completed = max !== null && rule.occurrencesPosted >= max;
  let lastDecided: string | null = null;
  let stoppedOnPostings = false;
  let d = rule.nextOccurrence;
  while (d !== null && d <= horizon && !completed) {
    const reason: SkipReason | null =
      resumeOn !== null && d < resumeOn
        ? 'paused'
        : pauseUntil !== null && d <= pauseUntil
          ? 'pause_until'
          : policy === 'none' && d < today
            ? 'catch_up_none'
            : latestDue !== null && d < latestDue
              ? 'catch_up_latest'
              : null;
    if (reason !== null) {
      if (skips.length >= maxSkips) break;
      if (skips === NO_SKIPS) skips = [];
      skips.push({ occurrenceDate: d, reason });
    } else {
      if (postings.length >= maxPostings) {
        stoppedOnPostings = true;
        break;
      }
      if (postings === NO_POSTINGS) postings = [];
      postings.push({ occurrenceDate: d, dueDate: dueDateFor(rule, d) });
      if (max !== null && rule.occurrencesPosted + postings.length >= max) completed = true;
    }
    lastDecided = d;
    d = nextOccurrence(schedule, d);
  }
  // `d` is now the first date left undecided: past the horizon, cut off by a per-pass cap, or null.
  if (stoppedOnPostings && maxGap !== Infinity) {
    const review = reviewOfGap(rule, d, horizon, postings, skips, maxGap, pauseUntil, resumeOn);
    if (review !== null) return review;
  }
  return advance(rule, ctx, postings, skips, 'active', d, completed, lastDecided, pauseUntil, resumeOn);
}

/**
 * A pass stopped at its cap of postings with `next` undecided. Every date from `next` to the horizon would post
 * too (the skips are a prefix): counted up to `maxGap`, and past it the rule stops for review, posting nothing
 * (its skips stand). Null when the count stays within the limit.
 */
function reviewOfGap(
  rule: RuleState,
  next: string | null,
  horizon: string,
  postings: PlannedPosting[],
  skips: PlannedSkip[],
  maxGap: number,
  pauseUntil: string | null,
  resumeOn: string | null,
): Decision | null {
  const max = rule.maxOccurrences;
  let wouldPost = postings.length;
  for (let x: string | null = next; x !== null && x <= horizon && wouldPost <= maxGap; x = nextOccurrence(rule.schedule, x)) {
    if (max !== null && rule.occurrencesPosted + wouldPost >= max) break;
    wouldPost++;
  }
  if (wouldPost <= maxGap) return null;
  const first = postings.length > 0 ? postings[0]!.occurrenceDate : next!;
  const review = `More than ${maxGap} occurrences would post at once (from ${first}). Nothing was posted: check the rule, then resume it.`;
  return {
    ruleId: rule.id,
    companyId: rule.companyId,
    postings: NO_POSTINGS,
    skips,
    review,
    failure: null,
    pausedAfterFailures: false,
    status: 'needs_review',
    statusReason: review,
    nextOccurrence: first,
    nextRunAt: null,
    keepNextRunAt: false,
    pauseUntil,
    resumeOn,
    lastDecided: skips.length > 0 ? skips[skips.length - 1]!.occurrenceDate : null,
    consecutiveFailures: 0,
    lastError: null,
  };
}
