import { describe, expect, it } from 'vitest';
import { COMPANY_LOCALES } from '@/db/schema/enums';
import { formatCalendarDate, LOCALE_NAMES } from './display-date';

describe('formatCalendarDate', () => {
  it('writes a calendar date in each company locale’s numeric format', () => {
    expect(Object.fromEntries(COMPANY_LOCALES.map((l) => [l, formatCalendarDate('2026-12-03', l)]))).toEqual({
      'en-US': '12/03/2026',
      'en-GB': '03/12/2026',
      'de-DE': '03.12.2026',
      'fr-FR': '03/12/2026',
      'es-ES': '03/12/2026',
      'nl-NL': '03-12-2026',
      'ja-JP': '2026/12/03',
      'sv-SE': '2026-12-03',
    });
  });

  it('keeps the day whatever the process zone, on days whose local midnight never happened', () => {
    // 2011-12-30 never happened in Pacific/Apia, and America/Santiago skipped the midnight of 2024-09-08: a Date
    // built at local midnight would show another day in those zones; the parts never go through one.
    const previous = process.env.TZ;
    try {
      for (const zone of ['Pacific/Apia', 'America/Santiago', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        process.env.TZ = zone;
        expect([formatCalendarDate('2011-12-30', 'sv-SE'), formatCalendarDate('2024-09-08', 'en-GB'), formatCalendarDate('2028-02-29', 'en-US')], zone).toEqual([
          '2011-12-30',
          '08/09/2024',
          '02/29/2028',
        ]);
      }
    } finally {
      process.env.TZ = previous;
    }
  });

  it('shows anything that is not a calendar date as it came, never as a made-up day', () => {
    expect(formatCalendarDate('2026-12', 'en-US')).toBe('2026-12');
    expect(formatCalendarDate('', 'en-US')).toBe('');
  });

  it('names every locale for the settings list', () => {
    expect(Object.keys(LOCALE_NAMES)).toEqual([...COMPANY_LOCALES]);
  });
});
