import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiRateLimits } from '@/db/schema/api';
import { HttpProblem } from './problem';

/**
 * Per API key rate limit, kept in the database so every instance shares it: the generic cell rate algorithm
 * (a token bucket of `perMinute` requests refilled evenly over the minute, so a full minute's quota may come in
 * one burst but never two minutes' worth in a row). One upsert per request decides, stores and reports, by the
 * database's clock, so instances with skewed clocks still agree.
 *
 * Headers follow the IETF draft (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy: "default";q=600;w=60`
 * and `RateLimit: "default";r=<requests left>;t=<seconds until more quota>`; a refusal is 429 with `Retry-After`.
 */

const WINDOW_SECONDS = 60;
const POLICY = 'default';

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests the caller may still send at once. */
  remaining: number;
  /** Seconds until one more request is available (0 when the bucket is full). */
  refillSeconds: number;
  headers: Record<string, string>;
}

/**
 * How many requests one round trip claims from the bucket: a tenth of a second of the key's quota, at least one.
 * At the default 600 a minute that is one, so every request is decided by the database as before; at high limits
 * one upsert serves many requests, instead of each request queueing on the key's row lock.
 */
export function tokensPerClaim(perMinute: number): number {
  return Math.max(1, Math.floor(perMinute / 600));
}

/**
 * Claimed tokens this process has not used yet are dropped after this long. Each was counted when it was
 * claimed, so the bound is: a request is served at most this long after the moment it was counted at, and a key
 * may be refused while up to `tokensPerClaim - 1` of its requests (a tenth of a second's quota) sit unused in an
 * instance. The limit itself is never exceeded by more than what the bucket allowed one second earlier.
 */
const CLAIM_LIFETIME_MS = 1000;

interface Claim {
  perMinute: number;
  /** Tokens this process holds and has not used. */
  left: number;
  expiresAt: number;
  /** The bucket as the claim left it (what the database said). */
  decision: RateLimitDecision;
}

const globalForClaims = globalThis as unknown as { ailegrRateLimitClaims?: Map<string, Claim>; ailegrRateLimitClaiming?: Map<string, Promise<unknown>> };
const claims = (globalForClaims.ailegrRateLimitClaims ??= new Map<string, Claim>());
/**
 * The claim upsert in flight per key. Requests that find no tokens held wait for it and take from what it brings,
 * instead of each claiming a batch of its own: fifty at once would move the bucket fifty tenths of a second for
 * tokens that then expire unused, and refuse the key long before its quota (bench:api was refused half its
 * requests at 1,000,000 a minute).
 */
const claiming = (globalForClaims.ailegrRateLimitClaiming ??= new Map<string, Promise<unknown>>());

/**
 * Takes one request from the key's bucket: from the tokens this process already claimed, else by one upsert that
 * claims `tokensPerClaim` of them at once (all or none: near an empty bucket a batch that does not fit is refused).
 */
export async function takeRateLimit(db: Db, keyId: string, perMinute: number, now = Date.now()): Promise<RateLimitDecision> {
  const held = claims.get(keyId);
  if (held && held.perMinute === perMinute && held.left > 0 && now < held.expiresAt) {
    held.left--;
    return withHeld(held.decision, held.left, perMinute);
  }
  const batch = tokensPerClaim(perMinute);
  if (batch > 1) {
    const inFlight = claiming.get(keyId);
    if (inFlight) {
      await inFlight.catch(() => undefined);
      return takeRateLimit(db, keyId, perMinute, now);
    }
    const claim = claimTokens(db, keyId, perMinute, batch, now);
    claiming.set(keyId, claim);
    try {
      return await claim;
    } finally {
      claiming.delete(keyId);
    }
  }
  return claimTokens(db, keyId, perMinute, batch, now);
}

/** One upsert that claims `batch` tokens of the key's bucket, all or none; the rest are held for this process. */
async function claimTokens(db: Db, keyId: string, perMinute: number, batch: number, now: number): Promise<RateLimitDecision> {
  const held = claims.get(keyId);
  const spacing = WINDOW_SECONDS / perMinute;
  const step = sql`(${spacing * batch}::float8 * interval '1 second')`;
  const base = sql`greatest(${apiRateLimits.tat}, now())`;
  const fits = sql`${base} + ${step} <= now() + ${WINDOW_SECONDS}::float8 * interval '1 second'`;
  const [row] = await db
    .insert(apiRateLimits)
    .values({ keyId, tat: sql`now() + ${step}`, allowed: true })
    .onConflictDoUpdate({
      target: apiRateLimits.keyId,
      set: { tat: sql`case when ${fits} then ${base} + ${step} else ${apiRateLimits.tat} end`, allowed: sql`${fits}` },
    })
    .returning({ allowed: apiRateLimits.allowed, aheadSeconds: sql<string>`extract(epoch from (${apiRateLimits.tat} - now()))` });
  if (!row) throw new Error('rate limit upsert returned no row');
  const decision = decide(row.allowed, Number(row.aheadSeconds), perMinute, batch);
  if (!row.allowed || batch === 1) {
    claims.delete(keyId);
    return decision;
  }
  // Tokens still held from an unexpired claim (none, as claims take turns) are kept; an expired claim's are dropped.
  const left = (held && held.perMinute === perMinute && now < held.expiresAt ? held.left : 0) + batch - 1;
  claims.set(keyId, { perMinute, left, expiresAt: now + CLAIM_LIFETIME_MS, decision });
  return withHeld(decision, left, perMinute);
}

/** Forgets the tokens this process holds (tests start each case from the database alone). */
export function dropRateLimitClaims(): void {
  claims.clear();
  claiming.clear();
}

/** The decision as the caller sees it: the bucket's remaining requests plus those this process holds for it. */
function withHeld(decision: RateLimitDecision, held: number, perMinute: number): RateLimitDecision {
  if (held === 0) return decision;
  const remaining = Math.min(perMinute, decision.remaining + held);
  return { ...decision, remaining, headers: { ...decision.headers, ratelimit: `"${POLICY}";r=${remaining};t=${decision.refillSeconds}` } };
}

/**
 * What the bucket's state means for the caller: `aheadSeconds` is how far the key's theoretical arrival time runs
 * ahead of now (0 for an idle key, a whole window for an empty bucket). A refused claim of `batch` tokens is told
 * to come back when a whole batch fits.
 */
export function decide(allowed: boolean, aheadSeconds: number, perMinute: number, batch = 1): RateLimitDecision {
  const spacing = WINDOW_SECONDS / perMinute;
  const ahead = Math.max(0, aheadSeconds);
  // A hair of tolerance: floating point must not turn 4 requests left into 3.999….
  const remaining = allowed ? Math.max(0, Math.min(perMinute, Math.floor((WINDOW_SECONDS - ahead) / spacing + 1e-9))) : 0;
  const untilNext = Math.max(0, ahead - (WINDOW_SECONDS - (remaining + (allowed ? 1 : batch)) * spacing));
  const refillSeconds = remaining >= perMinute ? 0 : Math.max(1, Math.ceil(untilNext - 1e-9));
  const headers: Record<string, string> = {
    'ratelimit-policy': `"${POLICY}";q=${perMinute};w=${WINDOW_SECONDS}`,
    ratelimit: `"${POLICY}";r=${remaining};t=${refillSeconds}`,
  };
  if (!allowed) headers['retry-after'] = String(refillSeconds);
  return { allowed, remaining, refillSeconds, headers };
}

export function rateLimitedProblem(decision: RateLimitDecision, perMinute: number): HttpProblem {
  return new HttpProblem(
    'rate_limited',
    `This API key has used its ${perMinute} requests a minute: retry after ${decision.refillSeconds} s`,
    decision.headers,
  );
}
