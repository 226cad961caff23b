import { describe, expect, it } from 'vitest';
import { comparisonPeriod, matchingPreset, PERIOD_PRESETS, presetPeriod } from './report-periods';

describe('presetPeriod', () => {
  it.each([
    // today, this month, last month, this quarter, year to date, last year
    ['2026-11-15', ['2026-11-01', '2026-11-30'], ['2026-10-01', '2026-10-31'], ['2026-10-01', '2026-12-31'], ['2026-01-01', '2026-11-15'], ['2025-01-01', '2025-12-31']],
    ['2026-01-10', ['2026-01-01', '2026-01-31'], ['2025-12-01', '2025-12-31'], ['2026-01-01', '2026-03-31'], ['2026-01-01', '2026-01-10'], ['2025-01-01', '2025-12-31']],
    ['2024-03-31', ['2024-03-01', '2024-03-31'], ['2024-02-01', '2024-02-29'], ['2024-01-01', '2024-03-31'], ['2024-01-01', '2024-03-31'], ['2023-01-01', '2023-12-31']],
    ['2026-06-30', ['2026-06-01', '2026-06-30'], ['2026-05-01', '2026-05-31'], ['2026-04-01', '2026-06-30'], ['2026-01-01', '2026-06-30'], ['2025-01-01', '2025-12-31']],
  ])('on %s the presets pick exactly these dates', (today, ...expected) => {
    expect(PERIOD_PRESETS.map((p) => { const { from, to } = presetPeriod(p, today); return [from, to]; })).toEqual(expected);
  });

  it('names the preset a period is, and none for other dates', () => {
    expect(matchingPreset({ from: '2026-10-01', to: '2026-12-31' }, '2026-11-15')).toBe('this_quarter');
    expect(matchingPreset({ from: '2026-01-01', to: '2026-11-15' }, '2026-11-15')).toBe('year_to_date');
    expect(matchingPreset({ from: '2026-01-01', to: '2026-11-14' }, '2026-11-15')).toBeNull();
  });
});

describe('comparisonPeriod', () => {
  it.each([
    // A whole month against the whole month before, of its own length.
    [{ from: '2026-03-01', to: '2026-03-31' }, 'previous_period', { from: '2026-02-01', to: '2026-02-28' }],
    // A whole quarter against the quarter before.
    [{ from: '2026-10-01', to: '2026-12-31' }, 'previous_period', { from: '2026-07-01', to: '2026-09-30' }],
    // A whole year against the year before, leap day and all.
    [{ from: '2025-01-01', to: '2025-12-31' }, 'previous_period', { from: '2024-01-01', to: '2024-12-31' }],
    // Any other period against as many days just before.
    [{ from: '2026-03-10', to: '2026-03-19' }, 'previous_period', { from: '2026-02-28', to: '2026-03-09' }],
    [{ from: '2026-01-01', to: '2026-01-15' }, 'previous_period', { from: '2025-12-17', to: '2025-12-31' }],
    // The same dates a year earlier, 29 February clamped.
    [{ from: '2026-01-01', to: '2026-11-15' }, 'previous_year', { from: '2025-01-01', to: '2025-11-15' }],
    [{ from: '2024-02-01', to: '2024-02-29' }, 'previous_year', { from: '2023-02-01', to: '2023-02-28' }],
  ] as const)('%o compared with the %s is %o', (period, comparison, expected) => {
    expect(comparisonPeriod(period, comparison)).toEqual(expected);
  });

  it('is null with no comparison, or when the comparison would leave the years a date can hold', () => {
    expect(comparisonPeriod({ from: '2026-01-01', to: '2026-01-31' }, 'none')).toBeNull();
    expect(comparisonPeriod({ from: '0000-01-01', to: '0000-01-31' }, 'previous_year')).toBeNull();
  });
});
