import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import type { RuleStatus } from './constants';
import {
  completedReason,
  decide,
  DELETED_REASON,
  ENDED_REASON,
  SWEEP,
  ZONE_CHANGE,
  type Decision,
  type LifecycleContext,
  type LifecycleEvent,
  type RuleState,
} from './lifecycle';
import { editOf } from './rule-fixtures';

// The lifecycle's table is the "States" table of README.md: this file reads it and runs one case per row, for
// every state in its "from" column, and checks that the README and the cases name the same rows.
//
//        March 2026 (New York: EDT from Sunday the 8th)
//   Su Mo Tu We Th Fr Sa
//    1  2  3  4  5  6  7      The rules are daily from the 1st; today is Tuesday the 10th. An active rule has
//    8  9 10 11 12 13 14      decided up to the 7th (7 posted) and has the 8th, 9th and 10th due.

const TODAY = '2026-03-10';
const NEW_YORK: LifecycleContext = { today: TODAY, timeZone: 'America/New_York' };
const DB_NOW = new Date('2026-03-10T15:00:00Z');
/** The last date the rules decided (their `last_occurrence`), which an edit's passed-over dates follow. */
const LAST = '2026-03-07';
const REVIEW = 'More than 400 occurrences would post at once (from 2026-03-08). Nothing was posted: check the rule, then resume it.';

const REASON_OF: Record<RuleStatus, string | null> = {
  active: null,
  paused: 'Paused by hand',
  ended: ENDED_REASON,
  completed: completedReason(7),
  needs_review: REVIEW,
  deleted: DELETED_REASON,
};

/** A daily rule from 1 March in `status`, as the database would hold it on 10 March. */
function ruleIn(status: RuleStatus, overrides: Partial<RuleState> = {}): RuleState {
  return {
    id: 7,
    companyId: 'company',
    type: 'expense',
    schedule: status === 'ended' ? { cadence: 'daily', startDate: '2026-03-01', endDate: '2026-03-07' } : { cadence: 'daily', startDate: '2026-03-01' },
    maxOccurrences: status === 'completed' ? 7 : null,
    dueDays: 0,
    dueDate: null,
    createDaysAhead: 0,
    catchUp: 'all',
    status,
    statusReason: REASON_OF[status],
    pauseUntil: null,
    resumeOn: null,
    nextOccurrence: status === 'ended' ? null : '2026-03-08',
    occurrencesPosted: 7,
    consecutiveFailures: 0,
    lastError: null,
    ...overrides,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const dates = (d: Decision) => ({ posted: d.postings.map((p) => p.occurrenceDate), skipped: d.skips.map((s) => `${s.occurrenceDate}:${s.reason}`) });
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal, the event was decided');
};

/**
 * One case per README row. `run` decides the row's event for a rule in `from` (each state of the row's "from"
 * column; 'new' for a rule not saved yet) and checks what else happens; the README's "to" column is checked by
 * the loop below on the decision it returns (a refusal returns the error).
 */
type Case = (from: RuleStatus | 'new') => Decision | AppError;

const CASES: Record<string, Case> = {
  '(new) | create': () => {
    const d = decide(ruleIn('active', { nextOccurrence: null, occurrencesPosted: 0 }), { kind: 'create' }, NEW_YORK);
    expect({ next: d.nextOccurrence, runAt: iso(d.nextRunAt), ...dates(d) }).toEqual({ next: '2026-03-01', runAt: '2026-03-01T05:00:00.000Z', posted: [], skipped: [] });
    return d;
  },
  '(new) | create with no occurrence between start and end': () => {
    // Mondays from Tuesday the 3rd to Thursday the 5th: none.
    const rule = ruleIn('active', { schedule: { cadence: 'weekly', weekday: 1, startDate: '2026-03-03', endDate: '2026-03-05' }, nextOccurrence: null });
    const error = refusal(() => decide(rule, { kind: 'create' }, NEW_YORK));
    expect(error.fieldErrors).toEqual({ endDate: ['No occurrence falls between the start and end dates'] });
    return error;
  },
  '`active` | sweep: occurrences due': () => {
    const d = decide(ruleIn('active'), SWEEP, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, runAt: iso(d.nextRunAt), last: d.lastDecided, reason: d.statusReason }).toEqual({
      posted: ['2026-03-08', '2026-03-09', '2026-03-10'],
      skipped: [],
      next: '2026-03-11',
      runAt: '2026-03-11T04:00:00.000Z', // 00:00 EDT
      last: '2026-03-10',
      reason: null,
    });
    // The policies: latest posts the 10th and skips the rest; none posts today's only.
    expect(dates(decide(ruleIn('active', { catchUp: 'latest' }), SWEEP, NEW_YORK))).toEqual({ posted: ['2026-03-10'], skipped: ['2026-03-08:catch_up_latest', '2026-03-09:catch_up_latest'] });
    expect(dates(decide(ruleIn('active', { catchUp: 'none' }), SWEEP, NEW_YORK))).toEqual({ posted: ['2026-03-10'], skipped: ['2026-03-08:catch_up_none', '2026-03-09:catch_up_none'] });
    // Per-pass caps: what is left is due at once.
    const capped = decide(ruleIn('active', { catchUp: 'none' }), SWEEP, { ...NEW_YORK, maxSkipsPerPass: 1 });
    expect({ ...dates(capped), next: capped.nextOccurrence, runAt: iso(capped.nextRunAt) }).toEqual({ posted: [], skipped: ['2026-03-08:catch_up_none'], next: '2026-03-09', runAt: '2026-03-09T04:00:00.000Z' });
    const few = decide(ruleIn('active'), SWEEP, { ...NEW_YORK, maxPostingsPerPass: 2 });
    expect({ ...dates(few), next: few.nextOccurrence, status: few.status }).toEqual({ posted: ['2026-03-08', '2026-03-09'], skipped: [], next: '2026-03-10', status: 'active' });
    return d;
  },
  '`active` | sweep: the next occurrence would pass `endDate`': () => {
    const d = decide(ruleIn('active', { schedule: { cadence: 'daily', startDate: '2026-03-01', endDate: '2026-03-09' } }), SWEEP, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, runAt: d.nextRunAt, reason: d.statusReason }).toEqual({ posted: ['2026-03-08', '2026-03-09'], skipped: [], next: null, runAt: null, reason: ENDED_REASON });
    return d;
  },
  '`active` | sweep: `maxOccurrences` posted': () => {
    const d = decide(ruleIn('active', { maxOccurrences: 8 }), SWEEP, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, runAt: d.nextRunAt, reason: d.statusReason }).toEqual({ posted: ['2026-03-08'], skipped: [], next: '2026-03-09', runAt: null, reason: 'Reached the maximum of 8 occurrences' });
    return d;
  },
  '`active` | sweep: more than 400 dates the policy would post': () => {
    const gap = { schedule: { cadence: 'daily' as const, startDate: '2025-01-01' }, nextOccurrence: '2025-01-01', occurrencesPosted: 0 };
    const d = decide(ruleIn('active', gap), SWEEP, NEW_YORK);
    const review = 'More than 400 occurrences would post at once (from 2025-01-01). Nothing was posted: check the rule, then resume it.';
    expect({ ...dates(d), next: d.nextOccurrence, runAt: d.nextRunAt, review: d.review, reason: d.statusReason }).toEqual({ posted: [], skipped: [], next: '2025-01-01', runAt: null, review, reason: review });
    // Skipped dates do not count: with catch-up none the same gap is 433 skips and today's posting.
    const none = decide(ruleIn('active', { ...gap, catchUp: 'none' }), SWEEP, NEW_YORK);
    expect({ status: none.status, posted: dates(none).posted, skips: none.skips.length, first: none.skips[0] }).toEqual({
      status: 'active',
      posted: ['2026-03-10'],
      skips: 433,
      first: { occurrenceDate: '2025-01-01', reason: 'catch_up_none' },
    });
    // Nor do dates beyond the maximum: 10 left to post is plausible.
    expect(decide(ruleIn('active', { ...gap, maxOccurrences: 10 }), SWEEP, NEW_YORK)).toMatchObject({ status: 'completed', nextOccurrence: '2025-01-11' });
    return d;
  },
  '`active` | sweep: nothing due yet': () => {
    const d = decide(ruleIn('active', { nextOccurrence: '2026-03-12' }), SWEEP, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, runAt: iso(d.nextRunAt), last: d.lastDecided }).toEqual({ posted: [], skipped: [], next: '2026-03-12', runAt: '2026-03-12T04:00:00.000Z', last: null });
    return d;
  },
  '`paused` | sweep: `resumeOn` has come': () => {
    const d = decide(ruleIn('paused', { resumeOn: '2026-03-09', statusReason: 'Paused until 2026-03-09' }), SWEEP, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, resumeOn: d.resumeOn, reason: d.statusReason }).toEqual({
      posted: ['2026-03-09', '2026-03-10'],
      skipped: ['2026-03-08:paused'],
      next: '2026-03-11',
      resumeOn: null,
      reason: null,
    });
    return d;
  },
  '`paused` | sweep: before `resumeOn`, or without one': () => {
    const d = decide(ruleIn('paused', { resumeOn: '2026-03-12', statusReason: 'Paused until 2026-03-12' }), SWEEP, NEW_YORK);
    expect({ ...dates(d), runAt: iso(d.nextRunAt), reason: d.statusReason }).toEqual({ posted: [], skipped: [], runAt: '2026-03-12T04:00:00.000Z', reason: 'Paused until 2026-03-12' });
    expect(decide(ruleIn('paused'), SWEEP, NEW_YORK)).toMatchObject({ status: 'paused', nextRunAt: null, postings: [], skips: [], statusReason: 'Paused by hand' });
    return d;
  },
  '`deleted` | sweep': () => {
    const d = decide(ruleIn('deleted'), SWEEP, NEW_YORK);
    expect({ ...dates(d), runAt: d.nextRunAt }).toEqual({ posted: [], skipped: [], runAt: null });
    return d;
  },
  '`active`, `paused` | force': (from) => {
    const d = decide(ruleIn(from as RuleStatus), { kind: 'force' }, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, reason: d.statusReason }).toEqual({ posted: ['2026-03-08'], skipped: [], next: '2026-03-09', reason: REASON_OF[from as RuleStatus] });
    expect(decide(ruleIn(from as RuleStatus, { maxOccurrences: 8 }), { kind: 'force' }, NEW_YORK)).toMatchObject({ status: 'completed', nextRunAt: null });
    return d;
  },
  '`active`, `paused` | skip next': (from) => {
    const d = decide(ruleIn(from as RuleStatus), { kind: 'skipNext' }, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence }).toEqual({ posted: [], skipped: ['2026-03-08:skipped_by_user'], next: '2026-03-09' });
    const last = ruleIn(from as RuleStatus, { schedule: { cadence: 'daily', startDate: '2026-03-01', endDate: '2026-03-08' } });
    expect(decide(last, { kind: 'skipNext' }, NEW_YORK)).toMatchObject({ status: 'ended', nextOccurrence: null, nextRunAt: null });
    return d;
  },
  '`ended`, `completed`, `needs_review` | force, skip next, set pauseUntil': (from) => {
    const rule = ruleIn(from as RuleStatus);
    const messages = [{ kind: 'force' }, { kind: 'skipNext' }, { kind: 'setPauseUntil', pauseUntil: '2026-03-20' }].map((e) => refusal(() => decide(rule, e as LifecycleEvent, NEW_YORK)).message);
    expect(messages).toEqual(Array(3).fill(`This rule is ${from.replace('_', ' ')}: nothing is left to post`));
    return refusal(() => decide(rule, { kind: 'force' }, NEW_YORK));
  },
  '`active`, `paused` | pause (optionally until `resumeOn`)': (from) => {
    const until = decide(ruleIn(from as RuleStatus), { kind: 'pause', resumeOn: '2026-03-15' }, NEW_YORK);
    expect({ reason: until.statusReason, resumeOn: until.resumeOn, runAt: iso(until.nextRunAt) }).toEqual({ reason: 'Paused until 2026-03-15', resumeOn: '2026-03-15', runAt: '2026-03-15T04:00:00.000Z' });
    const d = decide(ruleIn(from as RuleStatus), { kind: 'pause', resumeOn: null }, NEW_YORK);
    expect({ reason: d.statusReason, resumeOn: d.resumeOn, runAt: d.nextRunAt, next: d.nextOccurrence, ...dates(d) }).toEqual({ reason: 'Paused by hand', resumeOn: null, runAt: null, next: '2026-03-08', posted: [], skipped: [] });
    return d;
  },
  '`ended`, `completed`, `needs_review` | pause': (from) => {
    const error = refusal(() => decide(ruleIn(from as RuleStatus), { kind: 'pause', resumeOn: null }, NEW_YORK));
    expect(error.message).toBe(`A rule that is ${from.replace('_', ' ')} cannot be paused`);
    return error;
  },
  '`paused`, `needs_review` | resume': (from) => {
    const d = decide(ruleIn(from as RuleStatus), { kind: 'resume' }, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, runAt: iso(d.nextRunAt), resumeOn: d.resumeOn, reason: d.statusReason }).toEqual({
      posted: [], // today's posts at the sweep
      skipped: ['2026-03-08:paused', '2026-03-09:paused'],
      next: '2026-03-10',
      runAt: '2026-03-10T04:00:00.000Z',
      resumeOn: null,
      reason: null,
    });
    // A long pause: one pass records what it may; resume_on marks the rest, due at once.
    const long = decide(ruleIn(from as RuleStatus), { kind: 'resume' }, { ...NEW_YORK, maxSkipsPerPass: 1 });
    expect({ status: long.status, ...dates(long), next: long.nextOccurrence, runAt: iso(long.nextRunAt), resumeOn: long.resumeOn }).toEqual({
      status: 'active',
      posted: [],
      skipped: ['2026-03-08:paused'],
      next: '2026-03-09',
      runAt: '2026-03-09T04:00:00.000Z',
      resumeOn: TODAY,
    });
    const rest = decide({ ...ruleIn('active'), nextOccurrence: '2026-03-09', resumeOn: TODAY }, SWEEP, NEW_YORK);
    expect({ ...dates(rest), resumeOn: rest.resumeOn }).toEqual({ posted: ['2026-03-10'], skipped: ['2026-03-09:paused'], resumeOn: null });
    // Nothing left: ended.
    const over = ruleIn(from as RuleStatus, { schedule: { cadence: 'daily', startDate: '2026-03-01', endDate: '2026-03-09' } });
    expect(decide(over, { kind: 'resume' }, NEW_YORK)).toMatchObject({ status: 'ended', nextOccurrence: null, nextRunAt: null });
    return d;
  },
  '`active`, `ended`, `completed` | resume': (from) => {
    const error = refusal(() => decide(ruleIn(from as RuleStatus), { kind: 'resume' }, NEW_YORK));
    expect(error.message).toBe(`Only a paused rule can be resumed; this one is ${from}`);
    return error;
  },
  '`active`, `paused` | set pauseUntil': (from) => {
    const d = decide(ruleIn(from as RuleStatus), { kind: 'setPauseUntil', pauseUntil: '2026-03-09' }, NEW_YORK);
    expect({ pauseUntil: d.pauseUntil, next: d.nextOccurrence, keepsWakeUp: d.keepNextRunAt, ...dates(d) }).toEqual({ pauseUntil: '2026-03-09', next: '2026-03-08', keepsWakeUp: true, posted: [], skipped: [] });
    if (from === 'active') expect(dates(decide({ ...ruleIn('active'), pauseUntil: '2026-03-09' }, SWEEP, NEW_YORK))).toEqual({ posted: ['2026-03-10'], skipped: ['2026-03-08:pause_until', '2026-03-09:pause_until'] });
    return d;
  },
  '`active` | move the wake-up': () => {
    const d = decide(ruleIn('active'), { kind: 'moveWakeUp', nextRunAt: new Date('2026-03-10T16:00:00Z') }, NEW_YORK);
    expect({ runAt: iso(d.nextRunAt), next: d.nextOccurrence }).toEqual({ runAt: '2026-03-10T16:00:00.000Z', next: '2026-03-08' });
    return d;
  },
  '`paused`, `ended`, `completed`, `needs_review` | move the wake-up': (from) => {
    const error = refusal(() => decide(ruleIn(from as RuleStatus), { kind: 'moveWakeUp', nextRunAt: DB_NOW }, NEW_YORK));
    expect(error.message).toBe('Only an active rule has a next run to move');
    return error;
  },
  '`active` | edit: no schedule change': () => {
    const rule = ruleIn('active', { consecutiveFailures: 2, lastError: 'Its vendor was deleted' });
    const d = decide(rule, { kind: 'edit', values: editOf(rule, { createDaysAhead: 2 }), lastOccurrence: LAST, catchUpPassed: false }, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, runAt: iso(d.nextRunAt), failures: d.consecutiveFailures, lastError: d.lastError }).toEqual({
      posted: [],
      skipped: [],
      next: '2026-03-08',
      runAt: '2026-03-06T05:00:00.000Z', // two days ahead of the 8th
      failures: 0,
      lastError: null,
    });
    return d;
  },
  '`active` | edit: schedule changed': () => {
    // Every other day from the 1st (1, 3, 5, 7, 9, 11…): the 9th is passed over, the 11th is next.
    const rule = ruleIn('active');
    const values = editOf(rule, { schedule: { cadence: 'daily', startDate: '2026-03-01', intervalDays: 2 } });
    const d = decide(rule, { kind: 'edit', values, lastOccurrence: LAST, catchUpPassed: false }, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, runAt: iso(d.nextRunAt), last: d.lastDecided }).toEqual({ posted: [], skipped: ['2026-03-09:edited'], next: '2026-03-11', runAt: '2026-03-11T04:00:00.000Z', last: '2026-03-09' });
    const chosen = decide(rule, { kind: 'edit', values, lastOccurrence: LAST, catchUpPassed: true }, NEW_YORK);
    expect({ ...dates(chosen), next: chosen.nextOccurrence, status: chosen.status }).toEqual({ posted: ['2026-03-09'], skipped: [], next: '2026-03-11', status: 'active' });
    // Nothing already decided is passed over again: the last decided date bounds it.
    const ahead = decide(ruleIn('active', { nextOccurrence: '2026-03-13' }), { kind: 'edit', values, lastOccurrence: '2026-03-12', catchUpPassed: false }, NEW_YORK);
    expect({ ...dates(ahead), next: ahead.nextOccurrence }).toEqual({ posted: [], skipped: [], next: '2026-03-13' });
    return d;
  },
  '`active` | edit: `maxOccurrences` down to what is posted': () => {
    const rule = ruleIn('active');
    const d = decide(rule, { kind: 'edit', values: editOf(rule, { maxOccurrences: 7 }), lastOccurrence: LAST, catchUpPassed: false }, NEW_YORK);
    expect({ ...dates(d), runAt: d.nextRunAt, reason: d.statusReason }).toEqual({ posted: [], skipped: [], runAt: null, reason: completedReason(7) });
    return d;
  },
  '`ended`, `completed` | edit: extends `endDate` or raises `maxOccurrences`': (from) => {
    const rule = ruleIn(from as RuleStatus);
    const values = from === 'ended' ? editOf(rule, { schedule: { cadence: 'daily', startDate: '2026-03-01', endDate: '2026-03-31' } }) : editOf(rule, { maxOccurrences: 20 });
    const d = decide(rule, { kind: 'edit', values, lastOccurrence: LAST, catchUpPassed: false }, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, runAt: iso(d.nextRunAt), reason: d.statusReason }).toEqual({
      posted: [],
      skipped: ['2026-03-08:edited', '2026-03-09:edited'],
      next: '2026-03-10',
      runAt: '2026-03-10T04:00:00.000Z',
      reason: null,
    });
    // Posting the dates between is a choice made at the edit, even under catch-up none.
    const chosen = decide({ ...rule, catchUp: 'none' }, { kind: 'edit', values: { ...values, catchUp: 'none' }, lastOccurrence: LAST, catchUpPassed: true }, NEW_YORK);
    expect({ ...dates(chosen), next: chosen.nextOccurrence }).toEqual({ posted: ['2026-03-08', '2026-03-09'], skipped: [], next: '2026-03-10' });
    return d;
  },
  '`paused`, `needs_review` | edit: schedule changed': (from) => {
    const rule = ruleIn(from as RuleStatus);
    const values = editOf(rule, { schedule: { cadence: 'daily', startDate: '2026-03-01', intervalDays: 2 } });
    const d = decide(rule, { kind: 'edit', values, lastOccurrence: LAST, catchUpPassed: false }, NEW_YORK);
    expect({ ...dates(d), next: d.nextOccurrence, runAt: d.nextRunAt, reason: d.statusReason }).toEqual({ posted: [], skipped: ['2026-03-09:edited'], next: '2026-03-11', runAt: null, reason: REASON_OF[from as RuleStatus] });
    const error = refusal(() => decide(rule, { kind: 'edit', values, lastOccurrence: LAST, catchUpPassed: true }, NEW_YORK));
    expect(error.fieldErrors).toEqual({ catchUpPassed: [`A ${from.replace('_', ' ')} rule posts nothing: resume it first`] });
    return d;
  },
  '`active`, `paused` | zone change': (from) => {
    const tokyo = { ...NEW_YORK, timeZone: 'Asia/Tokyo' };
    const rule = ruleIn(from as RuleStatus, from === 'paused' ? { resumeOn: '2026-03-15' } : {});
    const d = decide(rule, ZONE_CHANGE, tokyo);
    expect({ runAt: iso(d.nextRunAt), next: d.nextOccurrence, ...dates(d) }).toEqual({
      runAt: from === 'paused' ? '2026-03-14T15:00:00.000Z' : '2026-03-07T15:00:00.000Z', // 00:00 JST
      next: '2026-03-08',
      posted: [],
      skipped: [],
    });
    return d;
  },
  '`active` | failure, first or second in a row': () => {
    const d = decide(ruleIn('active', { consecutiveFailures: 1 }), { kind: 'failure', message: 'boom', dbNow: DB_NOW }, NEW_YORK);
    expect({ failure: d.failure, failures: d.consecutiveFailures, lastError: d.lastError, runAt: iso(d.nextRunAt), paused: d.pausedAfterFailures }).toEqual({
      failure: 'boom',
      failures: 2,
      lastError: 'boom',
      runAt: '2026-03-10T15:01:00.000Z',
      paused: false,
    });
    // Retried no sooner than its next occurrence's own time.
    const later = decide(ruleIn('active', { nextOccurrence: '2026-03-12' }), { kind: 'failure', message: 'boom', dbNow: DB_NOW }, NEW_YORK);
    expect(iso(later.nextRunAt)).toBe('2026-03-12T04:00:00.000Z');
    return d;
  },
  '`paused` | failure, first or second in a row, while resuming on `resumeOn`': () => {
    const d = decide(ruleIn('paused', { resumeOn: '2026-03-09' }), { kind: 'failure', message: 'boom', dbNow: DB_NOW }, NEW_YORK);
    expect({ failures: d.consecutiveFailures, runAt: iso(d.nextRunAt), resumeOn: d.resumeOn }).toEqual({ failures: 1, runAt: '2026-03-10T15:01:00.000Z', resumeOn: '2026-03-09' });
    return d;
  },
  '`active`, `paused` | failure, third in a row (a paused rule: while resuming)': (from) => {
    const rule = ruleIn(from as RuleStatus, { consecutiveFailures: 2, ...(from === 'paused' ? { resumeOn: '2026-03-09' } : {}) });
    const d = decide(rule, { kind: 'failure', message: 'boom', dbNow: DB_NOW }, NEW_YORK);
    expect({ reason: d.statusReason, failures: d.consecutiveFailures, runAt: d.nextRunAt, resumeOn: d.resumeOn, paused: d.pausedAfterFailures }).toEqual({
      reason: 'Paused after 3 failed attempts: boom',
      failures: 3,
      runAt: null,
      resumeOn: null,
      paused: true,
    });
    return d;
  },
  '`paused`, `ended`, `completed`, `needs_review` | failure of a rule changed meanwhile (a paused one: by hand)': (from) => {
    const d = decide(ruleIn(from as RuleStatus), { kind: 'failure', message: 'boom', dbNow: DB_NOW }, NEW_YORK);
    expect({ failure: d.failure, failures: d.consecutiveFailures, runAt: d.nextRunAt, reason: d.statusReason, paused: d.pausedAfterFailures }).toEqual({
      failure: 'boom',
      failures: 1,
      runAt: null,
      reason: REASON_OF[from as RuleStatus],
      paused: false,
    });
    return d;
  },
  '`deleted` | failure': () => {
    const d = decide(ruleIn('deleted', { consecutiveFailures: 2 }), { kind: 'failure', message: 'boom', dbNow: DB_NOW }, NEW_YORK);
    expect({ failure: d.failure, failures: d.consecutiveFailures, runAt: d.nextRunAt, reason: d.statusReason }).toEqual({ failure: null, failures: 2, runAt: null, reason: DELETED_REASON });
    return d;
  },
  '`active`, `paused` | duplicates: planned postings had been posted before': (from) => {
    // Max 8 with 7 posted: the plan completes with the 8th, but the 8th had been posted (and counted) already.
    const rule = ruleIn(from as RuleStatus, { maxOccurrences: 8 });
    const of = from === 'active' ? 'sweep' : 'force';
    const planned = decide(rule, { kind: of }, NEW_YORK);
    expect(planned.status).toBe('completed');
    const d = decide(rule, { kind: 'duplicates', of, planned, written: 0 }, NEW_YORK);
    expect({ next: d.nextOccurrence, runAt: iso(d.nextRunAt), reason: d.statusReason }).toEqual({
      next: '2026-03-09',
      runAt: from === 'active' ? '2026-03-09T04:00:00.000Z' : null,
      reason: REASON_OF[from as RuleStatus],
    });
    // Written after all: the completion stands.
    expect(decide(rule, { kind: 'duplicates', of, planned, written: 1 }, NEW_YORK)).toBe(planned);
    return d;
  },
  '`active`, `paused`, `ended`, `completed`, `needs_review` | delete': (from) => {
    const d = decide(ruleIn(from as RuleStatus), { kind: 'delete' }, NEW_YORK);
    expect({ reason: d.statusReason, runAt: d.nextRunAt, ...dates(d) }).toEqual({ reason: DELETED_REASON, runAt: null, posted: [], skipped: [] });
    return d;
  },
  '`deleted` | any other event': () => {
    const rule = ruleIn('deleted');
    const values = editOf(rule);
    const events: LifecycleEvent[] = [
      { kind: 'create' },
      { kind: 'force' },
      { kind: 'skipNext' },
      { kind: 'pause', resumeOn: null },
      { kind: 'resume' },
      { kind: 'setPauseUntil', pauseUntil: null },
      { kind: 'moveWakeUp', nextRunAt: DB_NOW },
      { kind: 'edit', values, lastOccurrence: LAST, catchUpPassed: false },
      ZONE_CHANGE,
      { kind: 'delete' },
    ];
    expect(events.map((e) => refusal(() => decide(rule, e, NEW_YORK)).code)).toEqual(Array(events.length).fill('not_found'));
    return refusal(() => decide(rule, { kind: 'delete' }, NEW_YORK));
  },
};

interface Row {
  from: string;
  event: string;
  to: string;
}

/** The rows of the table under "## States" in README.md. */
function readmeRows(): Row[] {
  const readme = fs.readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('\n## States'));
  const lines = section.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| from | event | to |'));
  const rows: Row[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [from, event, to] = line.split('|').slice(1, 4).map((c) => c.trim()) as [string, string, string];
    rows.push({ from, event, to });
  }
  return rows;
}

/** The states a "from" cell lists: each `state` in it, or 'new'. */
function statesOf(from: string): (RuleStatus | 'new')[] {
  if (from === '(new)') return ['new'];
  return [...from.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] as RuleStatus);
}

const ROWS = readmeRows();

describe('the lifecycle table of README.md', () => {
  it('has a case for every row and a row for every case', () => {
    expect(ROWS.length).toBeGreaterThan(30);
    expect(ROWS.map((r) => `${r.from} | ${r.event}`).sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(ROWS)('$from | $event → $to', (row) => {
    it.each(statesOf(row.from))('from %s', (from) => {
      const run = CASES[`${row.from} | ${row.event}`];
      if (!run) throw new Error(`no case for the README row "${row.from} | ${row.event}"`);
      const result = run(from);
      if (row.to === 'refused') {
        expect(result).toBeInstanceOf(AppError);
        return;
      }
      expect(result).not.toBeInstanceOf(AppError);
      const expected = row.to === 'same' ? from : /^`([a-z_]+)`$/.exec(row.to)?.[1];
      expect((result as Decision).status).toBe(expected);
    });
  });
});
