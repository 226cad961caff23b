import { describe, expect, it } from 'vitest';
import { decimalOf, exactMinorAmount, exactMinorOf } from './values';

describe('exactMinorOf', () => {
  it('gives a safe integer as a JSON number and anything beyond as its exact digits', () => {
    expect(exactMinorOf(0n)).toBe(0);
    expect(exactMinorOf(125050n)).toBe(125050);
    expect(exactMinorOf(9_007_199_254_740_991n)).toBe(9_007_199_254_740_991);
    expect(exactMinorOf(-9_007_199_254_740_991n)).toBe(-9_007_199_254_740_991);
    expect(exactMinorOf(9_007_199_254_740_992n)).toBe('9007199254740992');
    expect(exactMinorOf(-9_007_199_254_740_993n)).toBe('-9007199254740993');
    expect(exactMinorOf(9_999_999_999_999_900n)).toBe('9999999999999900');
  });

  it('matches the schema it is documented with', () => {
    for (const minor of [0n, -5n, 9_007_199_254_740_992n, -(10n ** 30n)]) expect(exactMinorAmount.safeParse(exactMinorOf(minor)).success).toBe(true);
    expect(exactMinorAmount.safeParse('12.5').success).toBe(false);
  });
});

describe('decimalOf', () => {
  it('writes a bigint total past 2^53 to the cent', () => {
    expect(decimalOf(9_999_999_999_999_901n, 'EUR')).toBe('99999999999999.01');
    expect(decimalOf(-1n, 'USD')).toBe('-0.01');
    expect(decimalOf(1234n, 'JPY')).toBe('1234');
  });
});
