import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { CompanyLocale } from '@/db/schema/enums';
import { DATE_FNS_LOCALES, DEFAULT_LOCALE } from './display-date';

/**
 * An instant in a company's zone and locale (null zone: UTC), with the zone's short name so nobody reads it as
 * their own time. Formatted on the server: in the browser, a zone-dependent text mismatches on hydration.
 *
 * @example formatInstant('2026-12-01T05:00:00Z', 'America/New_York') // '12/01/2026, 12:00 AM EST'
 * @example formatInstant('2026-12-01T05:00:00Z', 'Europe/Berlin', 'de-DE') // '01.12.2026, 06:00 MEZ'
 */
export function formatInstant(instant: Date | string | null, timeZone?: string | null, locale: CompanyLocale = DEFAULT_LOCALE): string {
  if (instant === null) return '—';
  const zone = timeZone ?? 'UTC';
  const at = new TZDate(typeof instant === 'string' ? Date.parse(instant) : instant.getTime(), zone);
  const zoneName = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone;
  return `${format(at, 'P, p', { locale: DATE_FNS_LOCALES[locale] })} ${zoneName}`;
}
