/**
 * The pure calendar of the recurring engine: which calendar dates a schedule falls on.
 *
 * Every function here maps (schedule, dates) to dates. There is no clock, no database and no `Date`: "today" is an
 * argument, and dates are `'YYYY-MM-DD'` strings handled through epoch days (see `lib/dates/epoch-day.ts`).
 *
 * Two design rules carry the product's semantics:
 *   - Anchored, never chained. Occurrence k is computed from the schedule's anchor (start date or first occurrence)
 *     and k, never from occurrence k-1, so a clamp in one month cannot leak into the next:
 *     Jan 31 monthly → Feb 29 (2024) → Mar 31 → Apr 30, never Feb 29 → Mar 29.
 *   - Constant time. Finding the next occurrence after a date computes the period index from the distance between
 *     the anchor and that date; a rule started in 1936 costs the same as one started yesterday.
 *
 * Each schedule is an arithmetic progression of periods: daily and weekly step through days, monthly and annual step
 * through months (annual is twelve-monthly on the start date's day). Period k's date is `dayAt(k)`; the valid
 * occurrences are the periods from `firstIndex` on (a monthly period that falls before the start date is skipped)
 * whose date is not after the end date.
 */
import { LAST_BUSINESS_DATE, fromEpochDay, parseCalendarDate, toEpochDay } from '@/lib/dates/calendar-date';
import { epochDayFromParts, weekdayOfEpochDay } from '@/lib/dates/epoch-day';
import type { Cadence } from './constants';
import { LAST_NTH_WEEK, monthIndexOf, monthIndexOfDay, pickDayInMonth, type DayPick } from './month-day';

/**
 * A recurring schedule. Fields that do not apply to the cadence are ignored; `null` counts as unset so database rows
 * can be passed straight in. Every schedule the type can hold has an answer: a field that is set but outside its
 * range (a weekday of 7, a fractional interval) is corrupt data and throws a `RangeError`, whether or not it would
 * have won; nothing else throws.
 *
 * - daily: every `intervalDays` days (default 1) from `startDate`.
 * - weekly: on `weekday` (0 = Sunday … 6 = Saturday; default the start date's weekday) every `intervalWeeks` weeks
 *   (default 1), starting with the first such weekday on or after `startDate`.
 * - monthly: every `intervalMonths` months (default 1) counted from the start date's month, on the first that applies
 *   of: the last day (`endOfMonth: true`), `dayOfMonth` clamped to the month's length, the `nthWeek`-th `nthWeekday`
 *   (`nthWeek` 5 = the last one; it applies only when both are set), or the start date's day clamped.
 * - annual: every year on the start date's month and day (Feb 29 falls on Feb 28 in common years).
 *
 * Nothing falls before `startDate` or after `endDate` (both inclusive), nor after 9989-12-31
 * (`LAST_BUSINESS_DATE`): a due date up to 3650 days after an occurrence must still be a date PostgreSQL stores.
 */
export type Schedule = {
  cadence: Cadence;
  startDate: string;
  endDate?: string | null;
  intervalDays?: number;
  weekday?: number;
  intervalWeeks?: number;
  intervalMonths?: number;
  dayOfMonth?: number;
  endOfMonth?: boolean;
  nthWeek?: number;
  nthWeekday?: number;
};

// A century of daily posts is 36,525 dates; a request for more than this is an unbounded expansion by mistake, and
// failing loudly beats building a million-element array inside a request or the sweep.
const MAX_OCCURRENCES_PER_CALL = 100_000;

// Far beyond any span of writable dates, and small enough that index × interval stays an exact integer.
const MAX_INTERVAL = 1_000_000;

// Where every schedule ends at the latest, whatever its end date: see `Schedule`.
const LAST_SCHEDULED_DAY = toEpochDay(LAST_BUSINESS_DATE);

export type Plan =
  | { kind: 'days'; cadence: 'daily' | 'weekly'; firstDay: number; stepDays: number; endDay: number }
  | {
      kind: 'months';
      cadence: 'monthly' | 'annual';
      startDay: number;
      startMonthIndex: number;
      stepMonths: number;
      pick: DayPick;
      firstIndex: number;
      endDay: number;
    };

// null and undefined both mean "unset": the type says undefined, database rows say null.
function isSet<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

function integerInRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Schedule ${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function intervalOrDefault(name: string, value: number | null | undefined): number {
  return isSet(value) ? integerInRange(name, value, 1, MAX_INTERVAL) : 1;
}

/**
 * The monthly day pick, first match wins: endOfMonth, dayOfMonth, nthWeek with nthWeekday, the start date's day.
 * Half of the nthWeek/nthWeekday pair names no day, so it simply does not match and the next rule applies (the input
 * schemas refuse it with a field error; the calendar still answers for it).
 */
function monthlyPick(schedule: Schedule, startDayOfMonth: number): DayPick {
  // Range-check every field that is set, not only the one that wins, so corrupt data never hides behind endOfMonth.
  const dayOfMonth = isSet(schedule.dayOfMonth) ? integerInRange('dayOfMonth', schedule.dayOfMonth, 1, 31) : null;
  const nth = isSet(schedule.nthWeek) ? integerInRange('nthWeek', schedule.nthWeek, 1, LAST_NTH_WEEK) : null;
  const weekday = isSet(schedule.nthWeekday) ? integerInRange('nthWeekday', schedule.nthWeekday, 0, 6) : null;
  if (schedule.endOfMonth === true) return { kind: 'last-day' };
  if (dayOfMonth !== null) return { kind: 'day', day: dayOfMonth };
  if (nth !== null && weekday !== null) return { kind: 'nth-weekday', nth, weekday };
  return { kind: 'day', day: startDayOfMonth };
}

/** Validates a schedule and reduces it to a progression. Throws a `RangeError` on anything invalid. */
export function planSchedule(schedule: Schedule): Plan {
  const start = parseCalendarDate(schedule.startDate);
  const startDay = epochDayFromParts(start);
  const endDay = isSet(schedule.endDate) ? Math.min(toEpochDay(schedule.endDate), LAST_SCHEDULED_DAY) : LAST_SCHEDULED_DAY;

  switch (schedule.cadence) {
    case 'daily':
      return {
        kind: 'days',
        cadence: 'daily',
        firstDay: startDay,
        stepDays: intervalOrDefault('intervalDays', schedule.intervalDays),
        endDay,
      };
    case 'weekly': {
      const startWeekday = weekdayOfEpochDay(startDay);
      const weekday = isSet(schedule.weekday) ? integerInRange('weekday', schedule.weekday, 0, 6) : startWeekday;
      return {
        kind: 'days',
        cadence: 'weekly',
        firstDay: startDay + ((weekday - startWeekday + 7) % 7),
        stepDays: 7 * intervalOrDefault('intervalWeeks', schedule.intervalWeeks),
        endDay,
      };
    }
    case 'monthly':
    case 'annual': {
      const isAnnual = schedule.cadence === 'annual';
      const pick: DayPick = isAnnual ? { kind: 'day', day: start.day } : monthlyPick(schedule, start.day);
      const startMonthIndex = monthIndexOf(start);
      return {
        kind: 'months',
        cadence: schedule.cadence,
        startDay,
        startMonthIndex,
        stepMonths: isAnnual ? 12 : intervalOrDefault('intervalMonths', schedule.intervalMonths),
        pick,
        // Start Jan 20 with dayOfMonth 5: January's date (Jan 5) is before the start, so February is the first.
        firstIndex: pickDayInMonth(startMonthIndex, pick) < startDay ? 1 : 0,
        endDay,
      };
    }
    default:
      throw new RangeError(`Unknown schedule cadence: ${JSON.stringify((schedule as { cadence: unknown }).cadence)}`);
  }
}

function dayAt(plan: Plan, index: number): number {
  return plan.kind === 'days'
    ? plan.firstDay + index * plan.stepDays
    : pickDayInMonth(plan.startMonthIndex + index * plan.stepMonths, plan.pick);
}

/** The smallest valid period index whose date is on or after `epochDay` (ignoring the end date). */
function indexAtOrAfter(plan: Plan, epochDay: number): number {
  if (plan.kind === 'days') {
    return epochDay <= plan.firstDay ? 0 : Math.ceil((epochDay - plan.firstDay) / plan.stepDays);
  }
  // A period's date lies inside the period's month, so the first period whose month is not before `epochDay`'s month
  // is the answer unless it is that very month and its date falls earlier in it; then it is the period after.
  const monthsSinceStart = monthIndexOfDay(epochDay) - plan.startMonthIndex;
  const index = Math.max(plan.firstIndex, Math.ceil(monthsSinceStart / plan.stepMonths));
  return dayAt(plan, index) < epochDay ? index + 1 : index;
}

/** The largest valid period index whose date is on or before `epochDay`, or -1 if there is none. */
function indexAtOrBefore(plan: Plan, epochDay: number): number {
  if (plan.kind === 'days') {
    return epochDay < plan.firstDay ? -1 : Math.floor((epochDay - plan.firstDay) / plan.stepDays);
  }
  const monthsSinceStart = monthIndexOfDay(epochDay) - plan.startMonthIndex;
  let index = Math.floor(monthsSinceStart / plan.stepMonths);
  if (index >= 0 && dayAt(plan, index) > epochDay) index -= 1;
  return index < plan.firstIndex ? -1 : index;
}

/**
 * The first occurrence strictly after `after`, or `null` when the schedule has ended by then.
 * Constant time however long ago the schedule started.
 *
 * @example
 * // Anchored on Jan 31, so the February clamp does not carry into March.
 * nextOccurrence({ cadence: 'monthly', startDate: '2024-01-31' }, '2024-01-31') // '2024-02-29'
 * nextOccurrence({ cadence: 'monthly', startDate: '2024-01-31' }, '2024-02-29') // '2024-03-31'
 * nextOccurrence({ cadence: 'daily', startDate: '2024-01-01', endDate: '2024-01-31' }, '2024-01-31') // null
 */
export function nextOccurrence(schedule: Schedule, after: string): string | null {
  const plan = planSchedule(schedule);
  const day = dayAt(plan, indexAtOrAfter(plan, toEpochDay(after) + 1));
  return day > plan.endDay ? null : fromEpochDay(day);
}

/**
 * The schedule's first occurrence (on or after its start date), or `null` if it ends before one happens.
 *
 * @example firstOccurrence({ cadence: 'weekly', startDate: '2024-01-03', weekday: 1 }) // '2024-01-08'
 */
export function firstOccurrence(schedule: Schedule): string | null {
  const plan = planSchedule(schedule);
  const firstIndex = plan.kind === 'days' ? 0 : plan.firstIndex;
  const day = dayAt(plan, firstIndex);
  return day > plan.endDay ? null : fromEpochDay(day);
}

/**
 * The latest occurrence on or before `date`, or `null` if none has happened by then. The sweep uses it to jump
 * straight to the most recent due date when catching up with the `latest` policy.
 *
 * @example occurrenceAtOrBefore({ cadence: 'monthly', startDate: '2024-01-31' }, '2024-03-30') // '2024-02-29'
 */
export function occurrenceAtOrBefore(schedule: Schedule, date: string): string | null {
  const plan = planSchedule(schedule);
  const index = indexAtOrBefore(plan, Math.min(toEpochDay(date), plan.endDay));
  return index < 0 ? null : fromEpochDay(dayAt(plan, index));
}

/**
 * The first `count` occurrences on or after `from`, ascending; fewer once the schedule ends. Throws a `RangeError`
 * rather than return more than 100,000 dates.
 *
 * @example occurrencesFrom({ cadence: 'monthly', startDate: '2024-01-31' }, '2024-02-01', 3)
 * // ['2024-02-29', '2024-03-31', '2024-04-30']
 * @example occurrencesFrom({ cadence: 'daily', startDate: '9989-12-30' }, '9989-12-30', 3) // ['9989-12-30', '9989-12-31']
 */
export function occurrencesFrom(schedule: Schedule, from: string, count: number): string[] {
  if (count > MAX_OCCURRENCES_PER_CALL) {
    throw new RangeError(`occurrencesFrom(${from}, ${count}): ask for at most ${MAX_OCCURRENCES_PER_CALL} dates`);
  }
  const plan = planSchedule(schedule);
  const dates: string[] = [];
  for (let index = indexAtOrAfter(plan, toEpochDay(from)); dates.length < count; index++) {
    const day = dayAt(plan, index);
    if (day > plan.endDay) break;
    dates.push(fromEpochDay(day));
  }
  return dates;
}

/**
 * Every occurrence from `from` to `to` inclusive, ascending; empty if `from` is after `to`.
 * Throws a `RangeError` rather than return more than 100,000 dates.
 *
 * @example
 * occurrences({ cadence: 'monthly', startDate: '2024-01-31', endOfMonth: true }, '2024-01-01', '2024-04-30')
 * // ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']
 */
export function occurrences(schedule: Schedule, from: string, to: string): string[] {
  const plan = planSchedule(schedule);
  const fromDay = toEpochDay(from);
  const toDay = Math.min(toEpochDay(to), plan.endDay);
  if (fromDay > toDay) return [];
  const firstIndex = indexAtOrAfter(plan, fromDay);
  const lastIndex = indexAtOrBefore(plan, toDay);
  const count = lastIndex - firstIndex + 1;
  if (count > MAX_OCCURRENCES_PER_CALL) {
    throw new RangeError(
      `occurrences(${from}, ${to}) would return ${count} dates; ask for at most ${MAX_OCCURRENCES_PER_CALL}`,
    );
  }
  const dates: string[] = [];
  for (let index = firstIndex; index <= lastIndex; index++) dates.push(fromEpochDay(dayAt(plan, index)));
  return dates;
}
