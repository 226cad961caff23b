/**
 * Epoch days: a calendar date as the number of days since 1970-01-01, by Howard Hinnant's days-from-civil /
 * civil-from-days algorithms (http://howardhinnant.github.io/date_algorithms.html): exact integer maths with no table
 * lookups and no time zone anywhere. Date arithmetic and weekdays go through them; `calendar-date.ts` turns them into
 * and out of `'YYYY-MM-DD'` strings.
 */

/** A calendar date split into its fields; `month` is 1–12, `day` is 1–31. */
export type CalendarDateParts = { year: number; month: number; day: number };

/** Weekday numbers follow `Date#getUTCDay`: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Epoch day of 0000-01-01, the smallest date this module can format. */
export const MIN_EPOCH_DAY = -719_528;
/** Epoch day of 9999-12-31, the largest date this module can format. */
export const MAX_EPOCH_DAY = 2_932_896;

// 1970-01-01 was a Thursday.
const EPOCH_WEEKDAY = 4;

/**
 * Days since 1970-01-01 for the given fields (days-from-civil). The fields must already be valid.
 *
 * @example epochDayFromParts({ year: 1970, month: 1, day: 2 }) // 1
 */
export function epochDayFromParts({ year, month, day }: CalendarDateParts): number {
  // Shift the year to start on March 1 so the leap day is the last day of the shifted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400; // 0..399
  const shiftedMonth = month > 2 ? month - 3 : month + 9; // Mar = 0 … Feb = 11
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1; // 0..365
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The fields of the date `epochDay` days after 1970-01-01 (civil-from-days).
 *
 * @example partsFromEpochDay(19_782) // { year: 2024, month: 2, day: 29 }
 */
export function partsFromEpochDay(epochDay: number): CalendarDateParts {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097; // 0..146096
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Weekday of an epoch day, 0 = Sunday … 6 = Saturday.
 *
 * @example weekdayOfEpochDay(0) // 4 (1970-01-01 was a Thursday)
 */
export function weekdayOfEpochDay(epochDay: number): Weekday {
  return ((((epochDay + EPOCH_WEEKDAY) % 7) + 7) % 7) as Weekday;
}
