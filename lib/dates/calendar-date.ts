/**
 * Calendar dates as `'YYYY-MM-DD'` strings (proleptic Gregorian, years 0000–9999).
 *
 * Why strings and integer arithmetic: a calendar date is not an instant. Holding one in a `Date` and reading it back
 * with local-time getters gives a different day depending on the process's `TZ`, so nothing here calls a `Date`
 * method. Every operation goes through the "epoch day" (days since 1970-01-01, `epoch-day.ts`): exact integer maths
 * with no time zone anywhere.
 *
 * The one bridge from instants to calendar dates is `todayInZone`, which names its time zone explicitly.
 * The opposite bridge (the instant a date starts in a zone) lives in `local-day.ts`.
 */
import {
  MAX_EPOCH_DAY,
  MIN_EPOCH_DAY,
  epochDayFromParts,
  partsFromEpochDay,
  weekdayOfEpochDay,
  type CalendarDateParts,
  type Weekday,
} from './epoch-day';

// Four-digit years keep the string form fixed-width, which is what makes plain string comparison chronological.
const MIN_YEAR = 0;
const MAX_YEAR = 9999;

/**
 * The dates the app accepts and schedules: every date typed into a form or sent to an API, and every occurrence a
 * schedule produces. PostgreSQL stores 0001-01-01 … 9999-12-31 as four-digit dates; these bounds sit inside that
 * range with room for the dates derived from an accepted one:
 *   - a due date up to 3650 days later (a rule's `dueDays`): 9989-12-31 + 3650 days = 9999-12-29;
 *   - a run-at date up to 365 days earlier (a rule's `createDaysAhead`), whose first instant may lie up to a day
 *     earlier again in a zone east of UTC. That instant must be in year 0100 or later: drizzle reads a `timestamptz`
 *     back with `new Date(text)`, whose legacy parser turns years 0001–0099 into 19xx or 20xx.
 *     0101-01-02 − 365 days = 0100-01-02, and its midnight is in year 0100 in every zone.
 * Fixed-width strings compare chronologically, so a plain string comparison checks them.
 */
export const FIRST_BUSINESS_DATE = '0101-01-02';
/** The last date the app accepts and the last day any schedule falls on (see `FIRST_BUSINESS_DATE`). */
export const LAST_BUSINESS_DATE = '9989-12-31';

/** The first and last dates PostgreSQL's `date` holds in four digits (it has no year 0000): enough for a query. */
export const FIRST_STORABLE_DATE = '0001-01-01';
export const LAST_STORABLE_DATE = '9999-12-31';

/**
 * Whether `year` is a Gregorian leap year.
 *
 * @example isLeapYear(2000) // true
 * @example isLeapYear(2100) // false
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in a month (`month` 1–12).
 *
 * @example daysInMonth(2024, 2) // 29
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** The number written with the ASCII digits `value[from..to)`, or -1 if any is not a digit. */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

// `^(\d{4})-(\d{2})-(\d{2})$`, read character by character: the sweep parses several dates per rule, and a regex
// match with its capture array costs several times more.
function splitOrNull(value: string): CalendarDateParts | null {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  if (year < 0 || month < 0 || day < 0) return null;
  return isValidParts(year, month, day) ? { year, month, day } : null;
}

/**
 * Whether `value` is a real `'YYYY-MM-DD'` calendar date (right shape, and the day exists in that month).
 *
 * @example isValidCalendarDate('2024-02-29') // true
 * @example isValidCalendarDate('2023-02-29') // false
 */
export function isValidCalendarDate(value: string): boolean {
  return splitOrNull(value) !== null;
}

/**
 * Whether `value` is a real calendar date from `first` to `last` inclusive (both valid `'YYYY-MM-DD'` dates).
 *
 * @example isCalendarDateBetween('0000-01-01', FIRST_STORABLE_DATE, LAST_STORABLE_DATE) // false: no year 0 in PostgreSQL
 * @example isCalendarDateBetween('9990-01-01', FIRST_BUSINESS_DATE, LAST_BUSINESS_DATE) // false
 */
export function isCalendarDateBetween(value: string, first: string, last: string): boolean {
  return isValidCalendarDate(value) && value >= first && value <= last;
}

/**
 * Splits a `'YYYY-MM-DD'` string into numbers. Throws a `RangeError` if it is not a real calendar date.
 *
 * @example parseCalendarDate('2024-03-31') // { year: 2024, month: 3, day: 31 }
 */
export function parseCalendarDate(value: string): CalendarDateParts {
  const parts = splitOrNull(value);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return parts;
}

/**
 * Joins fields into a `'YYYY-MM-DD'` string. Throws a `RangeError` if the day does not exist.
 *
 * @example formatCalendarDate({ year: 2024, month: 2, day: 9 }) // '2024-02-09'
 */
export function formatCalendarDate({ year, month, day }: CalendarDateParts): string {
  if (!isValidParts(year, month, day)) {
    throw new RangeError(`Not a calendar date: year ${year}, month ${month}, day ${day}`);
  }
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}


/**
 * Days since 1970-01-01 of a `'YYYY-MM-DD'` date. Throws a `RangeError` on an invalid date.
 *
 * @example toEpochDay('1970-01-01') // 0
 */
export function toEpochDay(date: string): number {
  return epochDayFromParts(parseCalendarDate(date));
}

/**
 * The `'YYYY-MM-DD'` date `epochDay` days after 1970-01-01. Throws a `RangeError` outside years 0000–9999.
 *
 * @example fromEpochDay(-1) // '1969-12-31'
 */
export function fromEpochDay(epochDay: number): string {
  if (!Number.isInteger(epochDay) || epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new RangeError(`Epoch day out of range for a YYYY-MM-DD date: ${epochDay}`);
  }
  return formatCalendarDate(partsFromEpochDay(epochDay));
}

/**
 * `date` moved by `days` (may be negative).
 *
 * @example addDays('2024-02-28', 1) // '2024-02-29'
 */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * `date` moved by whole `months` (may be negative), the day clamped to the target month's length.
 * Anchor on the original date when stepping repeatedly: chaining clamps drifts (Jan 31 → Feb 29 → Mar 29).
 *
 * @example addMonths('2024-01-31', 1) // '2024-02-29'
 * @example addMonths('2024-01-31', 2) // '2024-03-31'
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseCalendarDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (targetYear < MIN_YEAR || targetYear > MAX_YEAR) {
    throw new RangeError(`addMonths(${date}, ${months}) leaves years 0000–9999`);
  }
  return formatCalendarDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}


/**
 * Weekday of a `'YYYY-MM-DD'` date, 0 = Sunday … 6 = Saturday.
 *
 * @example getWeekday('2024-01-01') // 1 (Monday)
 */
export function getWeekday(date: string): Weekday {
  return weekdayOfEpochDay(toEpochDay(date));
}

/**
 * Whole days from `earlier` to `later` (negative when `later` is before `earlier`).
 *
 * @example differenceInDays('2024-03-01', '2024-02-28') // 2
 */
export function differenceInDays(later: string, earlier: string): number {
  return toEpochDay(later) - toEpochDay(earlier);
}

/**
 * Sort comparator: negative if `a` is before `b`, 0 if equal, positive if after. Both must be valid dates.
 *
 * @example ['2024-03-01', '2023-12-31'].sort(compareCalendarDates) // ['2023-12-31', '2024-03-01']
 */
export function compareCalendarDates(a: string, b: string): -1 | 0 | 1 {
  parseCalendarDate(a);
  parseCalendarDate(b);
  // Fixed-width YYYY-MM-DD strings sort chronologically as plain strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

// Creating a DateTimeFormat costs far more than using one, and the sweep asks for "today" in the same few zones.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
// Zone names can come from users in any letter case; a cap keeps that from growing the cache without bound.
const MAX_CACHED_ZONES = 1000;

function dateFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    if (dateFormatters.size >= MAX_CACHED_ZONES) dateFormatters.clear();
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar date that `instant` falls on in `timeZone` (an IANA name; UTC when omitted).
 * Throws a `RangeError` for an invalid instant or an unknown zone.
 *
 * @example todayInZone(new Date('2024-03-10T03:30:00Z'), 'America/New_York') // '2024-03-09'
 * @example todayInZone(new Date('2024-03-10T03:30:00Z')) // '2024-03-10'
 */
export function todayInZone(instant: Date, timeZone?: string): string {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('todayInZone needs a valid Date');
  if (timeZone === undefined) return fromEpochDay(Math.floor(ms / 86_400_000));

  let year = NaN;
  let month = NaN;
  let day = NaN;
  let beforeCommonEra = false;
  for (const part of dateFormatterFor(timeZone).formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'era') beforeCommonEra = part.value === 'BC';
  }
  return formatCalendarDate({ year: beforeCommonEra ? 1 - year : year, month, day });
}