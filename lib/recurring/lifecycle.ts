import { todayInZone } from '@/lib/dates/calendar-date';
import { notFound } from '@/lib/errors';
import { decideEdit } from './lifecycle-edit';
export { editReplans } from './lifecycle-edit';
import {
  decideCreate,
  decideDelete,
  decideDuplicates,
  decideFailure,
  decideForce,
  decideMoveWakeUp,
  decidePause,
  decideSetPauseUntil,
  decideSkipNext,
} from './lifecycle-events';
import { unchanged } from './lifecycle-decision';
import { decideResume, decideSweep } from './lifecycle-pass';
import type { Decision, EditedValues, LifecycleContext, LifecycleEvent, RuleState } from './lifecycle-types';

/**
 * The rule lifecycle: ONE pure function, `decide(rule, event, ctx)`, says what a rule becomes after an event (a
 * sweep, force, skip, pause, resume, edit, zone change, failure, delete…): its status and reason, its next
 * occurrence and wake-up, and which occurrences post and which are skipped, with their reasons. Every writer (the
 * sweep, the rule service, the failure writer, the zone re-plan) only applies its answer, so they cannot disagree.
 * It reads no clock and no database: "today" arrives in `ctx` (the company's local date by the database's clock).
 * lib/recurring/README.md ("States") is this function's table; lifecycle.test.ts checks it row by row.
 *
 * Its parts, each called by `decide` alone: the due pass of the sweep and resume (lifecycle-pass.ts), the single
 * events (lifecycle-events.ts), the edit (lifecycle-edit.ts), and the decisions they are built from
 * (lifecycle-decision.ts); what it reads and answers is in lifecycle-types.ts.
 */

export * from './lifecycle-types';
export { completedReason, DELETED_REASON, dueDateFor, ENDED_REASON } from './lifecycle-decision';

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
    case 'setPauseUntil':
      return decideSetPauseUntil(rule, event.pauseUntil, ctx);
    case 'moveWakeUp':
      return decideMoveWakeUp(rule, event.nextRunAt, ctx);
    case 'edit':
      return decideEdit(rule, event.values, event.lastOccurrence, event.catchUpPassed, ctx);
    case 'zoneChange':
      return unchanged(rule, ctx);
    case 'failure':
      return decideFailure(rule, event.message, event.dbNow, ctx);
    case 'duplicates':
      return decideDuplicates(rule, event.of, event.planned, event.written, ctx);
    case 'delete':
      return decideDelete(rule, ctx);
  }
}

/**
 * The context of a rule's decision at the database's `dbNow`: today in its company's zone (null: UTC).
 *
 * @example contextAt(new Date('2026-03-31T02:00:00Z'), 'America/New_York') // { today: '2026-03-30', timeZone: 'America/New_York' }
 */
export function contextAt(dbNow: Date, timeZone: string | null): LifecycleContext {
  const zone = timeZone ?? undefined;
  return { today: todayInZone(dbNow, zone), timeZone: zone };
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
