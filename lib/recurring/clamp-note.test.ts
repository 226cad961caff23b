import { describe, expect, it } from 'vitest';
import { localDayStartDelayMs } from '@/lib/dates/local-day';
import { occurrencesFrom, type Schedule } from './calendar';
import { clampNote } from './calendar-words';

describe('clampNote: why a date moved', () => {
  it('names the clamp of a day past the month end, and nothing on the months that have the day', () => {
    const on31st: Schedule = { cadence: 'monthly', startDate: '2027-01-31' };
    const dates = occurrencesFrom(on31st, '2027-01-31', 5);
    expect(dates.map((d) => [d, clampNote(on31st, d)])).toEqual([
      ['2027-01-31', null],
      ['2027-02-28', '31st → Feb 28'],
      ['2027-03-31', null],
      ['2027-04-30', '31st → Apr 30'],
      ['2027-05-31', null],
    ]);
    expect(clampNote({ cadence: 'monthly', startDate: '2028-01-01', dayOfMonth: 30 }, '2028-02-29')).toBe('30th → Feb 29');
    expect(clampNote({ cadence: 'monthly', startDate: '2028-01-01', dayOfMonth: 29 }, '2027-02-28')).toBe('29th → Feb 28');
  });

  it('leaves the month end, the last weekday, daily, weekly and a leap-year Feb 29 alone', () => {
    expect(clampNote({ cadence: 'monthly', startDate: '2027-01-31', endOfMonth: true }, '2027-02-28')).toBeNull();
    expect(clampNote({ cadence: 'monthly', startDate: '2027-01-01', nthWeek: 5, nthWeekday: 5 }, '2027-02-26')).toBeNull();
    expect(clampNote({ cadence: 'daily', startDate: '2027-01-31' }, '2027-02-28')).toBeNull();
    expect(clampNote({ cadence: 'weekly', startDate: '2027-01-31', weekday: 0 }, '2027-02-28')).toBeNull();
    expect(clampNote({ cadence: 'annual', startDate: '2024-02-29' }, '2028-02-29')).toBeNull();
  });

  it('names an annual Feb 29 that falls on Feb 28 in a common year', () => {
    expect(clampNote({ cadence: 'annual', startDate: '2024-02-29' }, '2025-02-28')).toBe('Feb 29 → Feb 28');
    expect(clampNote({ cadence: 'annual', startDate: '2024-02-29' }, '2100-02-28')).toBe('Feb 29 → Feb 28');
  });
});

describe('localDayStartDelayMs: a local day that starts after midnight', () => {
  it('is an hour on Santiago’s spring-forward day, whose midnight does not exist', () => {
    expect(localDayStartDelayMs('2024-09-08', 'America/Santiago')).toBe(3_600_000);
  });
  it('is zero where the gap is later in the night, or the zone is UTC', () => {
    expect(localDayStartDelayMs('2024-03-10', 'America/New_York')).toBe(0);
    expect(localDayStartDelayMs('2024-09-08')).toBe(0);
    expect(localDayStartDelayMs('2024-09-07', 'America/Santiago')).toBe(0);
  });
  it('is a whole day where the date never happened (Pacific/Apia skipped 2011-12-30)', () => {
    expect(localDayStartDelayMs('2011-12-30', 'Pacific/Apia')).toBe(86_400_000);
  });
});
