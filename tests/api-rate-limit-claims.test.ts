import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiRateLimits } from '@/db/schema/api';
import { dropRateLimitClaims, takeRateLimit, tokensPerClaim } from '@/lib/api/rate-limit';
import { buildWorld, type World } from './support/auth-world';
import { setDatabaseClock } from './support/db-clock';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));
vi.mock('next/cache', () => import('./support/next-request').then((m) => m.nextCache));

// The rate limit took one upsert of the key's single row per request: 50 clients of one key queued on that row's
// lock. A process now claims a tenth of a second of the key's quota per upsert (one request at the default 600 a
// minute, so nothing changes there) and serves the rest of the claim from memory for at most a second.

describe('tokensPerClaim', () => {
  it('claims a tenth of a second of the quota, at least one request', () => {
    expect([5, 600, 1199, 1200, 6000, 1_000_000].map(tokensPerClaim)).toEqual([1, 1, 1, 2, 10, 1666]);
  });
});

describe.each(BACKENDS)('rate-limit claims on %s', (backend) => {
  const CLOCK = '2026-06-01T12:00:00.000Z';
  let h: TestDatabase;
  let w: World;
  beforeAll(async () => {
    h = await openTestDatabase(backend, { clock: true });
    w = await buildWorld(h, `claims-${backend}`);
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    dropRateLimitClaims();
    await h.db.delete(apiRateLimits);
    await setDatabaseClock(h.db, CLOCK);
  });

  const tatOf = async (keyId: string) => {
    const [row] = await h.db.select({ tat: sql<string>`to_char(${apiRateLimits.tat} at time zone 'UTC', 'HH24:MI:SS.US')` }).from(apiRateLimits).where(eq(apiRateLimits.keyId, keyId));
    return row?.tat;
  };

  it('serves ten requests at 6,000 a minute from one upsert, then claims the next ten', async () => {
    const key = w.a.keyId.accountant;
    const seen: { r: string | undefined; tat: string | undefined }[] = [];
    for (let i = 0; i < 11; i++) {
      const decision = await takeRateLimit(h.db, key, 6000);
      expect(decision.allowed).toBe(true);
      seen.push({ r: decision.headers.ratelimit, tat: await tatOf(key) });
    }
    // The bucket after the claim (5,990 left) plus the tokens this process still holds.
    expect(seen.map((s) => s.r)).toEqual([
      ...[5999, 5998, 5997, 5996, 5995, 5994, 5993, 5992, 5991, 5990].map((r) => `"default";r=${r};t=1`),
      '"default";r=5989;t=1',
    ]);
    expect(seen.map((s) => s.tat)).toEqual([...Array(10).fill('12:00:00.100000'), '12:00:00.200000']);
  });

  it('fifty requests of one key arriving at once make one claim, not fifty (bench:api was refused half its requests at 1,000,000 a minute)', async () => {
    const key = w.a.keyId.accountant;
    const now = Date.now();
    const decisions = await Promise.all(Array.from({ length: 50 }, () => takeRateLimit(h.db, key, 6000, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
    // Fifty claims of ten would have moved the bucket five seconds (fifty tenths); one claim moves it one tenth, and
    // a claim of ten serves ten: the other forty take four more claims, one after another, not forty-nine.
    expect(await tatOf(key)).toBe('12:00:00.500000');
  });

  it('drops claimed tokens after a second: the next request claims afresh', async () => {
    const key = w.a.keyId.accountant;
    const now = Date.now();
    await takeRateLimit(h.db, key, 6000, now);
    await takeRateLimit(h.db, key, 6000, now + 999);
    expect(await tatOf(key)).toBe('12:00:00.100000');
    await takeRateLimit(h.db, key, 6000, now + 1000);
    expect(await tatOf(key)).toBe('12:00:00.200000');
  });

  it('still asks the database on every request at the default 600 a minute', async () => {
    const key = w.a.keyId.viewer;
    const tats: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      expect((await takeRateLimit(h.db, key, 600)).allowed).toBe(true);
      tats.push(await tatOf(key));
    }
    expect(tats).toEqual(['12:00:00.100000', '12:00:00.200000', '12:00:00.300000']);
  });

  it('refuses a claim that does not fit whole, and says when it will', async () => {
    const key = w.a.keyId.accountant;
    // Five requests' room (0.05 s) left at 6,000 a minute: a claim of ten does not fit.
    await h.db.insert(apiRateLimits).values({ keyId: key, tat: sql`now() + interval '59.95 seconds'`, allowed: true });
    const refused = await takeRateLimit(h.db, key, 6000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, refillSeconds: 1 });
    expect(refused.headers).toEqual({ 'ratelimit-policy': '"default";q=6000;w=60', ratelimit: '"default";r=0;t=1', 'retry-after': '1' });
    expect(await tatOf(key)).toBe('12:00:59.950000');
  });
});
