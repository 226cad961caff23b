import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { asOfInput, documentInput, paymentInput, periodInput } from '@/lib/ledger/schemas';
import { pauseInput, pauseUntilInput, ruleInput } from '@/lib/recurring/schemas';

// Written out, not imported from the module under test: 0101-01-02 is the first day whose run-at (up to 365 days
// earlier, and up to a day earlier again east of UTC) is an instant in year 0100 or later, which the database driver
// reads back as written; 9989-12-31 + 3650 days = 9999-12-29.
const FIRST = '0101-01-02';
const LAST = '9989-12-31';
const OUTSIDE = ['0000-01-01', '0001-01-01', '10000-01-01', '0101-01-01', '9990-01-01'];

const rule = {
  name: 'Rent',
  type: 'expense',
  partyId: 1,
  categoryId: 2,
  amount: '10.00',
  cadence: 'monthly',
  startDate: '2026-01-01',
};
const invoice = { partyId: 1, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: '10.00', categoryId: 2 };
const payment = { documentId: 1, amount: '10.00', date: '2026-01-05' };

/** The field errors of a parse, by field; empty when it passed. */
function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

const cases: Array<[string, z.ZodType, Record<string, unknown>, string]> = [
  ['a rule start', ruleInput, rule, 'startDate'],
  ['a rule end', ruleInput, rule, 'endDate'],
  ['a rule manual due date', ruleInput, rule, 'dueDate'],
  ['an invoice issue date', documentInput, invoice, 'issueDate'],
  ['an invoice due date', documentInput, invoice, 'dueDate'],
  ['a payment date', paymentInput, payment, 'date'],
  ['a resume-on date', pauseInput, {}, 'resumeOn'],
  ['a pause-until date', pauseUntilInput, {}, 'pauseUntil'],
];

describe('dates the database or the engine cannot handle (issue 9: year 0000 passed validation and gave a 500)', () => {
  it.each(cases)('%s outside 0101-01-02 … 9989-12-31 is a field error', (_, schema, valid, field) => {
    expect(fieldErrors(schema, valid)).toEqual({});
    for (const date of OUTSIDE) {
      const errors = fieldErrors(schema, { ...valid, [field]: date });
      expect(Object.keys(errors), `${field} = ${date}`).toEqual([field]);
    }
  });

  it('says which dates are allowed', () => {
    expect(fieldErrors(paymentInput, { ...payment, date: '0000-01-01' })).toEqual({
      date: ['Use a date from 0101-01-02 to 9989-12-31'],
    });
    expect(fieldErrors(ruleInput, { ...rule, startDate: '9990-01-01' })).toEqual({
      startDate: ['Use a date from 0101-01-02 to 9989-12-31'],
    });
    expect(fieldErrors(paymentInput, { ...payment, date: '10000-01-01' })).toEqual({
      date: ['Enter a real date as YYYY-MM-DD'],
    });
  });

  it.each(cases)('%s on the first and the last allowed day is accepted', (_, schema, valid, field) => {
    for (const date of [FIRST, LAST]) {
      const input = { ...valid, [field]: date };
      // Keep the other dates of the same record in order around the one under test.
      if (field === 'startDate') Object.assign(input, { startDate: date });
      if (field === 'endDate') Object.assign(input, { startDate: FIRST });
      if (field === 'issueDate') Object.assign(input, { dueDate: LAST });
      if (field === 'dueDate' && schema === documentInput) Object.assign(input, { issueDate: FIRST });
      expect(fieldErrors(schema, input), `${field} = ${date}`).toEqual({});
    }
  });

  it('lets reports ask about any date PostgreSQL stores, and nothing else', () => {
    expect(fieldErrors(asOfInput, { asOf: '0001-01-01' })).toEqual({});
    expect(fieldErrors(asOfInput, { asOf: '9999-12-31' })).toEqual({});
    expect(fieldErrors(periodInput, { from: '0001-01-01', to: '9999-12-31' })).toEqual({});
    expect(fieldErrors(asOfInput, { asOf: '0000-12-31' })).toEqual({ asOf: ['Use a date from 0001-01-01 to 9999-12-31'] });
    expect(fieldErrors(periodInput, { from: '0000-01-01', to: '2026-01-01' })).toEqual({
      from: ['Use a date from 0001-01-01 to 9999-12-31'],
    });
  });
});
