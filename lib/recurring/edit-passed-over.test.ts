import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/dates/calendar-date';
import { occurrences, type Schedule } from './calendar';
import { decide, editReplans, passedOverByEdit, type LifecycleContext, type RuleState } from './lifecycle';
import { ACTIVE_RULE_TERMS, editOf } from './rule-fixtures';

// What the editor warns about before an edit is saved: the already-due dates the edit passes over (recorded as
// skipped for `edited`, or posted when the person ticks "post them instead"). It must be exactly what the save
// records, so `passedOverByEdit` asks `decide` itself; these cases pin its answers with exact dates.
//
//        January–March 2027
//   Jan: Fri 1 … Fri 15 … Sun 31      A monthly rule on the 1st, decided up to Jan 1 (posted), its Feb 1 and Mar 1
//   Feb: Mon 1 … Mon 15 … Sun 28      still undecided (the sweep has not run), moved to the 15th on Sat Mar 20.
//   Mar: Mon 1 … Mon 15 … Sat 20

const TODAY = '2027-03-20';
const CTX: LifecycleContext = { today: TODAY, timeZone: 'America/New_York' };

function monthlyOnThe1st(overrides: Partial<RuleState> = {}): RuleState {
  return {
    id: 12,
    companyId: 'company',
    type: 'invoice',
    schedule: { cadence: 'monthly', startDate: '2026-11-01', dayOfMonth: 1 },
    ...ACTIVE_RULE_TERMS,
    nextOccurrence: '2027-02-01',
    occurrencesPosted: 3,
    consecutiveFailures: 0,
    lastError: null,
    ...overrides,
  };
}

describe('passedOverByEdit', () => {
  it('lists the edited schedule’s dates after the last decided one and before today: moving the 1st to the 15th on Mar 20', () => {
    const rule = monthlyOnThe1st();
    const values = editOf(rule, { schedule: { ...rule.schedule, dayOfMonth: 15 } });
    expect(passedOverByEdit(rule, values, '2027-01-01', CTX)).toEqual(['2027-01-15', '2027-02-15', '2027-03-15']);
    expect(editReplans(rule, values)).toBe(true);
  });

  it('is what the save records as skipped for `edited`, and what "post them instead" posts', () => {
    const rule = monthlyOnThe1st();
    const values = editOf(rule, { schedule: { ...rule.schedule, dayOfMonth: 15 } });
    const saved = decide(rule, { kind: 'edit', values, lastOccurrence: '2027-01-01', catchUpPassed: false }, CTX);
    expect(saved.skips).toEqual([
      { occurrenceDate: '2027-01-15', reason: 'edited' },
      { occurrenceDate: '2027-02-15', reason: 'edited' },
      { occurrenceDate: '2027-03-15', reason: 'edited' },
    ]);
    const posted = decide(rule, { kind: 'edit', values, lastOccurrence: '2027-01-01', catchUpPassed: true }, CTX);
    expect(posted.postings).toEqual([
      { occurrenceDate: '2027-01-15', dueDate: '2027-02-14' },
      { occurrenceDate: '2027-02-15', dueDate: '2027-03-17' },
      { occurrenceDate: '2027-03-15', dueDate: '2027-04-14' },
    ]);
    expect(saved.nextOccurrence).toBe('2027-04-15');
  });

  it('passes over nothing when the schedule stays: an amount or due-terms edit leaves overdue dates to the catch-up policy', () => {
    const rule = monthlyOnThe1st();
    const values = editOf(rule, { dueDays: 14 });
    expect(editReplans(rule, values)).toBe(false);
    expect(passedOverByEdit(rule, values, '2027-01-01', CTX)).toEqual([]);
  });

  it('passes over nothing when the edited schedule starts after today', () => {
    const rule = monthlyOnThe1st();
    const values = editOf(rule, { schedule: { cadence: 'monthly', startDate: '2027-04-01', dayOfMonth: 31 } });
    expect(passedOverByEdit(rule, values, '2027-01-01', CTX)).toEqual([]);
  });

  it('never lists today: today’s date is still the sweep’s to post', () => {
    // Weekly on Saturday from Sat Jan 2: Sat Mar 20 is today.
    const rule = monthlyOnThe1st();
    const values = editOf(rule, { schedule: { cadence: 'weekly', startDate: '2027-01-02', weekday: 6, intervalWeeks: 1 } });
    const saturdays = ['2027-01-02', '2027-01-09', '2027-01-16', '2027-01-23', '2027-01-30', '2027-02-06', '2027-02-13', '2027-02-20', '2027-02-27', '2027-03-06', '2027-03-13'];
    expect(passedOverByEdit(rule, values, '2027-01-01', CTX)).toEqual(saturdays);
    const saved = decide(rule, { kind: 'edit', values, lastOccurrence: '2027-01-01', catchUpPassed: false }, CTX);
    expect(saved.nextOccurrence).toBe('2027-03-20');
  });

  it('lists the dates a paused rule’s new schedule passes over (the save records them as `edited` too)', () => {
    const rule = monthlyOnThe1st({ status: 'paused', statusReason: 'Paused by hand' });
    const values = editOf(rule, { schedule: { ...rule.schedule, dayOfMonth: undefined, endOfMonth: true } });
    expect(passedOverByEdit(rule, values, '2027-01-01', CTX)).toEqual(['2027-01-31', '2027-02-28']);
  });

  it('lists the dates between for an ended rule whose end date is extended, from its last decided date', () => {
    const rule = monthlyOnThe1st({
      status: 'ended',
      statusReason: 'No occurrence left before the end date',
      schedule: { cadence: 'monthly', startDate: '2026-11-01', dayOfMonth: 1, endDate: '2027-01-31' },
      nextOccurrence: null,
    });
    const values = editOf(rule, { schedule: { ...rule.schedule, endDate: null } });
    expect(editReplans(rule, values)).toBe(true);
    expect(passedOverByEdit(rule, values, '2027-01-01', CTX)).toEqual(['2027-02-01', '2027-03-01']);
  });

  it('lists from the first occurrence for a rule that never decided a date', () => {
    const rule = monthlyOnThe1st({ nextOccurrence: '2026-11-01', occurrencesPosted: 0 });
    const values = editOf(rule, { schedule: { cadence: 'monthly', startDate: '2027-01-31', dayOfMonth: 31 } });
    expect(passedOverByEdit(rule, values, null, CTX)).toEqual(['2027-01-31', '2027-02-28']);
  });

  it('agrees with the dates "post them instead" would post, for any schedule moved on any day', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-01-01', n));
    const schedule: fc.Arbitrary<Schedule> = fc.oneof(
      fc.record({ cadence: fc.constant('daily' as const), startDate: day, intervalDays: fc.integer({ min: 1, max: 9 }) }),
      fc.record({ cadence: fc.constant('weekly' as const), startDate: day, weekday: fc.integer({ min: 0, max: 6 }), intervalWeeks: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ cadence: fc.constant('monthly' as const), startDate: day, dayOfMonth: fc.integer({ min: 1, max: 31 }) }),
      fc.record({ cadence: fc.constant('monthly' as const), startDate: day, nthWeek: fc.integer({ min: 1, max: 5 }), nthWeekday: fc.integer({ min: 0, max: 6 }) }),
    );
    fc.assert(
      fc.property(schedule, schedule, day, fc.integer({ min: 1, max: 200 }), (before, after, last, ahead) => {
        const today = addDays(last, ahead);
        const ctx: LifecycleContext = { today, timeZone: 'Europe/Paris' };
        const rule = monthlyOnThe1st({ schedule: before, nextOccurrence: addDays(last, 1) });
        const values = editOf(rule, { schedule: after });
        const passed = passedOverByEdit(rule, values, last, ctx);
        const posted = decide(rule, { kind: 'edit', values, lastOccurrence: last, catchUpPassed: true }, ctx).postings.map((p) => p.occurrenceDate);
        // A reference without the engine's loop: the new schedule's dates after `last`, up to yesterday.
        const expected = editReplans(rule, values) ? occurrences(after, addDays(last, 1), addDays(today, -1)) : [];
        expect(passed).toEqual(expected);
        expect(posted).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
