import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Schedule,
  firstOccurrence,
  nextOccurrence,
  occurrenceAtOrBefore,
  occurrences,
  occurrencesFrom,
} from './calendar';
import { describeSchedule } from './calendar-words';
import { CADENCES } from './constants';

// Written out by hand so expectations never come from the code under test.
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const LEAP_YEARS_2020S = new Set([2020, 2024, 2028]);
const pad = (n: number) => String(n).padStart(2, '0');

// Independent helpers for property tests: UTC Date arithmetic, which never depends on the process's TZ.
const MS_PER_DAY = 86_400_000;
const epochDayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
const dateOfEpochDay = (epochDay: number) => new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
const monthLengthOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const dayBefore = (date: string) => dateOfEpochDay(epochDayOf(date) - 1);

describe('monthly', () => {
  it('lands on every month end for ten years (endOfMonth, dayOfMonth 31, and a start on the 31st)', () => {
    const expected: string[] = [];
    for (let year = 2020; year <= 2029; year++) {
      MONTH_LENGTHS.forEach((length, i) => {
        const day = i === 1 && LEAP_YEARS_2020S.has(year) ? 29 : length;
        expected.push(`${year}-${pad(i + 1)}-${pad(day)}`);
      });
    }
    expect(expected).toHaveLength(120);

    const schedules: Schedule[] = [
      { cadence: 'monthly', startDate: '2020-01-31', endOfMonth: true },
      { cadence: 'monthly', startDate: '2020-01-31', dayOfMonth: 31 },
      { cadence: 'monthly', startDate: '2020-01-31' },
      { cadence: 'monthly', startDate: '2020-01-01', endOfMonth: true },
    ];
    for (const schedule of schedules) {
      expect(occurrences(schedule, '2020-01-01', '2029-12-31')).toEqual(expected);
    }
  });

  it('is anchored, never chained: Jan 31 → Feb 29 → Mar 31 → Apr 30', () => {
    const schedule: Schedule = { cadence: 'monthly', startDate: '2024-01-31' };
    expect(nextOccurrence(schedule, '2024-01-31')).toBe('2024-02-29');
    expect(nextOccurrence(schedule, '2024-02-29')).toBe('2024-03-31');
    expect(nextOccurrence(schedule, '2024-03-31')).toBe('2024-04-30');
    expect(nextOccurrence(schedule, '2024-04-30')).toBe('2024-05-31');
  });

  it('clamps day 30 and 29 in February only', () => {
    expect(occurrences({ cadence: 'monthly', startDate: '2023-01-30' }, '2023-01-01', '2023-04-30')).toEqual([
      '2023-01-30',
      '2023-02-28',
      '2023-03-30',
      '2023-04-30',
    ]);
    const day29: Schedule = { cadence: 'monthly', startDate: '2024-01-01', dayOfMonth: 29 };
    expect(occurrences(day29, '2024-01-01', '2024-03-31')).toEqual(['2024-01-29', '2024-02-29', '2024-03-29']);
  });

  it('skips a first period whose day is before the start date', () => {
    // Start Jan 20 with dayOfMonth 5: Jan 5 is before the start, so February is the first.
    const schedule: Schedule = { cadence: 'monthly', startDate: '2024-01-20', dayOfMonth: 5 };
    expect(firstOccurrence(schedule)).toBe('2024-02-05');
    expect(occurrences(schedule, '2024-01-01', '2024-03-31')).toEqual(['2024-02-05', '2024-03-05']);
    expect(occurrenceAtOrBefore(schedule, '2024-02-04')).toBeNull();
  });

  it('finds the last Friday in months with five and with four Fridays', () => {
    //      May 2024                 February 2024
    // Su Mo Tu We Th Fr Sa       Su Mo Tu We Th Fr Sa
    //           1  2  3  4                   1  2  3
    //  5  6  7  8  9 10 11        4  5  6  7  8  9 10
    // 12 13 14 15 16 17 18       11 12 13 14 15 16 17
    // 19 20 21 22 23 24 25       18 19 20 21 22 23 24
    // 26 27 28 29 30 31          25 26 27 28 29
    const schedule: Schedule = { cadence: 'monthly', startDate: '2024-01-01', nthWeek: 5, nthWeekday: 5 };
    expect(occurrences(schedule, '2024-01-01', '2024-06-30')).toEqual([
      '2024-01-26',
      '2024-02-23',
      '2024-03-29',
      '2024-04-26',
      '2024-05-31',
      '2024-06-28',
    ]);
  });

  it('finds the 1st to 4th weekday', () => {
    //     March 2024
    // Su Mo Tu We Th Fr Sa
    //                 1  2
    //  3  4  5  6  7  8  9
    // 10 11 12 13 14 15 16
    // 17 18 19 20 21 22 23
    // 24 25 26 27 28 29 30
    // 31
    const inMarch = (nthWeek: number, nthWeekday: number) =>
      nextOccurrence({ cadence: 'monthly', startDate: '2024-03-01', nthWeek, nthWeekday }, '2024-02-29');
    expect(inMarch(1, 5)).toBe('2024-03-01'); // 1st Friday is the 1st
    expect(inMarch(3, 5)).toBe('2024-03-15'); // 3rd Friday
    expect(inMarch(1, 4)).toBe('2024-03-07'); // 1st Thursday
    expect(inMarch(4, 0)).toBe('2024-03-24'); // 4th Sunday (of five)
    expect(inMarch(5, 0)).toBe('2024-03-31'); // last Sunday
    expect(inMarch(2, 1)).toBe('2024-03-11'); // 2nd Monday
  });

  it('runs quarterly on the 3rd Friday', () => {
    // Jan, Apr and Jul 2024 start on a Monday (3rd Friday = 19th); Oct 2024 starts on a Tuesday (18th).
    const schedule: Schedule = {
      cadence: 'monthly',
      startDate: '2024-01-01',
      intervalMonths: 3,
      nthWeek: 3,
      nthWeekday: 5,
    };
    expect(occurrences(schedule, '2024-01-01', '2025-01-31')).toEqual([
      '2024-01-19',
      '2024-04-19',
      '2024-07-19',
      '2024-10-18',
      '2025-01-17',
    ]);
  });

  it('runs quarterly on the 31st, clamped, counted from the start month', () => {
    const schedule: Schedule = { cadence: 'monthly', startDate: '2024-01-31', intervalMonths: 3, dayOfMonth: 31 };
    expect(occurrences(schedule, '2024-01-01', '2025-01-31')).toEqual([
      '2024-01-31',
      '2024-04-30',
      '2024-07-31',
      '2024-10-31',
      '2025-01-31',
    ]);
    expect(nextOccurrence(schedule, '2024-02-15')).toBe('2024-04-30');
    expect(nextOccurrence(schedule, '2024-04-30')).toBe('2024-07-31');
    expect(occurrenceAtOrBefore(schedule, '2024-07-30')).toBe('2024-04-30');
  });

  it('prefers endOfMonth, then dayOfMonth, then nthWeek', () => {
    const base = { cadence: 'monthly', startDate: '2024-03-01' } as const;
    const nth = { nthWeek: 1, nthWeekday: 1 };
    expect(firstOccurrence({ ...base, ...nth, endOfMonth: true, dayOfMonth: 10 })).toBe('2024-03-31');
    expect(firstOccurrence({ ...base, ...nth, endOfMonth: false, dayOfMonth: 10 })).toBe('2024-03-10');
    expect(firstOccurrence({ ...base, ...nth })).toBe('2024-03-04');
  });
});

describe('an incomplete nthWeek / nthWeekday pair (issue 9: the calendar threw instead of applying the precedence)', () => {
  // January 2024        February 2024       March 2024
  // Mo Tu We Th Fr Sa Su Mo Tu We Th Fr Sa Su Mo Tu We Th Fr Sa Su
  //  1  2  3  4  5  6  7           1  2  3  4              1  2  3
  //  8 …             14  5 …             11  4 …             10
  // 29 30 31             26 27 28 29         25 26 27 28 29 30 31
  const base = { cadence: 'monthly', startDate: '2024-01-31' } as const;

  it('endOfMonth wins over a lone nthWeek or nthWeekday', () => {
    expect(nextOccurrence({ ...base, endOfMonth: true, nthWeek: 2 }, '2024-01-31')).toBe('2024-02-29');
    expect(occurrences({ ...base, endOfMonth: true, nthWeekday: 1 }, '2024-01-01', '2024-03-31')).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
  });

  it('dayOfMonth wins over a lone nthWeek or nthWeekday', () => {
    const start = { cadence: 'monthly', startDate: '2024-01-15' } as const;
    expect(nextOccurrence({ ...start, dayOfMonth: 20, nthWeekday: 1 }, '2024-01-15')).toBe('2024-01-20');
    expect(occurrences({ ...start, dayOfMonth: 31, nthWeek: 5 }, '2024-01-01', '2024-03-31')).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
  });

  it("falls back to the start date's day, clamped, when only one of the pair is set", () => {
    for (const lone of [{ nthWeek: 1 }, { nthWeekday: 1 }, { nthWeek: 5, endOfMonth: false }]) {
      expect(nextOccurrence({ ...base, ...lone }, '2024-01-31'), JSON.stringify(lone)).toBe('2024-02-29');
      expect(occurrences({ ...base, ...lone }, '2024-01-01', '2024-04-30'), JSON.stringify(lone)).toEqual([
        '2024-01-31',
        '2024-02-29',
        '2024-03-31',
        '2024-04-30',
      ]);
    }
  });

  it('every public calendar function answers for it', () => {
    const lone: Schedule = { ...base, nthWeekday: 5, intervalMonths: 2 };
    expect(firstOccurrence(lone)).toBe('2024-01-31');
    expect(nextOccurrence(lone, '2024-01-31')).toBe('2024-03-31');
    expect(occurrenceAtOrBefore(lone, '2024-05-30')).toBe('2024-03-31');
    expect(occurrences(lone, '2024-02-01', '2024-07-31')).toEqual(['2024-03-31', '2024-05-31', '2024-07-31']);
    expect(describeSchedule(lone)).toBe('Every 2 months on the 31st, or the last day of shorter months');
  });

  it('still refuses a set value outside its range, whether or not it would win', () => {
    expect(() => nextOccurrence({ ...base, nthWeek: 6 }, '2024-01-31')).toThrow(RangeError);
    expect(() => nextOccurrence({ ...base, endOfMonth: true, nthWeekday: 7 }, '2024-01-31')).toThrow(RangeError);
  });
});

describe('annual', () => {
  it('posts a Feb 29 start on Feb 28 in common years: 2000 is leap, 2100 is not', () => {
    const schedule: Schedule = { cadence: 'annual', startDate: '1996-02-29' };
    expect(occurrences(schedule, '1996-01-01', '2001-12-31')).toEqual([
      '1996-02-29',
      '1997-02-28',
      '1998-02-28',
      '1999-02-28',
      '2000-02-29',
      '2001-02-28',
    ]);
    expect(occurrences(schedule, '2099-01-01', '2105-12-31')).toEqual([
      '2099-02-28',
      '2100-02-28',
      '2101-02-28',
      '2102-02-28',
      '2103-02-28',
      '2104-02-29',
      '2105-02-28',
    ]);
    expect(nextOccurrence(schedule, '2000-02-28')).toBe('2000-02-29');
    expect(nextOccurrence(schedule, '2100-02-27')).toBe('2100-02-28');
    expect(nextOccurrence(schedule, '2100-02-28')).toBe('2101-02-28');
  });

  it('keeps an ordinary date and ignores monthly fields', () => {
    const schedule: Schedule = { cadence: 'annual', startDate: '2024-07-15', dayOfMonth: 3, intervalMonths: 2 };
    expect(occurrences(schedule, '2024-01-01', '2026-12-31')).toEqual(['2024-07-15', '2025-07-15', '2026-07-15']);
  });
});

describe('weekly', () => {
  it('takes its phase from the first matching weekday on or after a mid-week start', () => {
    //     January 2024
    // Su Mo Tu We Th Fr Sa
    //     1  2 [3] 4  5  6      start: Wednesday 3rd
    //  7 (8) 9 10 11 12 13      first Monday on or after it: 8th
    // 14 15 16 17 18 19 20
    // 21(22)23 24 25 26 27      then every two weeks
    const schedule: Schedule = { cadence: 'weekly', startDate: '2024-01-03', weekday: 1, intervalWeeks: 2 };
    expect(firstOccurrence(schedule)).toBe('2024-01-08');
    expect(occurrences(schedule, '2024-01-01', '2024-03-10')).toEqual([
      '2024-01-08',
      '2024-01-22',
      '2024-02-05',
      '2024-02-19',
      '2024-03-04',
    ]);
    expect(nextOccurrence(schedule, '2024-01-08')).toBe('2024-01-22');
    expect(nextOccurrence(schedule, '2024-01-15')).toBe('2024-01-22');
    expect(occurrenceAtOrBefore(schedule, '2024-01-21')).toBe('2024-01-08');
  });

  it("defaults to the start date's weekday, the start being the first occurrence", () => {
    const schedule: Schedule = { cadence: 'weekly', startDate: '2024-02-29' }; // a Thursday
    expect(occurrences(schedule, '2024-02-01', '2024-03-21')).toEqual([
      '2024-02-29',
      '2024-03-07',
      '2024-03-14',
      '2024-03-21',
    ]);
  });
});

describe('daily', () => {
  it('steps every day by default', () => {
    expect(occurrences({ cadence: 'daily', startDate: '2024-02-27' }, '2024-02-26', '2024-03-02')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
    ]);
  });

  it('counts intervals from the start date', () => {
    const schedule: Schedule = { cadence: 'daily', startDate: '2024-02-27', intervalDays: 3 };
    expect(occurrences(schedule, '2024-02-01', '2024-03-10')).toEqual([
      '2024-02-27',
      '2024-03-01',
      '2024-03-04',
      '2024-03-07',
      '2024-03-10',
    ]);
    expect(nextOccurrence(schedule, '2024-02-27')).toBe('2024-03-01');
    expect(nextOccurrence(schedule, '2024-02-28')).toBe('2024-03-01');
  });
});

describe('endDate', () => {
  it('includes the end date and then stops', () => {
    const schedule: Schedule = { cadence: 'daily', startDate: '2024-01-01', endDate: '2024-01-05', intervalDays: 2 };
    expect(occurrences(schedule, '2023-01-01', '2025-01-01')).toEqual(['2024-01-01', '2024-01-03', '2024-01-05']);
    expect(nextOccurrence(schedule, '2024-01-04')).toBe('2024-01-05');
    expect(nextOccurrence(schedule, '2024-01-05')).toBeNull();
    expect(nextOccurrence(schedule, '2030-01-01')).toBeNull();
    expect(occurrenceAtOrBefore(schedule, '2030-01-01')).toBe('2024-01-05');
  });

  it('stops a monthly rule between occurrences', () => {
    const schedule: Schedule = { cadence: 'monthly', startDate: '2024-01-31', endDate: '2024-04-15' };
    expect(occurrences(schedule, '2024-01-01', '2024-12-31')).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    expect(nextOccurrence(schedule, '2024-03-31')).toBeNull();
    expect(occurrenceAtOrBefore(schedule, '2024-12-31')).toBe('2024-03-31');
  });

  it('has no occurrences when it ends before the first one', () => {
    const schedule: Schedule = { cadence: 'weekly', startDate: '2024-01-03', endDate: '2024-01-07', weekday: 1 };
    expect(firstOccurrence(schedule)).toBeNull();
    expect(occurrences(schedule, '2024-01-01', '2024-12-31')).toEqual([]);
  });

  it('treats null like unset, as database rows carry it', () => {
    const row = { cadence: 'monthly', startDate: '2024-01-31', endDate: null, dayOfMonth: null, nthWeek: null };
    const schedule = row as unknown as Schedule;
    expect(nextOccurrence(schedule, '2024-01-31')).toBe('2024-02-29');
  });
});

describe('nextOccurrence / occurrenceAtOrBefore edges', () => {
  it('never returns anything before the start date', () => {
    const schedule: Schedule = { cadence: 'monthly', startDate: '2024-05-15' };
    expect(nextOccurrence(schedule, '1990-01-01')).toBe('2024-05-15');
    expect(occurrenceAtOrBefore(schedule, '2024-05-14')).toBeNull();
    expect(occurrenceAtOrBefore(schedule, '2024-05-15')).toBe('2024-05-15');
  });

  it('ends every schedule on 9989-12-31, so that a due date 3650 days later can still be written (issue 9)', () => {
    expect(nextOccurrence({ cadence: 'daily', startDate: '0001-01-01' }, '9989-12-30')).toBe('9989-12-31');
    expect(nextOccurrence({ cadence: 'daily', startDate: '0001-01-01' }, '9989-12-31')).toBeNull();
    expect(nextOccurrence({ cadence: 'daily', startDate: '0001-01-01' }, '9999-12-31')).toBeNull();
    expect(nextOccurrence({ cadence: 'monthly', startDate: '2024-01-31' }, '9989-11-30')).toBe('9989-12-31');
    expect(nextOccurrence({ cadence: 'monthly', startDate: '2024-01-31' }, '9989-12-31')).toBeNull();
    expect(occurrences({ cadence: 'annual', startDate: '9985-06-30' }, '9985-01-01', '9999-12-31')).toEqual([
      '9985-06-30',
      '9986-06-30',
      '9987-06-30',
      '9988-06-30',
      '9989-06-30',
    ]);
    expect(occurrenceAtOrBefore({ cadence: 'daily', startDate: '9989-12-01' }, '9999-12-31')).toBe('9989-12-31');
    // A schedule that starts past the last date has no occurrence at all, rather than a date nothing can be due after.
    expect(firstOccurrence({ cadence: 'daily', startDate: '9990-01-01' })).toBeNull();
    expect(firstOccurrence({ cadence: 'monthly', startDate: '9989-12-20', dayOfMonth: 5 })).toBeNull();
  });
});

describe('a rule started 90 years ago', () => {
  it('jumps straight to the next occurrence, matching a recent window', () => {
    const monthEnd: Schedule = { cadence: 'monthly', startDate: '1936-01-31', endOfMonth: true };
    expect(nextOccurrence(monthEnd, '2026-02-10')).toBe('2026-02-28');
    expect(nextOccurrence(monthEnd, '2028-02-28')).toBe('2028-02-29');

    // 1936-01-06 was a Monday; 2026-01-05 is 32,872 days later = 2,348 fortnights, so it is on the schedule.
    const fortnightly: Schedule = { cadence: 'weekly', startDate: '1936-01-06', intervalWeeks: 2 };
    expect(nextOccurrence(fortnightly, '2026-01-01')).toBe('2026-01-05');
    expect(nextOccurrence(fortnightly, '2026-01-05')).toBe('2026-01-19');

    const schedules: Schedule[] = [
      monthEnd,
      fortnightly,
      { cadence: 'daily', startDate: '1936-03-01', intervalDays: 7 },
      { cadence: 'monthly', startDate: '1936-05-31', intervalMonths: 3 },
      { cadence: 'monthly', startDate: '1936-01-01', nthWeek: 5, nthWeekday: 5 },
      { cadence: 'annual', startDate: '1936-02-29' },
    ];
    for (const schedule of schedules) {
      const window = occurrences(schedule, '2025-01-01', '2027-12-31');
      expect(window.length).toBeGreaterThan(0);
      let cursor = '2024-12-31';
      for (const expected of window) {
        const next = nextOccurrence(schedule, cursor);
        expect(next).toBe(expected);
        cursor = expected;
      }
      expect(occurrenceAtOrBefore(schedule, '2027-12-31')).toBe(window.at(-1));
    }
  });
});

describe('occurrencesFrom', () => {
  it('gives the next few dates from a day, fewer once the schedule ends, and nothing past 9989-12-31', () => {
    expect(occurrencesFrom({ cadence: 'monthly', startDate: '2024-01-31' }, '2024-02-01', 3)).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
    expect(occurrencesFrom({ cadence: 'weekly', startDate: '2024-01-03', weekday: 1 }, '2023-06-01', 2)).toEqual([
      '2024-01-08',
      '2024-01-15',
    ]);
    expect(occurrencesFrom({ cadence: 'daily', startDate: '2024-01-01', endDate: '2024-01-02' }, '2024-01-01', 3)).toEqual([
      '2024-01-01',
      '2024-01-02',
    ]);
    expect(occurrencesFrom({ cadence: 'daily', startDate: '9989-12-30' }, '9989-12-30', 3)).toEqual([
      '9989-12-30',
      '9989-12-31',
    ]);
    expect(occurrencesFrom({ cadence: 'monthly', startDate: '9989-12-31', intervalMonths: 120 }, '9999-12-31', 3)).toEqual([]);
    expect(occurrencesFrom({ cadence: 'daily', startDate: '2024-01-01' }, '2024-01-01', 0)).toEqual([]);
    expect(() => occurrencesFrom({ cadence: 'daily', startDate: '2024-01-01' }, '2024-01-01', 100_001)).toThrow(RangeError);
  });

  it('equals walking nextOccurrence from the day before', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 40 }), ({ schedule, from }, count) => {
        const walked: string[] = [];
        for (let d = nextOccurrence(schedule, dayBefore(from)); d !== null && walked.length < count; d = nextOccurrence(schedule, d)) {
          walked.push(d);
        }
        expect(occurrencesFrom(schedule, from, count)).toEqual(walked);
      }),
      { numRuns: 300 },
    );
  });
});

describe('occurrences bounds', () => {
  it('returns nothing for a reversed range', () => {
    expect(occurrences({ cadence: 'daily', startDate: '2024-01-01' }, '2024-02-01', '2024-01-01')).toEqual([]);
  });

  it('throws rather than expand more than 100,000 dates', () => {
    const daily: Schedule = { cadence: 'daily', startDate: '0001-01-01' };
    expect(() => occurrences(daily, '0001-01-01', '9999-12-31')).toThrow(RangeError);
    const daysAfter2000 = (days: number) => dateOfEpochDay(epochDayOf('2000-01-01') + days);
    expect(occurrences(daily, '2000-01-01', daysAfter2000(99_999))).toHaveLength(100_000);
    expect(() => occurrences(daily, '2000-01-01', daysAfter2000(100_000))).toThrow(RangeError);
  });
});

describe('schedule validation', () => {
  const invalid: Array<[string, Schedule]> = [
    ['unknown cadence', { cadence: 'hourly', startDate: '2024-01-01' } as unknown as Schedule],
    ['bad start date', { cadence: 'daily', startDate: '2024-02-30' }],
    ['bad end date', { cadence: 'daily', startDate: '2024-01-01', endDate: '2024-13-01' }],
    ['intervalDays 0', { cadence: 'daily', startDate: '2024-01-01', intervalDays: 0 }],
    ['intervalDays 1.5', { cadence: 'daily', startDate: '2024-01-01', intervalDays: 1.5 }],
    ['weekday 7', { cadence: 'weekly', startDate: '2024-01-01', weekday: 7 }],
    ['intervalWeeks -1', { cadence: 'weekly', startDate: '2024-01-01', intervalWeeks: -1 }],
    ['intervalMonths 0', { cadence: 'monthly', startDate: '2024-01-01', intervalMonths: 0 }],
    ['dayOfMonth 32', { cadence: 'monthly', startDate: '2024-01-01', dayOfMonth: 32 }],
    ['dayOfMonth 0', { cadence: 'monthly', startDate: '2024-01-01', dayOfMonth: 0 }],
    ['nthWeek 6', { cadence: 'monthly', startDate: '2024-01-01', nthWeek: 6, nthWeekday: 1 }],
    ['nthWeek 6 without its weekday', { cadence: 'monthly', startDate: '2024-01-01', nthWeek: 6 }],
    ['nthWeekday 7 behind dayOfMonth', { cadence: 'monthly', startDate: '2024-01-01', dayOfMonth: 3, nthWeekday: 7 }],
    [
      'dayOfMonth 40 behind endOfMonth',
      { cadence: 'monthly', startDate: '2024-01-01', endOfMonth: true, dayOfMonth: 40 },
    ],
    ['intervalMonths 2.5', { cadence: 'monthly', startDate: '2024-01-01', intervalMonths: 2.5 }],
  ];
  it.each(invalid)('rejects %s', (_, schedule) => {
    expect(() => nextOccurrence(schedule, '2024-01-01')).toThrow(RangeError);
  });

  it('rejects invalid dates passed as arguments', () => {
    const schedule: Schedule = { cadence: 'daily', startDate: '2024-01-01' };
    expect(() => nextOccurrence(schedule, '2024-1-1')).toThrow(RangeError);
    expect(() => occurrences(schedule, '2024-01-01', 'tomorrow')).toThrow(RangeError);
    expect(() => occurrenceAtOrBefore(schedule, '2023-02-29')).toThrow(RangeError);
  });
});

describe('describeSchedule', () => {
  // The words an accountant reads in the rule list and the editor: natural, and saying what a short month does.
  it.each<[Schedule, string]>([
    [{ cadence: 'daily', startDate: '2024-01-01' }, 'Daily'],
    [{ cadence: 'daily', startDate: '2024-01-01', intervalDays: 2 }, 'Every 2 days'],
    [{ cadence: 'daily', startDate: '2024-01-01', intervalDays: 3 }, 'Every 3 days'],
    [{ cadence: 'weekly', startDate: '2024-01-01' }, 'Weekly on Monday'],
    [{ cadence: 'weekly', startDate: '2024-01-01', weekday: 1, intervalWeeks: 2 }, 'Every 2 weeks on Monday'],
    [{ cadence: 'weekly', startDate: '2024-01-01', weekday: 5, intervalWeeks: 2 }, 'Every 2 weeks on Friday'],
    [{ cadence: 'monthly', startDate: '2024-01-31', dayOfMonth: 31 }, 'Monthly on the 31st, or the last day of shorter months'],
    [{ cadence: 'monthly', startDate: '2024-01-31' }, 'Monthly on the 31st, or the last day of shorter months'],
    [{ cadence: 'monthly', startDate: '2024-01-29' }, 'Monthly on the 29th, or the last day of shorter months'],
    [{ cadence: 'monthly', startDate: '2024-01-15' }, 'Monthly on the 15th'],
    [{ cadence: 'monthly', startDate: '2024-01-01', dayOfMonth: 2 }, 'Monthly on the 2nd'],
    [{ cadence: 'monthly', startDate: '2024-01-01', dayOfMonth: 23 }, 'Monthly on the 23rd'],
    [{ cadence: 'monthly', startDate: '2024-01-01', dayOfMonth: 11 }, 'Monthly on the 11th'],
    [{ cadence: 'monthly', startDate: '2024-01-01', endOfMonth: true }, 'Monthly on the last day'],
    [{ cadence: 'monthly', startDate: '2024-01-01', nthWeek: 5, nthWeekday: 5 }, 'Monthly on the last Friday'],
    [
      { cadence: 'monthly', startDate: '2024-01-01', intervalMonths: 3, nthWeek: 3, nthWeekday: 5 },
      'Every 3 months on the 3rd Friday',
    ],
    [{ cadence: 'monthly', startDate: '2024-01-01', nthWeek: 1, nthWeekday: 0 }, 'Monthly on the 1st Sunday'],
    [{ cadence: 'monthly', startDate: '2024-01-01', intervalMonths: 12, dayOfMonth: 1 }, 'Every 12 months on the 1st'],
    [{ cadence: 'monthly', startDate: '2024-01-01', intervalMonths: 2, endOfMonth: true }, 'Every 2 months on the last day'],
    [{ cadence: 'annual', startDate: '2024-02-29' }, 'Yearly on Feb 29 (Feb 28 in common years)'],
    [{ cadence: 'annual', startDate: '2024-12-05' }, 'Yearly on Dec 5'],
  ])('%j → %s', (schedule, text) => {
    expect(describeSchedule(schedule)).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const dateArb = (min: string, max: string) =>
  fc.integer({ min: epochDayOf(min), max: epochDayOf(max) }).map(dateOfEpochDay);

const scheduleArb: fc.Arbitrary<Schedule> = fc.oneof(
  fc.record({
    cadence: fc.constant('daily' as const),
    startDate: dateArb('1900-01-01', '2100-12-31'),
    intervalDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
  }),
  fc.record({
    cadence: fc.constant('weekly' as const),
    startDate: dateArb('1900-01-01', '2100-12-31'),
    weekday: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    intervalWeeks: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  }),
  fc.record({
    cadence: fc.constant('monthly' as const),
    startDate: dateArb('1900-01-01', '2100-12-31'),
    intervalMonths: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
    endOfMonth: fc.option(fc.boolean(), { nil: undefined }),
    dayOfMonth: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
    // Either half of the pair may come alone: the calendar answers for every schedule its type can hold.
    nthWeek: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    nthWeekday: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  }),
  fc.record({ cadence: fc.constant('annual' as const), startDate: dateArb('1900-01-01', '2100-12-31') }),
);

/** A schedule, maybe an end date, and a window that may start before, during or after the schedule. */
const caseArb = fc
  .tuple(
    scheduleArb,
    fc.integer({ min: -800, max: 6000 }),
    fc.integer({ min: 0, max: 1500 }),
    fc.option(fc.integer({ min: 0, max: 4000 })),
  )
  .map(([schedule, fromOffset, length, endOffset]) => {
    const startDay = epochDayOf(schedule.startDate);
    const from = dateOfEpochDay(startDay + fromOffset);
    const to = dateOfEpochDay(startDay + fromOffset + length);
    const withEnd: Schedule =
      endOffset === null ? schedule : { ...schedule, endDate: dateOfEpochDay(startDay + endOffset) };
    return { schedule: withEnd, from, to };
  });

describe('properties', () => {
  it('occurrences are strictly increasing, in range, and within start and end', () => {
    fc.assert(
      fc.property(caseArb, ({ schedule, from, to }) => {
        const dates = occurrences(schedule, from, to);
        for (let i = 1; i < dates.length; i++) expect(dates[i - 1]! < dates[i]!).toBe(true);
        for (const date of dates) {
          expect(date >= from && date <= to).toBe(true);
          expect(date >= schedule.startDate).toBe(true);
          if (schedule.endDate) expect(date <= schedule.endDate).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('occurrences(a, b) equals walking nextOccurrence from the day before a', () => {
    fc.assert(
      fc.property(caseArb, ({ schedule, from, to }) => {
        const walked: string[] = [];
        let cursor = dayBefore(from);
        for (let next = nextOccurrence(schedule, cursor); next !== null && next <= to; ) {
          // Guards the walk itself: a nextOccurrence that stood still would otherwise loop forever.
          expect(next > cursor).toBe(true);
          walked.push(next);
          cursor = next;
          next = nextOccurrence(schedule, cursor);
        }
        expect(occurrences(schedule, from, to)).toEqual(walked);
      }),
      { numRuns: 300 },
    );
  });

  it('occurrenceAtOrBefore is the last occurrence up to a date', () => {
    fc.assert(
      fc.property(caseArb, ({ schedule, to }) => {
        const atOrBefore = occurrenceAtOrBefore(schedule, to);
        const next = nextOccurrence(schedule, to);
        if (atOrBefore === null) {
          expect(firstOccurrence(schedule) === null || firstOccurrence(schedule)! > to).toBe(true);
        } else {
          expect(atOrBefore <= to).toBe(true);
          // Nothing lies strictly between it and `to`: the next one after it is `next` or past `to`.
          const following = nextOccurrence(schedule, atOrBefore);
          expect(following === null || following > to).toBe(true);
        }
        if (next !== null) expect(next > to).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('monthly dayOfMonth never drifts: every date has day min(d, month length), one per month', () => {
    fc.assert(
      fc.property(
        dateArb('1900-01-01', '2100-12-31'),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 2000 }),
        (startDate, dayOfMonth, fromOffset) => {
          const schedule: Schedule = { cadence: 'monthly', startDate, dayOfMonth };
          const from = dateOfEpochDay(epochDayOf(startDate) + fromOffset);
          const to = dateOfEpochDay(epochDayOf(from) + 3 * 366);
          const dates = occurrences(schedule, from, to);
          const seenMonths = new Set<string>();
          for (const date of dates) {
            const [year, month, day] = date.split('-').map(Number) as [number, number, number];
            expect(day).toBe(Math.min(dayOfMonth, monthLengthOf(year, month)));
            seenMonths.add(date.slice(0, 7));
          }
          expect(seenMonths.size).toBe(dates.length);
          // Every month strictly after the start month and the `from` month, up to the `to` month, is covered once.
          const firstFull = [startDate.slice(0, 7), from.slice(0, 7)].sort().at(-1)!;
          for (let d = epochDayOf(`${firstFull}-01`); dateOfEpochDay(d).slice(0, 7) < to.slice(0, 7); d += 28) {
            const month = dateOfEpochDay(d).slice(0, 7);
            if (month > firstFull) expect(seenMonths.has(month), month).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('weekly: exactly one occurrence per block of intervalWeeks ISO weeks, on the weekday', () => {
    fc.assert(
      fc.property(
        dateArb('1900-01-01', '2100-12-31'),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 3000 }),
        (startDate, weekday, intervalWeeks, fromOffset) => {
          const schedule: Schedule = { cadence: 'weekly', startDate, weekday, intervalWeeks };
          const first = firstOccurrence(schedule)!;
          // ISO weeks start on Monday; 1970-01-01 was a Thursday, so Monday-based week = floor((epochDay + 3) / 7).
          const isoWeek = (date: string) => Math.floor((epochDayOf(date) + 3) / 7);
          const block = (date: string) => Math.floor((isoWeek(date) - isoWeek(first)) / intervalWeeks);
          const from = dateOfEpochDay(epochDayOf(startDate) + fromOffset);
          const to = dateOfEpochDay(epochDayOf(from) + 7 * intervalWeeks * 6);
          const dates = occurrences(schedule, from, to);
          for (const date of dates) expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(weekday);
          const blocks = dates.map(block);
          expect(new Set(blocks).size).toBe(blocks.length);
          // The blocks lying wholly inside [from, to] and after the first occurrence each have one.
          const firstWholeBlock = Math.max(0, Math.ceil((isoWeek(from) - isoWeek(first)) / intervalWeeks) + 1);
          const lastWholeBlock = block(to) - 1;
          for (let b = firstWholeBlock; b <= lastWholeBlock; b++) expect(blocks).toContain(b);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('daily: consecutive occurrences are exactly intervalDays apart, from the start date', () => {
    fc.assert(
      fc.property(
        dateArb('1900-01-01', '2100-12-31'),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 5000 }),
        (startDate, intervalDays, fromOffset) => {
          const schedule: Schedule = { cadence: 'daily', startDate, intervalDays };
          const from = dateOfEpochDay(epochDayOf(startDate) + fromOffset);
          const dates = occurrences(schedule, from, dateOfEpochDay(epochDayOf(from) + 400)).map(epochDayOf);
          for (const day of dates) expect((day - epochDayOf(startDate)) % intervalDays).toBe(0);
          for (let i = 1; i < dates.length; i++) expect(dates[i]! - dates[i - 1]!).toBe(intervalDays);
        },
      ),
    );
  });


  it('annual: one per year on the start month, the day clamped', () => {
    fc.assert(
      fc.property(dateArb('1900-01-01', '2100-12-31'), (startDate) => {
        const [startYear, startMonth, startDay] = startDate.split('-').map(Number) as [number, number, number];
        const dates = occurrences({ cadence: 'annual', startDate }, startDate, `${startYear + 11}-12-31`);
        expect(dates).toEqual(
          Array.from({ length: 12 }, (_, i) => {
            const year = startYear + i;
            return `${year}-${pad(startMonth)}-${pad(Math.min(startDay, monthLengthOf(year, startMonth)))}`;
          }),
        );
      }),
    );
  });

  it('every cadence is covered by the arbitrary', () => {
    const seen = new Set(fc.sample(scheduleArb, 200).map((s) => s.cadence));
    expect([...seen].sort()).toEqual([...CADENCES].sort());
  });
});
