import { describe, expect, it } from 'vitest';
import { formatInstant } from './format-instant';

describe('formatInstant', () => {
  it('shows an instant in the company zone, whatever the process zone', () => {
    expect(formatInstant('2026-12-01T05:00:00.000Z', 'America/New_York')).toBe('Dec 1, 2026, 12:00 AM EST');
    expect(formatInstant(new Date('2026-07-01T04:00:00Z'), 'America/New_York')).toBe('Jul 1, 2026, 12:00 AM EDT');
    expect(formatInstant('2026-03-19T15:00:00Z', null)).toBe('Mar 19, 2026, 3:00 PM UTC');
    expect(formatInstant(null, 'Asia/Tokyo')).toBe('—');
  });
});
