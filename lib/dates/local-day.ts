/**
 * The instant a calendar date begins in an IANA time zone.
 *
 * Why not a library: measured across all zones 2000–2100 (see STACK.md "Time zones"), date-fns-tz returns the
 * previous day for every skipped midnight, luxon picks the later of two repeated midnights, and @date-fns/tz gives
 * answers that depend on the process's own `TZ`. This module asks `Intl.DateTimeFormat` only one question — "what
 * does the wall clock in zone Z read at instant T?" — which does not depend on the process's `TZ`, and does the rest
 * with integer arithmetic.
 *
 * Definition: the start of local date D is the earliest instant whose local date is D or later.
 *   - Ordinary day: local midnight.
 *   - Midnight repeated (clocks go back across 00:00): the EARLIER midnight, so the day is never shortened.
 *   - Midnight skipped (clocks jump forward across 00:00): the instant of the jump, i.e. the first wall-clock time
 *     that exists that day (America/Santiago 2024-09-08 starts at 01:00 -03).
 *   - Whole day skipped (Pacific/Apia 2011-12-30, when Samoa crossed the date line): the instant of the jump, which is
 *     also the start of the next existing day (2011-12-31 00:00 +14). Work dated on a day that never happened
 *     therefore falls at the start of the following day, and the two days share one instant.
 */
import { toEpochDay } from './calendar-date';
import { MAX_EPOCH_DAY, MIN_EPOCH_DAY, epochDayFromParts } from './epoch-day';

const MS_PER_SECOND = 1000;
const MS_PER_DAY = 86_400_000;

// Instants are searched only near the target, so the helpers stay inside what Intl and a YYYY date can show.
const MIN_INSTANT_MS = (MIN_EPOCH_DAY + 1) * MS_PER_DAY;
const MAX_INSTANT_MS = (MAX_EPOCH_DAY - 1) * MS_PER_DAY;

// Building a DateTimeFormat is slow (tens of microseconds); using one is cheap, so keep one per zone name.
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();
// Zone names arrive from users and Intl accepts any letter case, so cap the cache rather than trust its key space.
const MAX_CACHED_ZONES = 1000;

function wallClockFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        // h23, not hour12: false — some ICU versions render midnight as "24" with the latter.
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
    }
    if (wallClockFormatters.size >= MAX_CACHED_ZONES) wallClockFormatters.clear();
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Whether `timeZone` is a zone this runtime knows (IANA names and their aliases, e.g. `'Europe/Paris'`, `'UTC'`).
 *
 * @example isValidTimeZone('America/Santiago') // true
 * @example isValidTimeZone('Mars/Olympus_Mons') // false
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    wallClockFormatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The wall-clock reading in `timeZone` at `instantMs`, expressed as milliseconds since 1970-01-01T00:00 of that
 * wall clock (as if the wall clock were UTC). `wallClockMs - instantMs` is the zone's UTC offset at that instant.
 */
function wallClockMsAt(instantMs: number, formatter: Intl.DateTimeFormat): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeCommonEra = false;
  for (const part of formatter.formatToParts(instantMs)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        beforeCommonEra = part.value === 'BC';
        break;
    }
  }
  if (beforeCommonEra) year = 1 - year;
  // Offsets are whole seconds, so the sub-second part of the instant carries over unchanged.
  const milliseconds = instantMs - Math.floor(instantMs / MS_PER_SECOND) * MS_PER_SECOND;
  return (
    epochDayFromParts({ year, month, day }) * MS_PER_DAY +
    ((hour * 60 + minute) * 60 + second) * MS_PER_SECOND +
    milliseconds
  );
}

function offsetMsAt(instantMs: number, formatter: Intl.DateTimeFormat): number {
  const clamped = Math.min(Math.max(instantMs, MIN_INSTANT_MS), MAX_INSTANT_MS);
  return wallClockMsAt(clamped, formatter) - clamped;
}

/**
 * The UTC instant at which calendar date `date` begins in `timeZone` (UTC midnight when the zone is omitted).
 * Where midnight happens twice this is the earlier one; where it does not happen, the first instant that exists on
 * that date; where the whole date was skipped (Pacific/Apia 2011-12-30), the instant of the jump, which is the start
 * of the next existing date. The answer does not depend on the process's `TZ`.
 * Throws a `RangeError` for an invalid date or an unknown zone.
 *
 * @example startOfLocalDay('2024-03-10', 'America/New_York') // 2024-03-10T05:00:00.000Z
 * @example startOfLocalDay('2024-09-08', 'America/Santiago') // 2024-09-08T04:00:00.000Z (01:00 -03; 00:00 skipped)
 * @example startOfLocalDay('2011-12-30', 'Pacific/Apia')     // 2011-12-30T10:00:00.000Z (= 2011-12-31 00:00 +14)
 * @example startOfLocalDay('2024-06-01')                     // 2024-06-01T00:00:00.000Z
 */
export function startOfLocalDay(date: string, timeZone?: string): Date {
  const midnightWallMs = toEpochDay(date) * MS_PER_DAY;
  if (timeZone === undefined) return new Date(midnightWallMs);
  const formatter = wallClockFormatterFor(timeZone);

  // An instant t shows wall time W when t = W - offset(t). Offsets are at most about ±16 h, so the offsets in force
  // a day either side of W cover every t that can show W, provided no two transitions fall within that window. The
  // tests compare against a brute-force scan; checked once over every zone's transition weeks 1900–2100, no exception.
  const offsets = [
    offsetMsAt(midnightWallMs - MS_PER_DAY, formatter),
    offsetMsAt(midnightWallMs, formatter),
    offsetMsAt(midnightWallMs + MS_PER_DAY, formatter),
  ];
  let earliest = Infinity;
  for (const offset of offsets) {
    const candidate = midnightWallMs - offset;
    if (candidate < earliest && wallClockMsAt(candidate, formatter) === midnightWallMs) earliest = candidate;
  }
  if (earliest !== Infinity) return new Date(earliest);

  // Midnight was skipped: the clock jumped from before W to after W. Under the larger (later) offset t reads too
  // early, under the smaller (earlier) offset too late; the jump lies between. Transitions fall on whole seconds.
  let before = midnightWallMs - Math.max(...offsets);
  let after = midnightWallMs - Math.min(...offsets);
  if (!(wallClockMsAt(before, formatter) < midnightWallMs && wallClockMsAt(after, formatter) > midnightWallMs)) {
    throw new Error(`startOfLocalDay could not bracket the start of ${date} in ${timeZone}`);
  }
  while (after - before > MS_PER_SECOND) {
    const middle = before + Math.floor((after - before) / (2 * MS_PER_SECOND)) * MS_PER_SECOND;
    if (wallClockMsAt(middle, formatter) < midnightWallMs) before = middle;
    else after = middle;
  }
  return new Date(after);
}

/**
 * How long after its wall-clock midnight calendar date `date` really begins in `timeZone`: 0 on almost every day;
 * the length of the gap where midnight is skipped (America/Santiago 2024-09-08: one hour, the day starts at 01:00);
 * a whole day or more where the date itself was skipped (Pacific/Apia 2011-12-30). Screens explain a posting whose
 * day starts late with it.
 *
 * @example localDayStartDelayMs('2024-09-08', 'America/Santiago') // 3_600_000
 * @example localDayStartDelayMs('2024-03-10', 'America/New_York') // 0 (the gap is at 02:00)
 */
export function localDayStartDelayMs(date: string, timeZone?: string): number {
  if (timeZone === undefined) return 0;
  const start = startOfLocalDay(date, timeZone).getTime();
  return wallClockMsAt(start, wallClockFormatterFor(timeZone)) - toEpochDay(date) * MS_PER_DAY;
}
