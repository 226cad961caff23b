/**
 * The calendar against a deliberately simple reference: walk day by day and ask of each day "is this an
 * occurrence?", with the documented precedence spelled out as plain ifs. The reference shares nothing with the code
 * under test: it reads calendar fields from UTC `Date`s (whose UTC getters never depend on the process's TZ) and
 * knows nothing of periods, anchors or indexes, so a mistake in the arithmetic of `calendar.ts` cannot hide in it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Schedule, firstOccurrence, nextOccurrence, occurrenceAtOrBefore, occurrences } from './calendar';

const MS_PER_DAY = 86_400_000;
// The last day a schedule can fall on: a due date up to 3650 days later must still be a four-digit date
// (see lib/dates/calendar-date.ts). Written out here, not imported, so the reference does not lean on the code.
const LAST_SCHEDULED_DAY = '9989-12-31';
const LAST_WRITABLE_DAY = '9999-12-31';

type Fields = { year: number; month: number; day: number; weekday: number };

const dayNumberOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
const dateOfDayNumber = (n: number) => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
function fieldsOf(n: number): Fields {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}
function monthLength(year: number, month: number): number {
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** The day of the month a monthly schedule picks, by its documented precedence: first match wins. */
function monthlyDay(schedule: Schedule, year: number, month: number): number {
  const length = monthLength(year, month);
  if (schedule.endOfMonth === true) return length;
  if (schedule.dayOfMonth !== undefined) return Math.min(schedule.dayOfMonth, length);
  if (schedule.nthWeek !== undefined && schedule.nthWeekday !== undefined) {
    const first = new Date(0);
    first.setUTCFullYear(year, month - 1, 1);
    const weekdayOfFirst = first.getUTCDay();
    const matching: number[] = [];
    for (let day = 1; day <= length; day++) {
      if ((weekdayOfFirst + day - 1) % 7 === schedule.nthWeekday) matching.push(day);
    }
    return schedule.nthWeek === 5 ? matching[matching.length - 1]! : matching[schedule.nthWeek - 1]!;
  }
  return Math.min(fieldsOf(dayNumberOf(schedule.startDate)).day, length);
}

/** Whether day `n` is an occurrence of `schedule`, decided from the day alone. */
function isOccurrence(schedule: Schedule, n: number): boolean {
  const start = dayNumberOf(schedule.startDate);
  if (n < start || n > dayNumberOf(LAST_SCHEDULED_DAY)) return false;
  if (schedule.endDate && n > dayNumberOf(schedule.endDate)) return false;
  const s = fieldsOf(start);
  const d = fieldsOf(n);
  switch (schedule.cadence) {
    case 'daily':
      return (n - start) % (schedule.intervalDays ?? 1) === 0;
    case 'weekly': {
      const weekday = schedule.weekday ?? s.weekday;
      if (d.weekday !== weekday) return false;
      let first = start;
      while (fieldsOf(first).weekday !== weekday) first += 1;
      return ((n - first) / 7) % (schedule.intervalWeeks ?? 1) === 0;
    }
    case 'monthly': {
      const monthsSinceStart = (d.year - s.year) * 12 + (d.month - s.month);
      return monthsSinceStart % (schedule.intervalMonths ?? 1) === 0 && d.day === monthlyDay(schedule, d.year, d.month);
    }
    case 'annual':
      return d.month === s.month && d.day === Math.min(s.day, monthLength(d.year, d.month));
  }
}

/** An upper bound on the days between two consecutive occurrences, and from the start to the first. */
function maxGapDays(schedule: Schedule): number {
  switch (schedule.cadence) {
    case 'daily':
      return schedule.intervalDays ?? 1;
    case 'weekly':
      return 7 * (schedule.intervalWeeks ?? 1) + 7;
    case 'monthly':
      return 31 * ((schedule.intervalMonths ?? 1) + 1);
    case 'annual':
      return 31 * 13;
  }
}

const LAST_DAY_NUMBER = dayNumberOf(LAST_WRITABLE_DAY);

function referenceNext(schedule: Schedule, after: string): string | null {
  const from = dayNumberOf(after) + 1;
  // Past this, nothing was found because nothing is left: the walk has covered more than one full gap.
  const limit = Math.min(Math.max(from, dayNumberOf(schedule.startDate)) + maxGapDays(schedule) + 1, LAST_DAY_NUMBER);
  for (let n = from; n <= limit; n++) if (isOccurrence(schedule, n)) return dateOfDayNumber(n);
  return null;
}

function referenceAtOrBefore(schedule: Schedule, date: string): string | null {
  // Walk back from the last day that can still be one; past one full gap back, there is none.
  let last = Math.min(dayNumberOf(date), dayNumberOf(LAST_SCHEDULED_DAY));
  if (schedule.endDate) last = Math.min(last, dayNumberOf(schedule.endDate));
  const limit = Math.max(dayNumberOf(schedule.startDate), last - maxGapDays(schedule) - 1);
  for (let n = last; n >= limit; n--) if (isOccurrence(schedule, n)) return dateOfDayNumber(n);
  return null;
}

function referenceOccurrences(schedule: Schedule, from: string, to: string): string[] {
  const dates: string[] = [];
  for (let n = dayNumberOf(from); n <= dayNumberOf(to); n++) if (isOccurrence(schedule, n)) dates.push(dateOfDayNumber(n));
  return dates;
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

const clampToWritable = (n: number) => Math.min(n, LAST_DAY_NUMBER);

/** A date between two years, with the 29th–31st (and month ends) far more often than chance would give them. */
const dateArb = (minYear: number, maxYear: number) =>
  fc
    .record({
      year: fc.integer({ min: minYear, max: maxYear }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.constantFrom(29, 30, 31)),
    })
    .map(({ year, month, day }) => {
      const clamped = Math.min(day, monthLength(year, month));
      return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
    });

/** Mostly ordinary years; sometimes the last decade the calendar schedules into. */
const startDateArb = fc.oneof({ arbitrary: dateArb(1900, 2100), weight: 9 }, { arbitrary: dateArb(9980, 9989), weight: 1 });

/** An end date on or after the start (or none, or null as a database row carries it). */
const withEndDate = <S extends Schedule>(arb: fc.Arbitrary<S>): fc.Arbitrary<Schedule> =>
  fc
    .tuple(arb, fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: 0, max: 4000 })))
    .map(([schedule, endOffset]) =>
      typeof endOffset === 'number'
        ? { ...schedule, endDate: dateOfDayNumber(clampToWritable(dayNumberOf(schedule.startDate) + endOffset)) }
        : endOffset === null
          ? { ...schedule, endDate: null }
          : schedule,
    );

/**
 * Monthly schedules with any subset of endOfMonth / dayOfMonth / nthWeek / nthWeekday: each key may be missing,
 * undefined or set, so incomplete pairs and every precedence overlap occur.
 */
const monthlyArb: fc.Arbitrary<Schedule> = withEndDate(
  fc.record(
    {
      cadence: fc.constant('monthly' as const),
      startDate: startDateArb,
      intervalMonths: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
      endOfMonth: fc.option(fc.boolean(), { nil: undefined }),
      dayOfMonth: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
      nthWeek: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      nthWeekday: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    },
    { requiredKeys: ['cadence', 'startDate'] },
  ),
);

const otherCadencesArb: fc.Arbitrary<Schedule> = withEndDate(
  fc.oneof(
    fc.record(
      {
        cadence: fc.constant('daily' as const),
        startDate: startDateArb,
        intervalDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      },
      { requiredKeys: ['cadence', 'startDate'] },
    ),
    fc.record(
      {
        cadence: fc.constant('weekly' as const),
        startDate: startDateArb,
        weekday: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        intervalWeeks: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
      },
      { requiredKeys: ['cadence', 'startDate'] },
    ),
    // Monthly options on an annual schedule are ignored, incomplete pair or not.
    fc.record(
      {
        cadence: fc.constant('annual' as const),
        startDate: startDateArb,
        dayOfMonth: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
        nthWeek: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      },
      { requiredKeys: ['cadence', 'startDate'] },
    ),
  ),
);

/** A schedule and a day to ask about: before the start, inside it, or years later. */
const withDay = (arb: fc.Arbitrary<Schedule>) =>
  fc.tuple(arb, fc.integer({ min: -400, max: 5000 })).map(([schedule, offset]) => ({
    schedule,
    day: dateOfDayNumber(clampToWritable(dayNumberOf(schedule.startDate) + offset)),
  }));

/** A schedule and a window of up to about four years. */
const withWindow = (arb: fc.Arbitrary<Schedule>) =>
  fc
    .tuple(arb, fc.integer({ min: -400, max: 5000 }), fc.integer({ min: 0, max: 1500 }))
    .map(([schedule, offset, length]) => {
      const from = clampToWritable(dayNumberOf(schedule.startDate) + offset);
      return { schedule, from: dateOfDayNumber(from), to: dateOfDayNumber(clampToWritable(from + length)) };
    });

// ---------------------------------------------------------------------------------------------------------------

describe.each([
  ['monthly schedules with any subset of endOfMonth, dayOfMonth, nthWeek and nthWeekday', monthlyArb],
  ['daily, weekly and annual schedules', otherCadencesArb],
])('%s equal a day-by-day reference of the precedence', (_, arb) => {
  it('nextOccurrence', () => {
    fc.assert(
      fc.property(withDay(arb), ({ schedule, day }) => {
        expect(nextOccurrence(schedule, day)).toBe(referenceNext(schedule, day));
      }),
      { numRuns: 600 },
    );
  });

  it('occurrences', () => {
    fc.assert(
      fc.property(withWindow(arb), ({ schedule, from, to }) => {
        expect(occurrences(schedule, from, to)).toEqual(referenceOccurrences(schedule, from, to));
      }),
      { numRuns: 300 },
    );
  });

  it('firstOccurrence and occurrenceAtOrBefore', () => {
    fc.assert(
      fc.property(withDay(arb), ({ schedule, day }) => {
        expect(firstOccurrence(schedule)).toBe(referenceNext(schedule, dateOfDayNumber(dayNumberOf(schedule.startDate) - 1)));
        expect(occurrenceAtOrBefore(schedule, day)).toBe(referenceAtOrBefore(schedule, day));
      }),
      { numRuns: 600 },
    );
  });
});

describe('the reference itself', () => {
  // A reference that agreed with everything would prove nothing: pin it on cases worked out by hand.
  it('applies the precedence on hand-checked months', () => {
    // March 2024: Fri 1, Mon 4, Fri 29, Sun 31.
    const march = (schedule: Omit<Schedule, 'cadence' | 'startDate'>) =>
      referenceOccurrences({ cadence: 'monthly', startDate: '2024-01-15', ...schedule }, '2024-03-01', '2024-03-31');
    expect(march({})).toEqual(['2024-03-15']);
    expect(march({ endOfMonth: true, dayOfMonth: 3, nthWeek: 1, nthWeekday: 1 })).toEqual(['2024-03-31']);
    expect(march({ endOfMonth: false, dayOfMonth: 3, nthWeek: 1, nthWeekday: 1 })).toEqual(['2024-03-03']);
    expect(march({ nthWeek: 1, nthWeekday: 1 })).toEqual(['2024-03-04']);
    expect(march({ nthWeek: 5, nthWeekday: 5 })).toEqual(['2024-03-29']);
    expect(march({ nthWeek: 1 })).toEqual(['2024-03-15']);
    expect(march({ nthWeekday: 1 })).toEqual(['2024-03-15']);
    expect(referenceNext({ cadence: 'monthly', startDate: '2024-01-31' }, '2024-01-31')).toBe('2024-02-29');
    expect(referenceNext({ cadence: 'daily', startDate: '9989-12-30' }, '9989-12-30')).toBe('9989-12-31');
    expect(referenceNext({ cadence: 'daily', startDate: '9989-12-30' }, '9989-12-31')).toBeNull();
    expect(referenceAtOrBefore({ cadence: 'weekly', startDate: '2024-01-03', weekday: 1 }, '2024-01-14')).toBe('2024-01-08');
    expect(referenceAtOrBefore({ cadence: 'daily', startDate: '2024-01-01', endDate: '2024-01-10' }, '2030-01-01')).toBe('2024-01-10');
    expect(referenceAtOrBefore({ cadence: 'daily', startDate: '9989-01-01' }, '9999-12-31')).toBe('9989-12-31');
  });
});
