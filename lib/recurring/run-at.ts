import { addDays } from '@/lib/dates/calendar-date';
import { startOfLocalDay } from '@/lib/dates/local-day';

// The sweep asks for the same few (date, zone) pairs for every rule of a batch (a million rules due at midnight
// share a handful of wake-up dates), and each answer costs several Intl calls: remember them, within a bound.
const runAtCache = new Map<string, number>();
const MAX_CACHED_RUN_ATS = 10_000;

/**
 * When an occurrence becomes due: the first instant of (its date − days ahead) in the company's zone.
 *
 * @example runAtFor('2026-03-31', 0, 'America/New_York') // 2026-03-31T04:00:00.000Z
 */
export function runAtFor(occurrenceDate: string, createDaysAhead: number, timeZone?: string): Date {
  const key = `${occurrenceDate}|${createDaysAhead}|${timeZone ?? ''}`;
  let instantMs = runAtCache.get(key);
  if (instantMs === undefined) {
    instantMs = startOfLocalDay(createDaysAhead === 0 ? occurrenceDate : addDays(occurrenceDate, -createDaysAhead), timeZone).getTime();
    if (runAtCache.size >= MAX_CACHED_RUN_ATS) runAtCache.clear();
    runAtCache.set(key, instantMs);
  }
  return new Date(instantMs);
}
