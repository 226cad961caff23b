import { describe, expect, it } from 'vitest';
import { formatInstant } from './format-instant';

describe('formatInstant', () => {
  it('shows an instant in the company zone, whatever the process zone', () => {
    expect(formatInstant('2026-12-01T05:00:00.000Z', 'America/New_York')).toBe('12/01/2026, 12:00 AM EST');
    expect(formatInstant(new Date('2026-07-01T04:00:00Z'), 'America/New_York')).toBe('07/01/2026, 12:00 AM EDT');
    expect(formatInstant('2026-03-19T15:00:00Z', null)).toBe('03/19/2026, 3:00 PM UTC');
    expect(formatInstant(null, 'Asia/Tokyo')).toBe('—');
  });

  it('reads in the company locale: its date order and its 24-hour clock', () => {
    expect(formatInstant('2026-12-01T05:00:00Z', 'Europe/Berlin', 'de-DE')).toBe('01.12.2026, 06:00 MEZ');
    expect(formatInstant('2026-12-01T05:00:00Z', 'Europe/London', 'en-GB')).toBe('01/12/2026, 05:00 GMT');
    expect(formatInstant('2026-12-31T23:30:00Z', 'Asia/Tokyo', 'sv-SE')).toBe('2027-01-01, 08:30 GMT+9');
  });

  it('gives the same text whatever zone the process runs in', () => {
    const previous = process.env.TZ;
    try {
      for (const zone of ['UTC', 'Pacific/Apia', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
        process.env.TZ = zone;
        expect([
          formatInstant('2024-04-06T13:00:00Z', 'Australia/Lord_Howe', 'en-GB'),
          formatInstant('2024-09-08T04:00:00Z', 'America/Santiago', 'es-ES'),
          formatInstant('2011-12-31T10:00:00Z', 'Pacific/Apia', 'sv-SE'),
        ], zone).toEqual(['07/04/2024, 00:00 GMT+11', '08/09/2024, 01:00 GMT-3', '2012-01-01, 00:00 GMT+14']);
      }
    } finally {
      process.env.TZ = previous;
    }
  });
});
