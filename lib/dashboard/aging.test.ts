import { describe, expect, it } from 'vitest';
import { ageOpenAmounts, agingBucketOf } from './aging';

describe('agingBucketOf', () => {
  it.each([
    ['2026-12-31', 'current'], // not yet due
    ['2026-12-01', 'current'], // due today
    ['2026-11-30', '1-30'],
    ['2026-11-01', '1-30'], // 30 days past due
    ['2026-10-31', '31-60'],
    ['2026-10-02', '31-60'], // 60
    ['2026-10-01', '61-90'],
    ['2026-09-02', '61-90'], // 90
    ['2026-09-01', 'over-90'],
    ['2024-02-29', 'over-90'],
  ])('due %s, seen on 2026-12-01 → %s', (due, bucket) => {
    expect(agingBucketOf(due, '2026-12-01')).toBe(bucket);
  });

  it('counts whole calendar days across a leap day: due 2028-01-30 is 30 days past due on 2028-02-29', () => {
    expect(agingBucketOf('2028-01-30', '2028-02-29')).toBe('1-30');
    expect(agingBucketOf('2028-01-29', '2028-02-29')).toBe('31-60');
  });
});

describe('ageOpenAmounts', () => {
  it('sums amounts and documents per bucket and in total, exactly past Number.MAX_SAFE_INTEGER', () => {
    const aging = ageOpenAmounts(
      [
        { dueDate: '2026-12-15', openMinor: 240_000n, documents: 1 },
        { dueDate: '2026-11-21', openMinor: 75_000n, documents: 1 },
        { dueDate: '2026-11-20', openMinor: 9_007_199_254_740_993n, documents: 2 },
        { dueDate: '2026-08-01', openMinor: 180_000n, documents: 1 },
      ],
      '2026-12-01',
    );
    expect(aging.buckets).toEqual({
      current: { openMinor: 240_000n, documents: 1 },
      '1-30': { openMinor: 9_007_199_254_815_993n, documents: 3 },
      '31-60': { openMinor: 0n, documents: 0 },
      '61-90': { openMinor: 0n, documents: 0 },
      'over-90': { openMinor: 180_000n, documents: 1 },
    });
    expect(aging.totalMinor).toBe(9_007_199_255_235_993n);
    expect(aging.documents).toBe(5);
  });
});
