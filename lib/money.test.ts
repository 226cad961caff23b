import { describe, expect, it } from 'vitest';
import { currencyMinorDigits, formatMoney, MAX_AMOUNT_MINOR, toDecimalString } from './money';

describe('money totals past Number.MAX_SAFE_INTEGER', () => {
  it('formats a bigint total exactly, where a number would have rounded it', () => {
    const total = 100n * BigInt(MAX_AMOUNT_MINOR) + 1n; // 100 documents at the maximum, plus 0.01
    expect(Number.isSafeInteger(Number(total))).toBe(false);
    expect(toDecimalString(total, 2)).toBe('99999999999999.01');
    expect(formatMoney(total, 'USD')).toBe('$99,999,999,999,999.01');
    expect(formatMoney(-total, 'USD')).toBe('-$99,999,999,999,999.01');
    expect(toDecimalString(-1n, 2)).toBe('-0.01');
    expect(toDecimalString(0n, 0)).toBe('0');
  });

  it('still refuses an unsafe number rather than print a rounded one', () => {
    expect(() => toDecimalString(2 ** 53, 2)).toThrow(RangeError);
    expect(toDecimalString(-12345, 2)).toBe('-123.45');
  });
});

describe('currencyMinorDigits', () => {
  it('knows each currency’s minor unit, the same when asked again (it is remembered)', () => {
    expect(['USD', 'JPY', 'BHD', 'USD', 'JPY', 'BHD'].map(currencyMinorDigits)).toEqual([2, 0, 3, 2, 0, 3]);
  });

  it('still refuses a code not shaped like one, every time', () => {
    expect(() => currencyMinorDigits('US')).toThrow(RangeError);
    expect(() => currencyMinorDigits('US')).toThrow(RangeError);
  });
});
