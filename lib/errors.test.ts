import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsFromZod, parseOrThrow, type AppError } from './errors';

describe('fieldErrorsFromZod', () => {
  // Found by tests/api-fuzz.test.ts: a field named like a member of Object.prototype (valueOf, toString,
  // __proto__) made the error builder throw a TypeError, so the action or route answered 500.
  it('names fields called valueOf, toString, constructor or __proto__ like any other', () => {
    const schema = z.object({ valueOf: z.string('Enter text'), toString: z.string('Enter text'), constructor: z.string('Enter text') });
    const result = schema.safeParse(JSON.parse('{"valueOf":1,"toString":2,"constructor":3}'));
    expect(result.success).toBe(false);
    expect(fieldErrorsFromZod(result.error!)).toEqual({ valueOf: ['Enter text'], toString: ['Enter text'], constructor: ['Enter text'] });

    const strict = z.strictObject({});
    let thrown: unknown;
    try {
      parseOrThrow(strict, JSON.parse('{"__proto__":1,"hasOwnProperty":2}'));
    } catch (error) {
      thrown = error;
    }
    expect((thrown as AppError).code).toBe('validation');
    expect(Object.keys((thrown as AppError).fieldErrors!)).toEqual(['_form']);
  });
});
