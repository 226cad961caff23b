/**
 * Which day of a month a monthly or annual schedule lands on: the month's last day, a day of the month clamped to the
 * month's length, or the nth weekday of the month (nth 5 = the last one). Months are counted by index,
 * `year * 12 + (month - 1)`, so stepping through them is integer addition.
 */
import { daysInMonth } from '@/lib/dates/calendar-date';
import { epochDayFromParts, partsFromEpochDay, weekdayOfEpochDay, type CalendarDateParts } from '@/lib/dates/epoch-day';

// nthWeek 5 means "the last such weekday", whether the month has four or five of them.
export const LAST_NTH_WEEK = 5;

export type DayPick =
  | { kind: 'last-day' }
  | { kind: 'day'; day: number }
  | { kind: 'nth-weekday'; nth: number; weekday: number };

/** The index of a date's month: `year * 12 + (month - 1)`. */
export function monthIndexOf({ year, month }: Pick<CalendarDateParts, 'year' | 'month'>): number {
  return year * 12 + (month - 1);
}

export function monthIndexOfDay(epochDay: number): number {
  return monthIndexOf(partsFromEpochDay(epochDay));
}

/** The epoch day a day-pick lands on in the month with index `year * 12 + (month - 1)`. */
export function pickDayInMonth(monthIndex: number, pick: DayPick): number {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const length = daysInMonth(year, month);
  let day: number;
  if (pick.kind === 'last-day') {
    day = length;
  } else if (pick.kind === 'day') {
    day = Math.min(pick.day, length);
  } else {
    const firstOfMonth = epochDayFromParts({ year, month, day: 1 });
    const firstMatch = 1 + ((pick.weekday - weekdayOfEpochDay(firstOfMonth) + 7) % 7);
    day =
      pick.nth === LAST_NTH_WEEK
        ? firstMatch + 7 * Math.floor((length - firstMatch) / 7)
        : firstMatch + 7 * (pick.nth - 1);
  }
  return epochDayFromParts({ year, month, day });
}
