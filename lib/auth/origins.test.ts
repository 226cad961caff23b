import { describe, expect, it } from 'vitest';
import { trustedOriginsFor } from './origins';

// Next.js builds a route's request URL from its own hostname (here localhost:3000), whatever the browser typed.
const request = (headers: Record<string, string>) => new Request('http://localhost:3000/api/auth/sign-in/email', { method: 'POST', headers });

describe('trustedOriginsFor without BETTER_AUTH_URL', () => {
  it('is the origin the request was sent to: its Host, with the scheme it came over', () => {
    expect(trustedOriginsFor(request({ host: '127.0.0.1:3000' }), undefined)).toEqual(['http://127.0.0.1:3000']);
    expect(trustedOriginsFor(request({ host: 'localhost:3000' }), undefined)).toEqual(['http://localhost:3000']);
    expect(trustedOriginsFor(request({ host: '[::1]:3000' }), undefined)).toEqual(['http://[::1]:3000']);
    expect(trustedOriginsFor(request({ host: 'books.example.com', 'x-forwarded-proto': 'https' }), undefined)).toEqual(['https://books.example.com']);
    expect(trustedOriginsFor(request({ host: 'Books.Example.com:443', 'x-forwarded-proto': 'https' }), undefined)).toEqual(['https://books.example.com']);
    expect(trustedOriginsFor(request({ host: 'books.example.com', 'x-forwarded-proto': 'https, http' }), undefined)).toEqual(['https://books.example.com']);
  });

  it('adds nothing for a Host that is not a plain host and port, or for a call without a request', () => {
    for (const host of ['books.example.com/@evil.test', 'evil.test#.books.example.com', 'user@books.example.com', 'books.example.com:99999x', ''])
      expect(trustedOriginsFor(request({ host }), undefined), host).toEqual([]);
    expect(trustedOriginsFor(undefined, undefined)).toEqual([]);
  });

  it('ignores a scheme other than http or https', () => {
    expect(trustedOriginsFor(request({ host: '127.0.0.1:3000', 'x-forwarded-proto': 'javascript' }), undefined)).toEqual(['http://127.0.0.1:3000']);
  });
});

describe('trustedOriginsFor with BETTER_AUTH_URL', () => {
  it('adds the other loopback names for a loopback origin, on the same port and scheme', () => {
    expect(trustedOriginsFor(undefined, 'http://localhost:3000')).toEqual(['http://127.0.0.1:3000', 'http://[::1]:3000']);
    expect(trustedOriginsFor(undefined, 'http://127.0.0.1:4173/')).toEqual(['http://localhost:4173', 'http://[::1]:4173']);
    expect(trustedOriginsFor(undefined, 'https://localhost')).toEqual(['https://127.0.0.1', 'https://[::1]']);
  });

  it('adds nothing for a public origin, whatever the request says', () => {
    expect(trustedOriginsFor(request({ host: 'evil.test' }), 'https://books.example.com')).toEqual([]);
    expect(trustedOriginsFor(request({ host: '127.0.0.1:3000' }), 'https://books.example.com')).toEqual([]);
  });
});
