import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { refuseNulBytes } from './nul-bytes';

/** `{ a: [{ a: [ … 'deep' … ] }] }`, `depth` levels of objects and arrays. */
function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

function thrown(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('refuseNulBytes', () => {
  it('names the field holding a NUL character, in objects and arrays', () => {
    const error = thrown(() => refuseNulBytes({ memo: 'a\u0000b', lines: [{ note: 'ok' }, { note: '\u0000' }] }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({
      memo: ['Remove the NUL character (\\0): text cannot contain it'],
      'lines.1.note': ['Remove the NUL character (\\0): text cannot contain it'],
    });
    expect(() => refuseNulBytes({ memo: 'fine', n: 1, list: [null, true] })).not.toThrow();
  });

  // Found by tests/api-fuzz.test.ts: a JSON body nested 3,000 levels deep overflowed the stack in this walk, and
  // every route answered it 500 instead of 400.
  it('refuses a body nested 3,000 levels deep as bad input, not with a stack overflow', () => {
    const error = thrown(() => refuseNulBytes(nested(3000)));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation');
    expect((error as AppError).fieldErrors).toEqual({ _form: ['The request body is nested too deeply: at most 32 levels'] });
    expect(() => refuseNulBytes(nested(32))).not.toThrow();
    expect(thrown(() => refuseNulBytes(nested(33)))).toBeInstanceOf(AppError);
  });
});
