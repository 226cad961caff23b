import { addDays } from '@/lib/dates/calendar-date';
import { startOfLocalDay } from '@/lib/dates/local-day';
import { nextOccurrence, type Schedule } from './calendar';
import type { CatchUpPolicy, RuleStatus, RuleType, SkipReason } from './constants';

/**
 * The planner decides, for one rule at one moment, which occurrences to post, which to skip (and why) and how
 * the rule advances. It is pure: the clock arrives as `today` (the company's local date by the database's clock)
 * and nothing is read or written. The sweep, force, simulate and resume all plan here, so a dry run always
 * matches what a real run posts.
 */

/** Postings per rule per pass: keeps a batch's transaction short; the rest goes in the next pass. */
export const MAX_POSTINGS_PER_PASS = 50;
/** More overdue occurrences than this is implausible (a clock jump, a rule imported wrong): a person reviews it. */
export const MAX_PLAUSIBLE_GAP = 400;

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
  pauseUntil: string | null;
  resumeOn: string | null;
  /** The first occurrence not yet decided (posted or skipped); null once there is none. */
  nextOccurrence: string | null;
  occurrencesPosted: number;
}

export interface PlanContext {
  /** The company's local date now. */
  today: string;
  /** The company's IANA zone; undefined is UTC. */
  timeZone?: string;
  maxPostingsPerPass?: number;
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

export interface RuleAdvance {
  nextOccurrence: string | null;
  nextRunAt: Date | null;
  status: RuleStatus;
  statusReason: string | null;
  pauseUntil: string | null;
  resumeOn: string | null;
  /** The last occurrence decided by this plan, or null when it decided none. */
  lastDecided: string | null;
}

export interface RulePlan {
  ruleId: number;
  companyId: string;
  postings: PlannedPosting[];
  skips: PlannedSkip[];
  advance: RuleAdvance;
  /** Set when the rule stopped for review instead of posting. */
  review?: string;
}

/** The due date of an occurrence: the manual due date while it is not before the occurrence, else date + dueDays. */
export function dueDateFor(rule: Pick<RuleState, 'dueDate' | 'dueDays'>, occurrenceDate: string): string {
  if (rule.dueDate && rule.dueDate >= occurrenceDate) return rule.dueDate;
  return addDays(occurrenceDate, rule.dueDays);
}

// The sweep asks for the same few (date, zone) pairs for every rule of a batch (a million rules due at midnight
// share a handful of wake-up dates), and each answer costs several Intl calls: remember them, within a bound.
const runAtCache = new Map<string, number>();
const MAX_CACHED_RUN_ATS = 10_000;

/** When an occurrence becomes due: the first instant of (its date − days ahead) in the company's zone. */
export function runAtFor(occurrenceDate: string, createDaysAhead: number, timeZone?: string): Date {
  const key = `${occurrenceDate}|${createDaysAhead}|${timeZone ?? ''}`;
  let instantMs = runAtCache.get(key);
  if (instantMs === undefined) {
    instantMs = startOfLocalDay(addDays(occurrenceDate, -createDaysAhead), timeZone).getTime();
    if (runAtCache.size >= MAX_CACHED_RUN_ATS) runAtCache.clear();
    runAtCache.set(key, instantMs);
  }
  return new Date(instantMs);
}

const instantTexts = new Map<number, string>();

/**
 * `date.toISOString()`, remembered: a midnight herd advances a million rules to a handful of instants (`runAtFor`),
 * and formatting each again is a measurable part of the sweep.
 */
export function instantText(date: Date): string {
  const ms = date.getTime();
  let text = instantTexts.get(ms);
  if (text === undefined) {
    text = date.toISOString();
    if (instantTexts.size >= MAX_CACHED_RUN_ATS) instantTexts.clear();
    instantTexts.set(ms, text);
  }
  return text;
}

/**
 * Plans a due rule: posts each occurrence up to today (+ days ahead) per the catch-up policy, skips with reasons,
 * and advances.
 *
 * @example planDueRule(monthlyRentRule, { today: '2026-03-31', timeZone: 'America/New_York' })
 *   // postings: [{ occurrenceDate: '2026-03-31', dueDate: '2026-03-31' }], advance.nextOccurrence '2026-04-30'
 */
export function planDueRule(rule: RuleState, ctx: PlanContext): RulePlan {
  const maxPostings = ctx.maxPostingsPerPass ?? MAX_POSTINGS_PER_PASS;
  const maxGap = ctx.maxGap ?? MAX_PLAUSIBLE_GAP;
  let status = rule.status;
  let resumeOn = rule.resumeOn;
  let pauseUntil = rule.pauseUntil;
  const skips: PlannedSkip[] = [];
  const postings: PlannedPosting[] = [];

  if (status === 'paused') {
    if (!resumeOn || resumeOn > ctx.today) return unchanged(rule, ctx);
    status = 'active';
  } else if (status !== 'active') {
    return unchanged(rule, ctx);
  }

  const horizon = addDays(ctx.today, rule.createDaysAhead);
  const dates: string[] = [];
  for (let d = rule.nextOccurrence; d !== null && d <= horizon; d = nextOccurrence(rule.schedule, d)) {
    dates.push(d);
    if (dates.length > maxGap) break;
  }
  if (dates.length > maxGap) {
    const review = `More than ${maxGap} occurrences are overdue (from ${rule.nextOccurrence}). Nothing was posted: check the rule, then resume it.`;
    return {
      ruleId: rule.id,
      companyId: rule.companyId,
      postings,
      skips,
      review,
      advance: { nextOccurrence: rule.nextOccurrence, nextRunAt: null, status: 'needs_review', statusReason: review, pauseUntil, resumeOn, lastDecided: null },
    };
  }

  // Under `latest`, the one missed-or-today occurrence that posts is the most recent one not paused away.
  const eligible = dates.filter((d) => !(pauseUntil && d <= pauseUntil) && !(resumeOn && d < resumeOn));
  const latestDue = [...eligible].reverse().find((d) => d <= ctx.today);

  let lastDecided: string | null = null;
  let stoppedAt: string | null = null; // the first date left undecided by the per-pass cap
  let completed = rule.maxOccurrences !== null && rule.occurrencesPosted >= rule.maxOccurrences;
  for (const d of dates) {
    if (completed) break;
    let reason: SkipReason | null = null;
    if (rule.status === 'paused' && resumeOn && d < resumeOn) reason = 'paused';
    else if (pauseUntil && d <= pauseUntil) reason = 'pause_until';
    else if (d < ctx.today && rule.catchUp === 'none') reason = 'catch_up_none';
    else if (d <= ctx.today && rule.catchUp === 'latest' && d !== latestDue) reason = 'catch_up_latest';
    if (reason) {
      skips.push({ occurrenceDate: d, reason });
    } else {
      if (postings.length >= maxPostings) {
        stoppedAt = d;
        break;
      }
      postings.push({ occurrenceDate: d, dueDate: dueDateFor(rule, d) });
      if (rule.maxOccurrences !== null && rule.occurrencesPosted + postings.length >= rule.maxOccurrences) completed = true;
    }
    lastDecided = d;
  }

  if (rule.status === 'paused') resumeOn = null;
  if (pauseUntil && pauseUntil < ctx.today) pauseUntil = null;
  const next = stoppedAt ?? (lastDecided === null ? rule.nextOccurrence : nextOccurrence(rule.schedule, lastDecided));
  return {
    ruleId: rule.id,
    companyId: rule.companyId,
    postings,
    skips,
    advance: advanceTo(rule, ctx, next, completed ? 'completed' : status, { pauseUntil, resumeOn, lastDecided }),
  };
}

/**
 * Plans a forced posting: the next scheduled occurrence, now, dated on its own date, whatever its due time.
 * Throws when the rule has nothing left to post.
 */
export function planForce(rule: RuleState, ctx: PlanContext): RulePlan {
  const date = rule.nextOccurrence;
  if (date === null) throw new Error(`rule ${rule.id} has no next occurrence`);
  const posted = rule.occurrencesPosted + 1;
  const completed = rule.maxOccurrences !== null && posted >= rule.maxOccurrences;
  return {
    ruleId: rule.id,
    companyId: rule.companyId,
    postings: [{ occurrenceDate: date, dueDate: dueDateFor(rule, date) }],
    skips: [],
    advance: advanceTo(rule, ctx, nextOccurrence(rule.schedule, date), completed ? 'completed' : rule.status, {
      pauseUntil: rule.pauseUntil,
      resumeOn: rule.resumeOn,
      lastDecided: date,
    }),
  };
}

/** Plans skipping the next occurrence by hand (recorded as skipped_by_user). */
export function planSkipNext(rule: RuleState, ctx: PlanContext): RulePlan {
  const date = rule.nextOccurrence;
  if (date === null) throw new Error(`rule ${rule.id} has no next occurrence`);
  return {
    ruleId: rule.id,
    companyId: rule.companyId,
    postings: [],
    skips: [{ occurrenceDate: date, reason: 'skipped_by_user' }],
    advance: advanceTo(rule, ctx, nextOccurrence(rule.schedule, date), rule.status, {
      pauseUntil: rule.pauseUntil,
      resumeOn: rule.resumeOn,
      lastDecided: date,
    }),
  };
}

/**
 * Plans a manual resume: occurrences that fell while the rule was paused (dated before today) are recorded as
 * skipped for `paused`; today's, if any, is left to post.
 */
export function planResume(rule: RuleState, ctx: PlanContext): RulePlan {
  return planDueRule({ ...rule, status: 'paused', resumeOn: ctx.today }, { ...ctx, maxPostingsPerPass: 0 });
}

function advanceTo(
  rule: RuleState,
  ctx: PlanContext,
  next: string | null,
  status: RuleStatus,
  rest: Pick<RuleAdvance, 'pauseUntil' | 'resumeOn' | 'lastDecided'>,
): RuleAdvance {
  if (status === 'completed') {
    return { nextOccurrence: next, nextRunAt: null, status, statusReason: `Posted ${rule.maxOccurrences} of ${rule.maxOccurrences} occurrences`, ...rest };
  }
  if (next === null) {
    return { nextOccurrence: null, nextRunAt: null, status: 'ended', statusReason: 'No occurrence left before the end date', ...rest };
  }
  if (status === 'paused') {
    const nextRunAt = rest.resumeOn ? startOfLocalDay(rest.resumeOn, ctx.timeZone) : null;
    return { nextOccurrence: next, nextRunAt, status, statusReason: null, ...rest };
  }
  return { nextOccurrence: next, nextRunAt: runAtFor(next, rule.createDaysAhead, ctx.timeZone), status, statusReason: null, ...rest };
}

function unchanged(rule: RuleState, ctx: PlanContext): RulePlan {
  const nextRunAt =
    rule.status === 'paused' && rule.resumeOn
      ? startOfLocalDay(rule.resumeOn, ctx.timeZone)
      : rule.status === 'active' && rule.nextOccurrence
        ? runAtFor(rule.nextOccurrence, rule.createDaysAhead, ctx.timeZone)
        : null;
  return {
    ruleId: rule.id,
    companyId: rule.companyId,
    postings: [],
    skips: [],
    advance: {
      nextOccurrence: rule.nextOccurrence,
      nextRunAt,
      status: rule.status,
      statusReason: null,
      pauseUntil: rule.pauseUntil,
      resumeOn: rule.resumeOn,
      lastDecided: null,
    },
  };
}
