import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, fieldError } from '@/lib/errors';
import { fieldsFromZod, HttpProblem, problemOf } from './problem';

describe('fieldsFromZod', () => {
  // Found by tests/api-fuzz.test.ts: an unknown field named like a member of Object.prototype made the error
  // builder call valueOf.push(...), and the route answered 500 instead of naming the field.
  it('names unknown fields called valueOf, toString, constructor or __proto__ like any other', () => {
    const strict = z.strictObject({ name: z.string() });
    const body = JSON.parse('{"name":"x","valueOf":1,"toString":{},"constructor":[],"__proto__":"y","hasOwnProperty":null}') as unknown;
    const result = strict.safeParse(body);
    expect(result.success).toBe(false);
    const fields = fieldsFromZod(result.error!);
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    for (const key of Object.keys(fields)) expect(fields[key]).toEqual(['Unknown field: remove it']);
    expect(JSON.parse(JSON.stringify(fields))).toEqual(JSON.parse('{"valueOf":["Unknown field: remove it"],"toString":["Unknown field: remove it"],"constructor":["Unknown field: remove it"],"__proto__":["Unknown field: remove it"],"hasOwnProperty":["Unknown field: remove it"]}'));
  });

  const schema = z.strictObject({
    name: z.string().min(1, 'Enter a name'),
    payload: z.strictObject({ amount: z.string({ error: 'Enter an amount' }), lines: z.array(z.strictObject({ memo: z.string() })) }),
  });

  it('keys each message by the dotted path of its field, unknown keys on their own path', () => {
    const result = schema.safeParse({ name: '', payload: { lines: [{ memo: 1, colour: 'red' }], extra: true }, other: 1 });
    expect(result.success).toBe(false);
    expect(fieldsFromZod(result.error!)).toEqual({
      name: ['Enter a name'],
      'payload.amount': ['Enter an amount'],
      'payload.lines.0.memo': ['Invalid input: expected string, received number'],
      'payload.lines.0.colour': ['Unknown field: remove it'],
      'payload.extra': ['Unknown field: remove it'],
      other: ['Unknown field: remove it'],
    });
  });

  it('puts a body that is not an object on _form', () => {
    expect(fieldsFromZod(schema.safeParse('text').error!)).toEqual({ _form: ['Invalid input: expected object, received string'] });
  });
});

describe('problemOf', () => {
  it('shows a deliberate error as it is, with its fields', () => {
    expect(problemOf(fieldError('payload.amount', 'Too many decimals'))).toEqual({
      problem: {
        type: '/api/problems/validation',
        title: 'The request is not valid',
        status: 400,
        detail: 'Some fields need attention',
        code: 'validation',
        fields: { 'payload.amount': ['Too many decimals'] },
      },
      headers: {},
    });
    expect(problemOf(new AppError('conflict', 'Someone changed it')).problem).toMatchObject({ status: 409, code: 'conflict', detail: 'Someone changed it' });
  });

  it('carries the HTTP layer’s own problems with their headers', () => {
    expect(problemOf(new HttpProblem('rate_limited', 'Slow down', { 'retry-after': '3' }))).toEqual({
      problem: { type: '/api/problems/rate-limited', title: 'Too many requests', status: 429, detail: 'Slow down', code: 'rate_limited' },
      headers: { 'retry-after': '3' },
    });
    expect(problemOf(new HttpProblem('idempotency_key_reused', 'x')).problem.status).toBe(422);
    expect(problemOf(new HttpProblem('precondition_failed', 'x')).problem.status).toBe(412);
  });

  it('never shows an unexpected error’s message or stack', () => {
    const { problem } = problemOf(new Error('connection to 10.0.0.5 refused: password authentication failed'));
    expect(problem).toEqual({
      type: '/api/problems/internal',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong. It has been logged.',
      code: 'internal',
    });
  });
});
