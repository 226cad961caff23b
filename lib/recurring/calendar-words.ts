/**
 * The calendar in words, for screens: a schedule's cadence (`describeSchedule`) and why an occurrence falls on
 * another day than its schedule names (`clampNote`). Read from the calendar's own plan of a schedule, so the words
 * cannot disagree with the dates.
 */
import { parseCalendarDate } from '@/lib/dates/calendar-date';
import { partsFromEpochDay, weekdayOfEpochDay } from '@/lib/dates/epoch-day';
import { planSchedule, type Schedule } from './calendar';
import { LAST_NTH_WEEK, type DayPick } from './month-day';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTH_ABBREVIATIONS = [
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec',
] as const;
const NTH_WORDS = ['1st', '2nd', '3rd', '4th'] as const;

/** "Monthly" for one, "Every 3 months" for more. */
function every(count: number, adverb: string, plural: string): string {
  return count === 1 ? adverb : `Every ${count} ${plural}`;
}

function describeDayPick(pick: DayPick): string {
  if (pick.kind === 'last-day') return 'on the last day';
  // Only days past the 28th fall outside some month; the clamp is part of the rule, so the words say it.
  if (pick.kind === 'day') return pick.day > 28 ? `on the ${ordinal(pick.day)}, or the last day of shorter months` : `on the ${ordinal(pick.day)}`;
  const nth = pick.nth === LAST_NTH_WEEK ? 'last' : NTH_WORDS[pick.nth - 1];
  return `on the ${nth} ${WEEKDAY_NAMES[pick.weekday]}`;
}

/**
 * The cadence in words, for screens (start and end dates are shown separately).
 *
 * @example describeSchedule({ cadence: 'monthly', startDate: '2024-01-31', dayOfMonth: 31 })
 * // 'Monthly on the 31st, or the last day of shorter months'
 * @example
 * describeSchedule({ cadence: 'monthly', startDate: '2024-01-01', intervalMonths: 3, nthWeek: 3, nthWeekday: 5 })
 * // 'Every 3 months on the 3rd Friday'
 * @example describeSchedule({ cadence: 'weekly', startDate: '2024-01-01', intervalWeeks: 2 }) // 'Every 2 weeks on Monday'
 * @example describeSchedule({ cadence: 'annual', startDate: '2024-02-29' })
 * // 'Yearly on Feb 29 (Feb 28 in common years)'
 */
export function describeSchedule(schedule: Schedule): string {
  const plan = planSchedule(schedule);
  if (plan.kind === 'days') {
    if (plan.cadence === 'daily') return every(plan.stepDays, 'Daily', 'days');
    return `${every(plan.stepDays / 7, 'Weekly', 'weeks')} on ${WEEKDAY_NAMES[weekdayOfEpochDay(plan.firstDay)]}`;
  }
  if (plan.cadence === 'annual') {
    const { month, day } = partsFromEpochDay(plan.startDay);
    const onDay = `${MONTH_ABBREVIATIONS[month - 1]} ${day}`;
    return month === 2 && day === 29 ? `Yearly on ${onDay} (Feb 28 in common years)` : `Yearly on ${onDay}`;
  }
  return `${every(plan.stepMonths, 'Monthly', 'months')} ${describeDayPick(plan.pick)}`;
}

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

/**
 * Why an occurrence falls on another day than the schedule names, in a few words for screens, or null when it
 * falls on its own day. Only a clamp moves a date: a day of month past the month's end ("31st → Feb 28"), or an
 * annual Feb 29 in a common year ("Feb 29 → Feb 28"). The last day of the month and the last weekday are their own
 * days, never moved.
 *
 * @example clampNote({ cadence: 'monthly', startDate: '2027-01-31' }, '2027-02-28') // '31st → Feb 28'
 * @example clampNote({ cadence: 'monthly', startDate: '2027-01-31', endOfMonth: true }, '2027-02-28') // null
 * @example clampNote({ cadence: 'annual', startDate: '2024-02-29' }, '2025-02-28') // 'Feb 29 → Feb 28'
 */
export function clampNote(schedule: Schedule, date: string): string | null {
  const plan = planSchedule(schedule);
  if (plan.kind !== 'months' || plan.pick.kind !== 'day') return null;
  const { month, day } = parseCalendarDate(date);
  if (day >= plan.pick.day) return null;
  const to = `${MONTH_ABBREVIATIONS[month - 1]} ${day}`;
  return plan.cadence === 'annual' ? `${MONTH_ABBREVIATIONS[month - 1]} ${plan.pick.day} → ${to}` : `${ordinal(plan.pick.day)} → ${to}`;
}
