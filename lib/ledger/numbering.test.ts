import { describe, expect, it } from 'vitest';
import { formatNumber, MAX_TYPED_NUMBER, NUMBERING_OF, parseNumber, voidReference } from './numbering';

describe('the ledger numbering', () => {
  it('parses exactly the numbers formatNumber writes, of every numbered kind', () => {
    expect(parseNumber('INV-000042')).toEqual({ kind: 'invoice', value: 42 });
    expect(parseNumber('BILL-000001')).toEqual({ kind: 'bill', value: 1 });
    expect(parseNumber('PAY-001200')).toEqual({ kind: 'payment_received', value: 1200 });
    // Payments made are numbered in the payments' one sequence (PMT- until issue 13: a plain reference now).
    expect(formatNumber('payment_made', 1_234_567)).toBe('PAY-1234567');
    expect(parseNumber('PAY-1234567')).toEqual({ kind: 'payment_received', value: 1_234_567 });
    expect(parseNumber(formatNumber('invoice', MAX_TYPED_NUMBER))).toEqual({ kind: 'invoice', value: 999_999_999_999 });
    for (const kind of ['invoice', 'bill', 'payment_received', 'payment_made'] as const) {
      for (const value of [1, 999_999, 1_000_000, 123_456_789]) expect(parseNumber(formatNumber(kind, value))).toEqual({ kind: NUMBERING_OF[kind], value });
    }
  });

  it('leaves alone what it never writes: other prefixes, short or zero-padded digits, lower case, voids, recurring references', () => {
    const others = ['INV-42', 'INV-0000042', 'inv-000042', 'INV-000042a', 'INV000042', 'VOID-INV-000001', 'REC-1-2026-01-01', 'PO-000077', '2019/0044', 'PMT-000001'];
    for (const reference of [...others, 'VOID-000001']) expect(parseNumber(reference), reference).toBeNull();
  });

  it('reports a number beyond the typed range as larger than it', () => {
    expect(parseNumber('INV-1000000000000')!.value).toBeGreaterThan(MAX_TYPED_NUMBER);
    expect(parseNumber('INV-99999999999999999999')!.value).toBeGreaterThan(MAX_TYPED_NUMBER);
  });

  it('references a void after the entry it voids', () => {
    expect(voidReference('INV-000001')).toBe('VOID-INV-000001');
  });
});
