import type { ReportBasis } from '@/db/schema/enums';
import { addDays, addMonths, daysInMonth, differenceInDays, parseCalendarDate } from '@/lib/dates/calendar-date';

/**
 * The periods a report can be asked for: presets computed from the company-local today (the caller passes
 * `todayInZone(now, company.timeZone)`, so "this month" turns over at the company's midnight, not the server's),
 * and the comparison period of the P&L. Pure calendar arithmetic on 'YYYY-MM-DD' strings: no Date, no zone.
 */

export interface Period {
  from: string;
  to: string;
}

export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_quarter', 'year_to_date', 'last_year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PRESET_LABELS: Record<PeriodPreset, string> = {
  this_month: 'This month',
  last_month: 'Last month',
  this_quarter: 'This quarter',
  year_to_date: 'Year to date',
  last_year: 'Last year',
};

/** The last day of the month `date` is in. */
function endOfMonth(date: string): string {
  const { year, month } = parseCalendarDate(date);
  return `${date.slice(0, 8)}${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/**
 * The dates a preset picks on `today`. Months, quarters and years are whole calendar ones (this month runs to its
 * last day, not to today); year to date runs from 1 January to today.
 *
 * @example presetPeriod('this_quarter', '2026-11-15') // { from: '2026-10-01', to: '2026-12-31' }
 * @example presetPeriod('last_month', '2026-01-10') // { from: '2025-12-01', to: '2025-12-31' }
 */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const monthStart = `${today.slice(0, 7)}-01`;
  const year = today.slice(0, 4);
  switch (preset) {
    case 'this_month':
      return { from: monthStart, to: endOfMonth(monthStart) };
    case 'last_month': {
      const from = addMonths(monthStart, -1);
      return { from, to: endOfMonth(from) };
    }
    case 'this_quarter': {
      const { month } = parseCalendarDate(today);
      const from = addMonths(`${year}-01-01`, Math.floor((month - 1) / 3) * 3);
      return { from, to: endOfMonth(addMonths(from, 2)) };
    }
    case 'year_to_date':
      return { from: `${year}-01-01`, to: today };
    case 'last_year': {
      const from = addMonths(`${year}-01-01`, -12);
      return { from, to: addDays(`${year}-01-01`, -1) };
    }
  }
}

/** The preset whose dates are exactly `period` on `today`, if any (the screen marks it as the current one). */
export function matchingPreset(period: Period, today: string): PeriodPreset | null {
  return PERIOD_PRESETS.find((p) => {
    const candidate = presetPeriod(p, today);
    return candidate.from === period.from && candidate.to === period.to;
  }) ?? null;
}

export const COMPARISONS = ['previous_period', 'previous_year', 'none'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const COMPARISON_LABELS: Record<Comparison, string> = {
  previous_period: 'Previous period',
  previous_year: 'Same period last year',
  none: 'No comparison',
};

/**
 * The period a P&L is compared with.
 * - `previous_period` (the default): the period of equal length just before. A period of whole calendar months
 *   (from a 1st to a month's last day) is compared with as many whole months before it, so March is compared
 *   with February (28 days), not with the 31 days before March; any other period with the same number of days
 *   just before it.
 * - `previous_year`: the same dates one year earlier (29 February becomes the 28th).
 * Null for `none`, or when the comparison would leave the years a date can hold.
 *
 * @example comparisonPeriod({ from: '2026-03-01', to: '2026-03-31' }, 'previous_period') // { from: '2026-02-01', to: '2026-02-28' }
 * @example comparisonPeriod({ from: '2026-03-10', to: '2026-03-19' }, 'previous_period') // { from: '2026-02-28', to: '2026-03-09' }
 */
export function comparisonPeriod(period: Period, comparison: Comparison): Period | null {
  try {
    if (comparison === 'none') return null;
    if (comparison === 'previous_year') return { from: addMonths(period.from, -12), to: addMonths(period.to, -12) };
    if (period.from.endsWith('-01') && period.to === endOfMonth(period.to)) {
      const { year: y1, month: m1 } = parseCalendarDate(period.from);
      const { year: y2, month: m2 } = parseCalendarDate(period.to);
      const months = (y2 - y1) * 12 + (m2 - m1) + 1;
      return { from: addMonths(period.from, -months), to: addDays(period.from, -1) };
    }
    const days = differenceInDays(period.to, period.from) + 1;
    return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

export const BASIS_LABELS: Record<ReportBasis, string> = { accrual: 'Accrual', cash: 'Cash' };
