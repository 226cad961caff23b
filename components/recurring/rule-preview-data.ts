import { getWeekday } from '@/lib/dates/calendar-date';
import type { CompanyLocale } from '@/db/schema/enums';
import { formatInstant } from '@/lib/dates/format-instant';
import { formatMoney } from '@/lib/money';
import type { PreviewOccurrence } from '@/lib/recurring/preview';
import { SKIP_LABEL } from './rule-labels';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** An upcoming occurrence as the preview shows it, formatted on the server in the company's zone. */
export interface PreviewRow {
  date: string;
  weekday: (typeof WEEKDAYS)[number];
  dueDate: string;
  /** When the sweep posts it, in the company's zone and date format. */
  runAt: string;
  /** Why it will be skipped instead, in words; null when it posts. */
  skip: string | null;
  notes: string[];
  lines: { side: 'Dr' | 'Cr'; account: string; amount: string }[];
}

/** Occurrences from `previewRule` in the screen's words; the dates come from `upcomingOccurrences`, never recomputed. */
export function previewRowsOf(preview: PreviewOccurrence[], currency: string, timeZone: string | null, locale: CompanyLocale): PreviewRow[] {
  return preview.map((p) => ({
    date: p.occurrenceDate,
    weekday: WEEKDAYS[getWeekday(p.occurrenceDate)],
    dueDate: p.dueDate,
    runAt: formatInstant(p.runAt, timeZone, locale),
    skip: p.skipReason ? SKIP_LABEL[p.skipReason] : null,
    notes: p.notes,
    lines: p.lines.map((l) => ({ side: l.side, account: `${l.accountCode} ${l.accountName}`, amount: formatMoney(l.amountMinor, currency) })),
  }));
}
