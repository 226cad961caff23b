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

/** Takes one request from the key's bucket. */
export async function takeRateLimit(db: Db, keyId: string, perMinute: number): Promise<RateLimitDecision> {
  const spacing = WINDOW_SECONDS / perMinute;
  const step = sql`(${spacing}::float8 * interval '1 second')`;
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
  return decide(row.allowed, Number(row.aheadSeconds), perMinute);
}

/**
 * What the bucket's state means for the caller: `aheadSeconds` is how far the key's theoretical arrival time runs
 * ahead of now (0 for an idle key, a whole window for an empty bucket).
 */
export function decide(allowed: boolean, aheadSeconds: number, perMinute: number): RateLimitDecision {
  const spacing = WINDOW_SECONDS / perMinute;
  const ahead = Math.max(0, aheadSeconds);
  // A hair of tolerance: floating point must not turn 4 requests left into 3.999….
  const remaining = allowed ? Math.max(0, Math.min(perMinute, Math.floor((WINDOW_SECONDS - ahead) / spacing + 1e-9))) : 0;
  const untilNext = Math.max(0, ahead - (WINDOW_SECONDS - (remaining + 1) * spacing));
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
