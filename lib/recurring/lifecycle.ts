import { addDays } from '@/lib/dates/calendar-date';
import { AppError, fieldError, notFound } from '@/lib/errors';
import { firstOccurrence, nextOccurrence, occurrenceAtOrBefore, type Schedule } from './calendar';
import type { CatchUpPolicy, RuleStatus, RuleType, SkipReason } from './constants';
import { runAtFor } from './run-at';

/**
 * The rule lifecycle: ONE pure function, `decide(rule, event, ctx)`, says what a rule becomes after an event (a
 * sweep, force, skip, pause, resume, edit, zone change, failure, delete…): its status and reason, its next
 * occurrence and wake-up, and which occurrences post and which are skipped, with their reasons. Every writer (the
 * sweep, the rule service, the failure writer, the zone re-plan) only applies its answer, so they cannot disagree.
 * It reads no clock and no database: "today" arrives in `ctx` (the company's local date by the database's clock).
 * lib/recurring/README.md ("States") is this function's table; lifecycle.test.ts checks it row by row.
 */

/** Postings per rule per pass: keeps a batch's transaction short; the rest is due at once, for the next batch. */
export const MAX_POSTINGS_PER_PASS = 50;
/** Skip records per rule per pass: a rule from 1936 with catch-up none skips 33,000 dates over 34 passes, not one. */
export const MAX_SKIPS_PER_PASS = 1000;
/** More dates than this that the policy would post at once is implausible (a clock jump, a rule imported wrong). */
export const MAX_PLAUSIBLE_GAP = 400;
/** After this many failed passes in a row a rule pauses itself, with the reason shown. */
export const MAX_CONSECUTIVE_FAILURES = 3;
/** A failed rule is retried no sooner than this, so one bad rule cannot spin inside a run. */
export const RETRY_DELAY_MS = 60_000;
/** Dates one edit may pass over (each gets a skip record in the edit's transaction): 27 years of a daily rule. */
export const MAX_PASSED_PER_EDIT = 10_000;

export interface RuleState {
  id: number;
  companyId: string;
  type: RuleType;
  schedule: Schedule;
  maxOccurrences: number | null;
  dueDays: number;
  dueDate: string | null;
  createDaysAhead: number;
  catchUp: CatchUpPolicy;
  status: RuleStatus;
  statusReason: string | null;
  /** While active: dates on or before it are skipped as `pause_until`. */
  pauseUntil: string | null;
  /**
   * Paused: the date it resumes by itself. Active: the date a resume happened on, kept until every date before it
   * is decided (they are skipped as `paused`; a long pause is recorded over several passes).
   */
  resumeOn: string | null;
  /** The first occurrence not yet decided (posted or skipped); null once there is none. */
  nextOccurrence: string | null;
  occurrencesPosted: number;
  consecutiveFailures: number;
  lastError: string | null;
}

export interface LifecycleContext {
  /** The company's local date by the database's clock. */
  today: string;
  /** The company's IANA zone; undefined is UTC. */
  timeZone?: string;
  maxPostingsPerPass?: number;
  maxSkipsPerPass?: number;
  maxGap?: number;
}

export interface PlannedPosting {
  occurrenceDate: string;
  dueDate: string;
}

export interface PlannedSkip {
  occurrenceDate: string;
  reason: SkipReason;
}

/** The values an edit may change that the lifecycle reads (the rest, like the amount, does not move dates). */
export type EditedValues = Pick<RuleState, 'type' | 'schedule' | 'maxOccurrences' | 'dueDays' | 'dueDate' | 'createDaysAhead' | 'catchUp'>;

/** The events that change a rule. Events without data are shared constants, so the sweep allocates none. */
export type LifecycleEvent =
  | { kind: 'create' }
  | { kind: 'sweep' }
  | { kind: 'force' }
  | { kind: 'skipNext' }
  | { kind: 'pause'; resumeOn: string | null }
  | { kind: 'resume' }
  | { kind: 'setPauseUntil'; pauseUntil: string | null }
  | { kind: 'moveWakeUp'; nextRunAt: Date }
  /** `lastOccurrence`: the last date the rule decided (its `last_occurrence`), where the dates an edit passes over start. */
  | { kind: 'edit'; values: EditedValues; lastOccurrence: string | null; catchUpPassed: boolean }
  | { kind: 'zoneChange' }
  | { kind: 'failure'; message: string; dbNow: Date }
  /** After writing `planned`: only `written` of its postings were new, the others had been posted (and counted) before. */
  | { kind: 'duplicates'; of: PostingEvent; planned: Decision; written: number }
  | { kind: 'delete' };

/** The events whose decisions post. */
export type PostingEvent = 'sweep' | 'force' | 'resume' | 'edit';

export const SWEEP = { kind: 'sweep' } as const satisfies LifecycleEvent;
export const ZONE_CHANGE = { kind: 'zoneChange' } as const satisfies LifecycleEvent;

/** What a rule becomes: its whole next state, and what to write besides it. */
export interface Decision {
  ruleId: number;
  companyId: string;
  postings: PlannedPosting[];
  skips: PlannedSkip[];
  /** Set when the rule stopped for review instead of posting: the event to record. */
  review: string | null;
  /** Set when a failure is to be recorded (a failure of a deleted rule records nothing). */
  failure: string | null;
  pausedAfterFailures: boolean;
  status: RuleStatus;
  statusReason: string | null;
  nextOccurrence: string | null;
  nextRunAt: Date | null;
  /**
   * The event does not move the wake-up: `next_run_at` stays as stored (a wake-up moved by hand, a failure's
   * retry), and `nextRunAt` is only what it would be derived as.
   */
  keepNextRunAt: boolean;
  pauseUntil: string | null;
  resumeOn: string | null;
  /** The last occurrence this decision decided (posted or skipped), or null when it decided none. */
  lastDecided: string | null;
  consecutiveFailures: number;
  lastError: string | null;
}

export const ENDED_REASON = 'No occurrence left before the end date';
export const DELETED_REASON = 'Deleted';

export function completedReason(maxOccurrences: number | null): string {
  return `Reached the maximum of ${maxOccurrences} occurrences`;
}

// Most decisions post or skip nothing: they share these (frozen, so that a writer pushing into one fails loudly).
const NO_SKIPS = Object.freeze([]) as unknown as PlannedSkip[];
const NO_POSTINGS = Object.freeze([]) as unknown as PlannedPosting[];

/** The due date of an occurrence: the manual due date while it is not before the occurrence, else date + dueDays. */
export function dueDateFor(rule: Pick<RuleState, 'dueDate' | 'dueDays'>, occurrenceDate: string): string {
  if (rule.dueDate && rule.dueDate >= occurrenceDate) return rule.dueDate;
  return addDays(occurrenceDate, rule.dueDays);
}

/**
 * What `rule` becomes after `event`, today. Throws an AppError when the event does not apply to the rule's state
 * (resuming an active rule, pausing a completed one, anything but a failure on a deleted one).
 *
 * @example decide(dailyRuleDueToday, SWEEP, { today: '2026-03-31', timeZone: 'America/New_York' })
 *   // { status: 'active', postings: [{ occurrenceDate: '2026-03-31', dueDate: '2026-03-31' }],
 *   //   nextOccurrence: '2026-04-01', nextRunAt: 2026-04-01T04:00:00.000Z, … }
 */
export function decide(rule: RuleState, event: LifecycleEvent, ctx: LifecycleContext): Decision {
  if (rule.status === 'deleted' && event.kind !== 'failure' && event.kind !== 'sweep') throw notFound('Rule');
  switch (event.kind) {
    case 'sweep':
      return decideSweep(rule, ctx);
    case 'create':
      return decideCreate(rule, ctx);
    case 'force':
      return decideForce(rule, ctx);
    case 'skipNext':
      return decideSkipNext(rule, ctx);
    case 'pause':
      return decidePause(rule, event.resumeOn, ctx);
    case 'resume':
      return decideResume(rule, ctx);
    case 'setPauseUntil': {
      assertCanAct(rule);
      const decision = unchanged(rule, ctx);
      decision.pauseUntil = event.pauseUntil;
      decision.keepNextRunAt = true;
      return decision;
    }
    case 'moveWakeUp': {
      if (rule.status !== 'active') throw new AppError('conflict', 'Only an active rule has a next run to move');
      const decision = unchanged(rule, ctx);
      decision.nextRunAt = event.nextRunAt;
      return decision;
    }
    case 'edit':
      return decideEdit(rule, event.values, event.lastOccurrence, event.catchUpPassed, ctx);
    case 'zoneChange':
      return unchanged(rule, ctx);
    case 'failure':
      return decideFailure(rule, event.message, event.dbNow, ctx);
    case 'duplicates':
      return decideDuplicates(rule, event.of, event.planned, event.written, ctx);
    case 'delete': {
      const decision = unchanged(rule, ctx);
      decision.status = 'deleted';
      decision.statusReason = DELETED_REASON;
      decision.nextRunAt = null;
      return decision;
    }
  }
}

/** A due pass: paused rules whose resumeOn has come resume; active rules post and skip what is due, and advance. */
function decideSweep(rule: RuleState, ctx: LifecycleContext): Decision {
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
function decideResume(rule: RuleState, ctx: LifecycleContext): Decision {
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
    // Every date from here to the horizon would post (the skips are a prefix): count them, up to the limit.
    let wouldPost = postings.length;
    for (let x: string | null = d; x !== null && x <= horizon && wouldPost <= maxGap; x = nextOccurrence(schedule, x)) {
      if (max !== null && rule.occurrencesPosted + wouldPost >= max) break;
      wouldPost++;
    }
    if (wouldPost > maxGap) {
      const first = postings.length > 0 ? postings[0]!.occurrenceDate : d!;
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
  }
  return advance(rule, ctx, postings, skips, 'active', d, completed, lastDecided, pauseUntil, resumeOn);
}

/** Posts the next scheduled occurrence now, dated on its own date, whatever its due time. */
function decideForce(rule: RuleState, ctx: LifecycleContext): Decision {
  const date = assertCanAct(rule);
  const completed = rule.maxOccurrences !== null && rule.occurrencesPosted + 1 >= rule.maxOccurrences;
  const postings = [{ occurrenceDate: date, dueDate: dueDateFor(rule, date) }];
  return advance(rule, ctx, postings, NO_SKIPS, rule.status, nextOccurrence(rule.schedule, date), completed, date, rule.pauseUntil, rule.resumeOn);
}

/** Skips the next occurrence by hand (recorded as skipped_by_user) and advances past it. */
function decideSkipNext(rule: RuleState, ctx: LifecycleContext): Decision {
  const date = assertCanAct(rule);
  const skips: PlannedSkip[] = [{ occurrenceDate: date, reason: 'skipped_by_user' }];
  return advance(rule, ctx, NO_POSTINGS, skips, rule.status, nextOccurrence(rule.schedule, date), false, date, rule.pauseUntil, rule.resumeOn);
}

function decideCreate(rule: RuleState, ctx: LifecycleContext): Decision {
  const first = firstOccurrence(rule.schedule);
  if (first === null) throw fieldError('endDate', 'No occurrence falls between the start and end dates');
  return advance(rule, ctx, NO_POSTINGS, NO_SKIPS, 'active', first, false, null, rule.pauseUntil, null);
}

function decidePause(rule: RuleState, resumeOn: string | null, ctx: LifecycleContext): Decision {
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

/**
 * An edit. A changed schedule, or an ended or completed rule made live again, re-plans from the edit: the next
 * occurrence is the edited schedule's first after both yesterday and the last decided date. The edited schedule's
 * dates that this passes over (after the last decided date, up to yesterday) are each recorded as skipped for
 * `edited`, or, with `catchUpPassed`, posted (dated on their own dates) in the edit's transaction: an explicit
 * choice, never the standing catch-up policy. Other edits keep the next occurrence. A paused rule, or one waiting
 * for review, keeps its status (resume decides what its pause passed over).
 */
function decideEdit(current: RuleState, values: EditedValues, last: string | null, catchUpPassed: boolean, ctx: LifecycleContext): Decision {
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
  let postings = NO_POSTINGS;
  let skips = NO_SKIPS;
  let lastDecided: string | null = null;
  let completed = live === 'active' && reachedMax;
  if (!completed) {
    let passed = 0;
    for (let d = last === null ? firstOccurrence(rule.schedule) : nextOccurrence(rule.schedule, last); d !== null && d <= yesterday; d = nextOccurrence(rule.schedule, d)) {
      if (++passed > MAX_PASSED_PER_EDIT) {
        throw new AppError('conflict', `This change would pass over more than ${MAX_PASSED_PER_EDIT} occurrences: move the start date closer, or let the sweep catch the rule up first`);
      }
      if (catchUpPassed && !(rule.pauseUntil !== null && d <= rule.pauseUntil)) {
        if (postings.length >= MAX_PLAUSIBLE_GAP) {
          throw fieldError('catchUpPassed', `This change passes over more than ${MAX_PLAUSIBLE_GAP} occurrences: too many to post at once`);
        }
        if (postings === NO_POSTINGS) postings = [];
        postings.push({ occurrenceDate: d, dueDate: dueDateFor(rule, d) });
        lastDecided = d;
        if (rule.maxOccurrences !== null && rule.occurrencesPosted + postings.length >= rule.maxOccurrences) {
          completed = true;
          break;
        }
      } else {
        if (skips === NO_SKIPS) skips = [];
        skips.push({ occurrenceDate: d, reason: catchUpPassed ? 'pause_until' : 'edited' });
        lastDecided = d;
      }
    }
  }
  if (live !== 'active') {
    const decision = unchanged({ ...rule, nextOccurrence: next }, ctx, true);
    decision.skips = skips;
    decision.lastDecided = lastDecided;
    return decision;
  }
  const after = completed && lastDecided !== null && postings.length > 0 ? nextOccurrence(rule.schedule, lastDecided) : next;
  return advance(rule, ctx, postings, skips, 'active', after, completed, lastDecided, rule.pauseUntil, rule.resumeOn);
}

/**
 * Whether an edit re-plans the rule from the edit (see `decideEdit`): its schedule changed, or it had no next
 * occurrence left, or an ended or completed rule is made live again. Only a re-planning edit passes over dates.
 */
export function editReplans(current: RuleState, values: Pick<EditedValues, 'schedule'>): boolean {
  const revived = current.status !== 'active' && current.status !== 'paused' && current.status !== 'needs_review';
  return current.nextOccurrence === null || revived || !sameSchedule(current.schedule, values.schedule);
}

/**
 * The dates an edit would pass over, in order: the edited schedule's dates after the last decided one and before
 * today, which saving records as skipped for `edited` (or posts, with `catchUpPassed`). It asks `decide` for the
 * edit itself, so what the editor warns about and what the save records cannot disagree. Empty when the edit does
 * not re-plan (the sweep then decides overdue dates by the catch-up policy, as before the edit).
 *
 * @example // a monthly rule on the 1st, decided up to 2027-01-01, moved to the 15th on 2027-03-20:
 * passedOverByEdit(rule, { ...values, schedule: { ...schedule, dayOfMonth: 15 } }, '2027-01-01', { today: '2027-03-20' })
 * // ['2027-01-15', '2027-02-15', '2027-03-15']
 */
export function passedOverByEdit(rule: RuleState, values: EditedValues, lastOccurrence: string | null, ctx: LifecycleContext): string[] {
  const decision = decide(rule, { kind: 'edit', values, lastOccurrence, catchUpPassed: false }, ctx);
  return decision.skips.map((skip) => skip.occurrenceDate);
}

/**
 * A failed attempt. A rule the sweep acts on (active, or paused with its resume date come) is retried no sooner
 * than a minute later and pauses itself at the third failure in a row. A rule changed meanwhile into another state
 * (paused by hand, ended, completed, in review) keeps it: the failure is recorded and counted, nothing is woken.
 * A deleted rule stays deleted and records nothing.
 */
function decideFailure(rule: RuleState, message: string, dbNow: Date, ctx: LifecycleContext): Decision {
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
function decideDuplicates(rule: RuleState, of: PostingEvent, planned: Decision, written: number, ctx: LifecycleContext): Decision {
  const max = rule.maxOccurrences;
  if (planned.status !== 'completed' || (max !== null && rule.occurrencesPosted + written >= max)) return planned;
  const status = of === 'force' ? rule.status : 'active';
  return advance(rule, ctx, planned.postings, planned.skips, status, planned.nextOccurrence, false, planned.lastDecided, planned.pauseUntil, planned.resumeOn);
}

/**
 * The rule after deciding some dates: completed once its maximum is posted, ended when no occurrence is left,
 * else `status` with its wake-up. The pause markers are dropped once every date they cover is decided.
 */
function advance(
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
function unchanged(rule: RuleState, ctx: LifecycleContext, passed = false): Decision {
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
function assertCanAct(rule: RuleState): string {
  if (rule.status !== 'active' && rule.status !== 'paused') {
    throw new AppError('conflict', `This rule is ${words(rule.status)}: nothing is left to post`);
  }
  if (rule.nextOccurrence === null) throw new AppError('conflict', 'This rule has no next occurrence');
  return rule.nextOccurrence;
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

function words(status: RuleStatus): string {
  return status.replace('_', ' ');
}
