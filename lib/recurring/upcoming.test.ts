import { describe, expect, it } from 'vitest';
import { upcomingOccurrences } from './upcoming';

const base = {
  status: 'active' as const,
  maxOccurrences: null,
  occurrencesPosted: 0,
  pauseUntil: null,
  resumeOn: null,
  dueDate: null,
  dueDays: 30,
  createDaysAhead: 0,
};

const brief = (list: ReturnType<typeof upcomingOccurrences>) =>
  list.map((o) => [o.date, o.dueDate, o.runAt.toISOString(), o.skipReason, o.notes.join('; ')]);

describe('upcomingOccurrences', () => {
  it('lists Monthly on the 31st from 2027-01-31 with Net 30, its clamps named, at New York midnight', () => {
    const rule = { ...base, schedule: { cadence: 'monthly' as const, startDate: '2027-01-31' }, nextOccurrence: '2027-01-31' };
    expect(brief(upcomingOccurrences(rule, 4, 'America/New_York'))).toEqual([
      ['2027-01-31', '2027-03-02', '2027-01-31T05:00:00.000Z', null, ''],
      ['2027-02-28', '2027-03-30', '2027-02-28T05:00:00.000Z', null, '31st → Feb 28'],
      ['2027-03-31', '2027-04-30', '2027-03-31T04:00:00.000Z', null, ''],
      ['2027-04-30', '2027-05-30', '2027-04-30T04:00:00.000Z', null, '31st → Apr 30'],
    ]);
  });

  it('lists only what a maxOccurrences rule has left; dates its pauseUntil skips do not use up the maximum', () => {
    const rule = {
      ...base,
      dueDays: 0,
      schedule: { cadence: 'daily' as const, startDate: '2027-01-01' },
      nextOccurrence: '2027-01-03',
      maxOccurrences: 4,
      occurrencesPosted: 2,
      pauseUntil: '2027-01-04',
    };
    expect(upcomingOccurrences(rule, 10).map((o) => [o.date, o.skipReason])).toEqual([
      ['2027-01-03', 'pause_until'],
      ['2027-01-04', 'pause_until'],
      ['2027-01-05', null],
      ['2027-01-06', null],
    ]);
  });

  it('marks the dates a paused rule will skip before its resume date', () => {
    const rule = { ...base, status: 'paused' as const, resumeOn: '2027-01-03', schedule: { cadence: 'daily' as const, startDate: '2027-01-01' }, nextOccurrence: '2027-01-01' };
    expect(upcomingOccurrences(rule, 4).map((o) => o.skipReason)).toEqual(['paused', 'paused', null, null]);
  });

  it('says when the local day starts late, and runs days ahead of the date', () => {
    const rule = { ...base, dueDays: 0, createDaysAhead: 2, schedule: { cadence: 'daily' as const, startDate: '2024-09-09' }, nextOccurrence: '2024-09-09' };
    expect(brief(upcomingOccurrences(rule, 2, 'America/Santiago'))).toEqual([
      // Run on 2024-09-07 (00:00 -04 = 04:00Z); 2024-09-10's run day, 2024-09-08, starts at 01:00 (-03).
      ['2024-09-09', '2024-09-09', '2024-09-07T04:00:00.000Z', null, ''],
      ['2024-09-10', '2024-09-10', '2024-09-08T04:00:00.000Z', null, 'the day starts at 01:00 here'],
    ]);
  });

  it('is empty for a rule that has ended, completed or been deleted, and is bounded', () => {
    const daily = { cadence: 'daily' as const, startDate: '2027-01-01' };
    for (const status of ['ended', 'completed', 'deleted'] as const) {
      expect(upcomingOccurrences({ ...base, status, schedule: daily, nextOccurrence: '2027-01-01' }, 3)).toEqual([]);
    }
    expect(upcomingOccurrences({ ...base, schedule: daily, nextOccurrence: '2027-01-01' }, 1000)).toHaveLength(100);
    expect(upcomingOccurrences({ ...base, schedule: { ...daily, endDate: '2027-01-02' }, nextOccurrence: '2027-01-01' }, 5)).toHaveLength(2);
  });
});
