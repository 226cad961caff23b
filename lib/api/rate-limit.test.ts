import { describe, expect, it } from 'vitest';
import { decide } from './rate-limit';

// 600 a minute: one request every 0.1 s refills the bucket; 5 a minute: one every 12 s.
describe('decide', () => {
  it('reports a full bucket less the request just taken', () => {
    expect(decide(true, 12, 5)).toEqual({
      allowed: true,
      remaining: 4,
      refillSeconds: 12,
      headers: { 'ratelimit-policy': '"default";q=5;w=60', ratelimit: '"default";r=4;t=12' },
    });
    expect(decide(true, 0.1, 600).headers.ratelimit).toBe('"default";r=599;t=1');
  });

  it('counts down as the arrival time runs ahead, and tells how long until one more request', () => {
    expect(decide(true, 23.5, 5).remaining).toBe(3); // two taken, half a second ago
    expect(decide(true, 23.5, 5).refillSeconds).toBe(12); // 23.5 - (60 - 4 × 12) = 11.5, rounded up
    expect(decide(true, 60, 5)).toMatchObject({ remaining: 0, refillSeconds: 12 });
  });

  it('refuses with Retry-After when the bucket is empty', () => {
    const refused = decide(false, 59.25, 5);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, refillSeconds: 12 }); // 59.25 + 12 - 60 = 11.25
    expect(refused.headers).toEqual({ 'ratelimit-policy': '"default";q=5;w=60', ratelimit: '"default";r=0;t=12', 'retry-after': '12' });
    expect(decide(false, 48.5, 5).headers['retry-after']).toBe('1'); // 0.5 s short of the next request
  });

  it('never reports more than the quota or less than zero, whatever the clock says', () => {
    expect(decide(true, -3, 5).remaining).toBe(5);
    expect(decide(true, -3, 5).refillSeconds).toBe(0);
    expect(decide(true, 75, 5).remaining).toBe(0);
  });
});
