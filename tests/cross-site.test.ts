import { describe, expect, it, vi } from 'vitest';
import { refuseCrossSite } from '@/lib/http/route';

vi.mock('server-only', () => ({}));

// Under `next start` a route handler's request.url may name localhost for a request sent to 127.0.0.1, so comparing
// the Origin with the URL alone refused the app's own session writes (smoke:recurring's POST /api/parties: 403).
const post = (url: string, headers: Record<string, string>) => new Request(url, { method: 'POST', headers });

describe('refuseCrossSite', () => {
  it('accepts a write whose Origin is the host it was sent to, though the server rebuilt its URL as localhost', () => {
    expect(() => refuseCrossSite(post('http://localhost:3000/api/parties', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }))).not.toThrow();
    expect(() => refuseCrossSite(post('http://localhost:3000/api/parties', { origin: 'http://localhost:3000' }))).not.toThrow();
  });

  it('refuses a write from another origin or another site, whatever the Host', () => {
    expect(() => refuseCrossSite(post('http://localhost:3000/api/parties', { origin: 'https://evil.test', host: '127.0.0.1:3000' }))).toThrow(
      'Cross-site requests are refused',
    );
    expect(() => refuseCrossSite(post('http://localhost:3000/api/parties', { origin: 'http://127.0.0.1:3001', host: '127.0.0.1:3000' }))).toThrow(
      'Cross-site requests are refused',
    );
    expect(() => refuseCrossSite(post('http://localhost:3000/api/parties', { 'sec-fetch-site': 'cross-site' }))).toThrow('Cross-site requests are refused');
  });
});
