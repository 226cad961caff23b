'use client';

import { formatCalendarDate } from '@/lib/dates/display-date';
import { useCompanyLocale } from './company-locale';

/**
 * A calendar date as people read it: every screen shows a 'YYYY-MM-DD' date through this one component, in the
 * company's date format (its locale, Settings → Company). The machine-readable value stays in `dateTime`, which is
 * what tests and assistive tech should rely on; the text never wraps mid-value. Formatting reads the string's own
 * parts, never a `Date`, so the server and the browser render the same text in any zone.
 */
export function DateText({ date, className }: { date: string; className?: string }) {
  const locale = useCompanyLocale();
  return (
    <time dateTime={date} className={className ? `whitespace-nowrap ${className}` : 'whitespace-nowrap'}>
      {formatCalendarDate(date, locale)}
    </time>
  );
}
