import { addDays } from '@/lib/dates/calendar-date';
import { localDayStartDelayMs } from '@/lib/dates/local-day';
import { nextOccurrence } from './calendar';
import { clampNote } from './calendar-words';
import { dueDateFor, type RuleState } from './lifecycle';
import { runAtFor } from './run-at';

/**
 * A rule's upcoming occurrences, as every screen and the API show them: the same dates the sweep will decide, in
 * order, and no more than the rule has left. Pure: the list, the rule's page, the editor's preview and
 * `GET /api/recurring/:id/occurrences` all call this, so they cannot disagree.
 */

/** Most occurrences one call lists: a screen or API page, never an unbounded expansion. */
export const MAX_UPCOMING = 100;

export interface UpcomingOccurrence {
  date: string;
  dueDate: string;
  /** When the sweep decides it: the first instant of (date − days ahead) in the company's zone. */
  runAt: Date;
  /** Why it will be skipped rather than posted: a pauseUntil covering it, or a pause it falls in. */
  skipReason: 'pause_until' | 'paused' | null;
  /** Why it falls when it does, in a few words: "31st → Feb 28", "the day starts at 01:00 here". */
  notes: string[];
}

type UpcomingState = Pick<
  RuleState,
  'schedule' | 'status' | 'nextOccurrence' | 'maxOccurrences' | 'occurrencesPosted' | 'pauseUntil' | 'resumeOn' | 'dueDate' | 'dueDays' | 'createDaysAhead'
>;

function hoursAndMinutes(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Why the occurrence's day (the run date) starts later than midnight in the zone, or null. */
function lateStartNote(runDate: string, timeZone: string | undefined): string | null {
  const delayMs = localDayStartDelayMs(runDate, timeZone);
  if (delayMs === 0) return null;
  if (delayMs >= 86_400_000) return `${runDate} does not exist in ${timeZone}: it is decided when the next day starts`;
  return `the day starts at ${hoursAndMinutes(delayMs)} here`;
}

/**
 * The next `count` (at most MAX_UPCOMING) occurrences of a rule from its next undecided one. A rule that has ended,
 * completed or been deleted has none; a `maxOccurrences` rule lists only what it has left to post (skipped dates do
 * not use up the maximum).
 *
 * @example upcomingOccurrences({ ...monthlyOn31st, nextOccurrence: '2027-01-31' }, 3, 'America/New_York')
 * // [{ date: '2027-01-31', … notes: [] }, { date: '2027-02-28', … notes: ['31st → Feb 28'] }, { date: '2027-03-31', … }]
 */
export function upcomingOccurrences(rule: UpcomingState, count: number, timeZone?: string): UpcomingOccurrence[] {
  if (rule.status !== 'active' && rule.status !== 'paused' && rule.status !== 'needs_review') return [];
  const wanted = Math.min(count, MAX_UPCOMING);
  let postsLeft = rule.maxOccurrences === null ? Infinity : rule.maxOccurrences - rule.occurrencesPosted;
  const upcoming: UpcomingOccurrence[] = [];
  for (let date = rule.nextOccurrence; date !== null && upcoming.length < wanted && postsLeft > 0; date = nextOccurrence(rule.schedule, date)) {
    const skipReason =
      rule.status === 'paused' && rule.resumeOn !== null && date < rule.resumeOn
        ? 'paused'
        : rule.pauseUntil !== null && date <= rule.pauseUntil
          ? 'pause_until'
          : null;
    if (skipReason === null) postsLeft--;
    const runDate = rule.createDaysAhead === 0 ? date : addDays(date, -rule.createDaysAhead);
    const notes: string[] = [];
    const clamp = clampNote(rule.schedule, date);
    if (clamp) notes.push(clamp);
    const late = lateStartNote(runDate, timeZone);
    if (late) notes.push(late);
    upcoming.push({ date, dueDate: dueDateFor(rule, date), runAt: runAtFor(date, rule.createDaysAhead, timeZone), skipReason, notes });
  }
  return upcoming;
}
