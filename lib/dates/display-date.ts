import type { Locale } from 'date-fns';
import { de, enGB, enUS, es, fr, ja, nl, sv } from 'date-fns/locale';
import type { CompanyLocale } from '@/db/schema/enums';

/**
 * How people read a company's calendar dates: one numeric date format per company locale (date-fns's localized `P`),
 * used by every screen through `<DateText>`, and by `formatInstant` (format-instant.ts) for instants. Display only: the due-instant maths
 * stays in local-day.ts, where these libraries are wrong on skipped midnights.
 */

export const DATE_FNS_LOCALES: Record<CompanyLocale, Locale> = {
  'en-US': enUS,
  'en-GB': enGB,
  'de-DE': de,
  'fr-FR': fr,
  'es-ES': es,
  'nl-NL': nl,
  'ja-JP': ja,
  'sv-SE': sv,
};

/** What Settings → Company lists: the language, and a sample so the owner sees the format they pick. */
export const LOCALE_NAMES: Record<CompanyLocale, string> = {
  'en-US': 'English (United States)',
  'en-GB': 'English (United Kingdom)',
  'de-DE': 'Deutsch (Deutschland)',
  'fr-FR': 'Français (France)',
  'es-ES': 'Español (España)',
  'nl-NL': 'Nederlands (Nederland)',
  'ja-JP': '日本語 (日本)',
  'sv-SE': 'Svenska (Sverige)',
};

export const DEFAULT_LOCALE: CompanyLocale = 'en-US';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A locale's short date pattern's fields, each with how to write it from the date's parts. */
const DATE_FIELD = /yyyy|y|MM|M|dd|d/g;

/**
 * A 'YYYY-MM-DD' calendar date in the company's format: the locale's short date pattern (date-fns's `P`, such as
 * `dd.MM.y`) filled with the string's own parts. No `Date` is involved, so no zone, the server's or the
 * browser's, can move it to another day (date-fns's own `format` on a UTC TZDate shows 2011-12-31 for 2011-12-30
 * when the process runs in Pacific/Apia, which skipped that day). Anything else is shown as it came.
 *
 * @example formatCalendarDate('2026-12-03', 'en-US') // '12/03/2026'
 * @example formatCalendarDate('2026-12-03', 'de-DE') // '03.12.2026'
 */
export function formatCalendarDate(date: string, locale: CompanyLocale): string {
  const match = CALENDAR_DATE.exec(date);
  if (!match) return date;
  const [, year = '', month = '', day = ''] = match;
  const pattern = DATE_FNS_LOCALES[locale].formatLong?.date({ width: 'short' }) ?? 'yyyy-MM-dd';
  const fields: Record<string, string> = { yyyy: year, y: year, MM: month, M: String(Number(month)), dd: day, d: String(Number(day)) };
  return pattern.replace(DATE_FIELD, (field) => fields[field] ?? field);
}

/**
 * The company's date format for an action's message (a toast): the action's body learns the company (`seen`), and
 * the message, written after the body, formats its dates with it (`date`), as the screens do.
 *
 * @example const dates = toastDates(); … body: dates.seen(company) … message: `Paused until ${dates.date(rule.resumeOn)}`
 */
export function toastDates() {
  let locale: CompanyLocale = DEFAULT_LOCALE;
  return {
    seen(company: { locale: CompanyLocale }) {
      locale = company.locale;
    },
    date: (date: string) => formatCalendarDate(date, locale),
  };
}
