import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startOfLocalDay } from './local-day';
import {
  FIRST_BUSINESS_DATE,
  FIRST_STORABLE_DATE,
  LAST_BUSINESS_DATE,
  LAST_STORABLE_DATE,
  addDays,
  addMonths,
  compareCalendarDates,
  daysInMonth,
  differenceInDays,
  formatCalendarDate,
  fromEpochDay,
  getWeekday,
  isCalendarDateBetween,
  isLeapYear,
  isValidCalendarDate,
  parseCalendarDate,
  toEpochDay,
  todayInZone,
} from './calendar-date';
import { MAX_EPOCH_DAY, MIN_EPOCH_DAY } from './epoch-day';

const MS_PER_DAY = 86_400_000;

// Independent oracle for the integer algorithms: the UTC fields of a Date never depend on the process's TZ.
function utcDateOfEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

describe('isLeapYear / daysInMonth', () => {
  it('follows the Gregorian rule, including the century exceptions', () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
  });

  it('gives each month its length', () => {
    const lengths2023 = Array.from({ length: 12 }, (_, i) => daysInMonth(2023, i + 1));
    expect(lengths2023).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
  });
});

describe('parse, format and validity', () => {
  it('accepts real dates only', () => {
    for (const valid of ['2024-02-29', '2000-02-29', '0000-01-01', '9999-12-31', '2023-12-31']) {
      expect(isValidCalendarDate(valid), valid).toBe(true);
    }
    for (const invalid of [
      '2023-02-29',
      '2100-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-1-01',
      '20240101',
      ' 2024-01-01',
      '2024-01-01T00:00:00Z',
      '+02024-01-01',
      '',
    ]) {
      expect(isValidCalendarDate(invalid), invalid).toBe(false);
    }
  });

  it('splits and joins', () => {
    expect(parseCalendarDate('2024-03-09')).toEqual({ year: 2024, month: 3, day: 9 });
    expect(formatCalendarDate({ year: 5, month: 1, day: 2 })).toBe('0005-01-02');
    expect(() => parseCalendarDate('2023-02-29')).toThrow(RangeError);
    expect(() => formatCalendarDate({ year: 2023, month: 2, day: 29 })).toThrow(RangeError);
    expect(() => formatCalendarDate({ year: 10_000, month: 1, day: 1 })).toThrow(RangeError);
  });
});

describe('epoch days', () => {
  it('matches known anchors', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-03-01')).toBe(11_017);
    expect(toEpochDay('2024-02-29')).toBe(19_782);
    expect(toEpochDay('0000-01-01')).toBe(MIN_EPOCH_DAY);
    expect(toEpochDay('9999-12-31')).toBe(MAX_EPOCH_DAY);
    expect(() => fromEpochDay(MAX_EPOCH_DAY + 1)).toThrow(RangeError);
    expect(() => fromEpochDay(MIN_EPOCH_DAY - 1)).toThrow(RangeError);
    expect(() => fromEpochDay(0.5)).toThrow(RangeError);
  });

  it('round-trips and agrees with UTC Date arithmetic over the whole range', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_EPOCH_DAY, max: MAX_EPOCH_DAY }), (epochDay) => {
        const date = fromEpochDay(epochDay);
        expect(date).toBe(utcDateOfEpochDay(epochDay));
        expect(toEpochDay(date)).toBe(epochDay);
        expect(getWeekday(date)).toBe(new Date(epochDay * MS_PER_DAY).getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('addDays / differenceInDays / compare', () => {
  it('crosses month, leap-day and year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('measures whole days', () => {
    expect(differenceInDays('2024-03-01', '2024-02-28')).toBe(2);
    expect(differenceInDays('2023-03-01', '2023-02-28')).toBe(1);
    expect(differenceInDays('2024-01-01', '2025-01-01')).toBe(-366);
  });

  it('sorts chronologically and rejects garbage', () => {
    expect(['2024-03-01', '1999-12-31', '2023-12-31'].sort(compareCalendarDates)).toEqual([
      '1999-12-31',
      '2023-12-31',
      '2024-03-01',
    ]);
    expect(compareCalendarDates('2024-01-01', '2024-01-01')).toBe(0);
    expect(() => compareCalendarDates('2024-1-1', '2024-01-01')).toThrow(RangeError);
  });

  it('addDays and differenceInDays are inverse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2100-12-31') }),
        fc.integer({ min: -5000, max: 5000 }),
        (epochDay, days) => {
          const date = fromEpochDay(epochDay);
          expect(differenceInDays(addDays(date, days), date)).toBe(days);
        },
      ),
    );
  });
});

describe('getWeekday', () => {
  it('numbers Sunday 0 to Saturday 6', () => {
    expect(getWeekday('1970-01-01')).toBe(4); // Thursday
    expect(getWeekday('2000-01-01')).toBe(6); // Saturday
    expect(getWeekday('2024-01-01')).toBe(1); // Monday
    expect(getWeekday('2024-09-08')).toBe(0); // Sunday
    expect(getWeekday('1900-01-01')).toBe(1); // Monday
  });
});

describe('addMonths', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 3)).toBe('2024-04-30');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-15', 13)).toBe('2025-02-15');
    expect(addMonths('2024-01-15', -13)).toBe('2022-12-15');
    expect(addMonths('2000-02-29', 1200)).toBe('2100-02-28');
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });

  it('keeps the day when it exists and otherwise lands on the month end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2100-12-31') }),
        fc.integer({ min: -1200, max: 1200 }),
        (epochDay, months) => {
          const date = fromEpochDay(epochDay);
          const { year, month, day } = parseCalendarDate(date);
          const result = parseCalendarDate(addMonths(date, months));
          expect((result.year - year) * 12 + (result.month - month)).toBe(months);
          expect(result.day).toBe(Math.min(day, daysInMonth(result.year, result.month)));
        },
      ),
    );
  });
});

describe('todayInZone', () => {
  it('reads the calendar date of an instant in a zone', () => {
    const instant = new Date('2024-03-10T03:30:00Z');
    expect(todayInZone(instant)).toBe('2024-03-10');
    expect(todayInZone(instant, 'UTC')).toBe('2024-03-10');
    expect(todayInZone(instant, 'America/New_York')).toBe('2024-03-09');
    expect(todayInZone(instant, 'Asia/Kolkata')).toBe('2024-03-10');
    expect(todayInZone(new Date('2024-03-09T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2024-03-10'); // +14
    expect(todayInZone(new Date('2024-03-10T10:59:59.999Z'), 'Pacific/Pago_Pago')).toBe('2024-03-09'); // -11
  });

  it('jumps over the day Samoa skipped', () => {
    // Pacific/Apia went from 2011-12-29 23:59:59 -10 straight to 2011-12-31 00:00:00 +14.
    expect(todayInZone(new Date('2011-12-30T09:59:59.999Z'), 'Pacific/Apia')).toBe('2011-12-29');
    expect(todayInZone(new Date('2011-12-30T10:00:00.000Z'), 'Pacific/Apia')).toBe('2011-12-31');
  });

  it('handles instants far from today', () => {
    expect(todayInZone(new Date('0001-01-01T12:00:00Z'), 'UTC')).toBe('0001-01-01');
    expect(todayInZone(new Date('9999-12-31T12:00:00Z'), 'Europe/Paris')).toBe('9999-12-31');
  });

  it('rejects invalid input', () => {
    expect(() => todayInZone(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => todayInZone(new Date(0), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('the business date range', () => {
  it('leaves room for a due date 3650 days after the last date', () => {
    expect(addDays(LAST_BUSINESS_DATE, 3650)).toBe('9999-12-29');
    expect(addDays(LAST_BUSINESS_DATE, 3650) <= LAST_STORABLE_DATE).toBe(true);
  });

  it('leaves room for a run-at 365 days before the first date, an instant of year 0100 or later in every zone', () => {
    const runAtDate = addDays(FIRST_BUSINESS_DATE, -365);
    expect(runAtDate).toBe('0100-01-02');
    const yearOneHundred = toEpochDay('0100-01-01') * MS_PER_DAY;
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const instant = startOfLocalDay(runAtDate, zone);
      expect(instant.getTime(), zone).toBeGreaterThanOrEqual(yearOneHundred);
      // What the database driver does with the instant PostgreSQL sends back.
      const text = instant.toISOString().replace('T', ' ').replace('Z', '+00');
      expect(new Date(text).getTime(), zone).toBe(instant.getTime());
    }
    // A day earlier, and the driver would read it back nineteen centuries late.
    expect(new Date('0099-12-31 12:00:00+00').getUTCFullYear()).toBe(1999);
  });

  it('sits inside what PostgreSQL stores', () => {
    expect([FIRST_STORABLE_DATE, FIRST_BUSINESS_DATE, LAST_BUSINESS_DATE, LAST_STORABLE_DATE].every(isValidCalendarDate)).toBe(true);
    expect(FIRST_STORABLE_DATE < FIRST_BUSINESS_DATE && LAST_BUSINESS_DATE < LAST_STORABLE_DATE).toBe(true);
  });

  it('isCalendarDateBetween includes both ends and refuses what is not a date', () => {
    const between = (d: string) => isCalendarDateBetween(d, FIRST_BUSINESS_DATE, LAST_BUSINESS_DATE);
    expect(['0101-01-02', '2026-03-01', '9989-12-31'].map(between)).toEqual([true, true, true]);
    expect(['0000-01-01', '0101-01-01', '9990-01-01', '10000-01-01', '2023-02-29', ''].map(between)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
