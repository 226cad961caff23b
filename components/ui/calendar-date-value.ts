import { parseDate, type CalendarDate } from '@internationalized/date';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A `'YYYY-MM-DD'` string as a calendar date, or null when it is empty or not a real date (`'2023-02-29'`).
 * `parseDate` builds the date from its three numbers: no JS `Date`, so no time zone can move it a day.
 */
export function calendarDateFromString(value: string | null | undefined): CalendarDate | null {
  if (!value || !ISO_DATE.test(value)) return null;
  try {
    return parseDate(value);
  } catch {
    return null;
  }
}

/** The calendar date back as `'YYYY-MM-DD'` (year 1 is `'0001-…'`), or null for no date. */
export function stringFromCalendarDate(date: { toString(): string } | null | undefined): string | null {
  return date ? date.toString() : null;
}
