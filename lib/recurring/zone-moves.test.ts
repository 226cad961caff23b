import { describe, expect, it } from 'vitest';
import { ACTIVE_RULE_TERMS } from './rule-fixtures';
import type { RuleRow } from './rule-state';
import { zoneChangeMoves, type MovableRule } from './zone-moves';

// What the company settings screen shows before a zone change is saved: each rule's next run now, and after. The
// re-plan keeps every date and moves only the instant its day starts; so must this.
//
//   2027-01-31 (Sun)  New York midnight = 05:00Z, Paris midnight = 2027-01-30 23:00Z
//   2027-03-14 (Sun)  New York springs forward at 02:00 (midnight still 05:00Z); Paris midnight = 2027-03-13 23:00Z
//   2027-03-28 (Sun)  Paris springs forward at 02:00 (midnight still 23:00Z the day before)

function rule(overrides: Partial<RuleRow>): MovableRule {
  return {
    id: 1,
    companyId: 'company',
    name: 'Studio rent',
    type: 'expense',
    cadence: 'monthly',
    startDate: '2027-01-31',
    endDate: null,
    intervalDays: null,
    weekday: null,
    intervalWeeks: null,
    intervalMonths: 1,
    dayOfMonth: 31,
    endOfMonth: false,
    nthWeek: null,
    nthWeekday: null,
    ...ACTIVE_RULE_TERMS,
    nextOccurrence: '2027-01-31',
    nextRunAt: new Date('2027-01-31T05:00:00Z'),
    occurrencesPosted: 0,
    consecutiveFailures: 0,
    lastError: null,
    ...overrides,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('zoneChangeMoves', () => {
  it('moves each next run to the start of the same date in the new zone', () => {
    const moves = zoneChangeMoves(
      [
        rule({}),
        rule({ id: 2, name: 'Payroll', nextOccurrence: '2027-03-14', nextRunAt: new Date('2027-03-14T05:00:00Z') }),
        rule({ id: 3, name: 'Ahead', nextOccurrence: '2027-03-30', createDaysAhead: 2, nextRunAt: new Date('2027-03-28T04:00:00Z') }),
      ],
      { today: '2027-01-20', timeZone: 'Europe/Paris' },
    );
    expect(moves.map((m) => [m.ruleId, m.name, m.nextOccurrence, iso(m.from), iso(m.to)])).toEqual([
      [1, 'Studio rent', '2027-01-31', '2027-01-31T05:00:00.000Z', '2027-01-30T23:00:00.000Z'],
      [2, 'Payroll', '2027-03-14', '2027-03-14T05:00:00.000Z', '2027-03-13T23:00:00.000Z'],
      // Decided two days ahead: the 28th, whose Paris midnight is still on winter time.
      [3, 'Ahead', '2027-03-30', '2027-03-28T04:00:00.000Z', '2027-03-27T23:00:00.000Z'],
    ]);
  });

  it('moves a paused rule’s resume date, and leaves one paused without a date where it is (it has no next run)', () => {
    const moves = zoneChangeMoves(
      [
        rule({ status: 'paused', statusReason: 'Paused until 2027-02-15', resumeOn: '2027-02-15', nextRunAt: new Date('2027-02-15T05:00:00Z') }),
        rule({ id: 2, status: 'paused', statusReason: 'Paused by hand', nextRunAt: null }),
      ],
      { today: '2027-01-20', timeZone: 'Asia/Kolkata' },
    );
    expect(moves.map((m) => [m.ruleId, iso(m.from), iso(m.to)])).toEqual([
      [1, '2027-02-15T05:00:00.000Z', '2027-02-14T18:30:00.000Z'],
      [2, null, null],
    ]);
  });

  it('answers in UTC for no zone, and derives a wake-up moved by hand again (as the re-plan does)', () => {
    const moves = zoneChangeMoves([rule({ nextRunAt: new Date('2027-01-25T12:00:00Z') })], { today: '2027-01-20', timeZone: undefined });
    expect(iso(moves[0]!.to)).toBe('2027-01-31T00:00:00.000Z');
  });
});
