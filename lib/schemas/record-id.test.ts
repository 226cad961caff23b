import { describe, expect, it } from 'vitest';
import { documentInput } from '@/lib/ledger/schemas';
import { recordId } from './common';

// A record id arrives as digits from a form or a URL, and as a number in JSON. Anything else that JavaScript's
// Number() happens to turn into a number (true → 1, [5] → 5, '0x10' → 16, '1e3' → 1000, ' 7 ' → 7) is not an id
// the caller meant: a JSON body naming `"partyId": true` must be refused, not read as record 1.

describe('recordId', () => {
  it('takes an id as a JSON number or as digits', () => {
    expect([5, '5', '007', Number.MAX_SAFE_INTEGER].map((v) => recordId.parse(v))).toEqual([5, 5, 7, Number.MAX_SAFE_INTEGER]);
  });

  it('refuses values that only coerce to an id: true, [5], "0x10", "1e3", " 7 ", "", null, 1.5, 0, -1 and unsafe integers', () => {
    for (const value of [true, false, [5], ['5'], '0x10', '1e3', ' 7 ', '', null, 1.5, 0, -1, '-1', 2 ** 53, '99999999999999999999', {}, 'NaN', 'Infinity']) {
      const result = recordId.safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues.map((i) => i.message), JSON.stringify(value)).toEqual(['Choose a record']);
    }
  });

  it('keeps a document with "partyId": true from naming record 1', () => {
    const body = { partyId: true, categoryId: [2], issueDate: '2026-03-10', dueDate: '2026-04-09', amount: '10.00' };
    const result = documentInput.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['partyId', 'categoryId']);
  });
});
