import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { idempotencyKeyOf, requestFingerprint } from './idempotency';

const withKey = (key: string) => new Request('http://h.test/api/parties', { method: 'POST', headers: { 'idempotency-key': key } });

describe('idempotencyKeyOf', () => {
  it('takes the draft’s quoted form and a bare token alike', () => {
    expect(idempotencyKeyOf(withKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"'))).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(idempotencyKeyOf(withKey('order-42'))).toBe('order-42');
    expect(idempotencyKeyOf(new Request('http://h.test/api/parties', { method: 'POST' }))).toBeUndefined();
  });

  it('refuses an empty, oversized or non-ASCII key as a field error on the header', () => {
    for (const key of ['""', 'x'.repeat(256), 'clé']) {
      let error: unknown;
      try {
        idempotencyKeyOf(withKey(key));
      } catch (e) {
        error = e;
      }
      expect(error, key).toBeInstanceOf(AppError);
      expect((error as AppError).fieldErrors).toEqual({ 'Idempotency-Key': ['Use 1 to 255 printable ASCII characters, e.g. a UUID'] });
    }
  });
});

describe('requestFingerprint', () => {
  it('is the same for the same JSON in another key order, and differs for another body, path or method', () => {
    const url = 'http://h.test/api/parties';
    const base = requestFingerprint('POST', url, { kind: 'vendor', name: 'A', nested: { b: 1, a: [1, 2] } });
    expect(requestFingerprint('POST', url, { nested: { a: [1, 2], b: 1 }, name: 'A', kind: 'vendor' })).toBe(base);
    expect(requestFingerprint('POST', url, { kind: 'vendor', name: 'B', nested: { b: 1, a: [1, 2] } })).not.toBe(base);
    expect(requestFingerprint('POST', url, { kind: 'vendor', name: 'A', nested: { b: 1, a: [2, 1] } })).not.toBe(base);
    expect(requestFingerprint('POST', `${url}?x=1`, { kind: 'vendor', name: 'A', nested: { b: 1, a: [1, 2] } })).not.toBe(base);
    expect(requestFingerprint('PUT', url, { kind: 'vendor', name: 'A', nested: { b: 1, a: [1, 2] } })).not.toBe(base);
  });
});
