import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { authRateLimits, signInFailures } from '@/db/schema/auth';
import { env } from '@/lib/env';

/**
 * Sign-in limits, per client address and per account, both counted in the database so they hold across
 * processes. Each attempt is counted in one atomic statement *before* its password is checked, and refused when
 * the count is over the limit: 40 parallel attempts get the counts 1…40, and only the first 10 reach a password
 * check. (Checking the count first and recording the failure after the check let every parallel attempt through.)
 *
 * - Per address (lib/auth/client-address.ts says which address): any 10 attempts a minute, whatever the account.
 * - Per account: attempts since its last successful sign-in, counted per lower-cased email whether or not the
 *   account exists, so the answer never says which exist. A success clears the count.
 */

export const SIGN_IN_MAX_FAILURES = 10; // per account and window: room for typos, nowhere near enough for guessing
const SIGN_IN_FAILURE_WINDOW_MS = 15 * 60_000; // a locked account opens again this long after its first failure
const SIGN_IN_ADDRESS_WINDOW_MS = 60_000; // AILEGR_SIGN_IN_ATTEMPTS_PER_MINUTE attempts from one address in this window
export const TOO_MANY_SIGN_INS = 'Too many sign-in attempts. Wait a few minutes and try again.';

// The per-address counts live in better-auth's rate-limit table, under the key its own limiter would use
// (`address|path`); its limiter is switched off for this path (lib/auth/auth.ts) so nothing counts twice.
const ADDRESS_KEY_PATH = '/sign-in/email';
/** The bucket of requests whose address is unknown (they did not pass the recorder): they share one limit. */
export const UNKNOWN_ADDRESS = 'unknown';

// Only a well-formed address is counted; anything else is refused by the library's own validation (400).
const signInBody = z.object({ email: z.string().trim().toLowerCase().max(254).pipe(z.email()) });

/** The throttle's key for a sign-in request body, or null when the body has no usable email (validation answers it). */
export function throttleKeyOf(body: unknown): string | null {
  const parsed = signInBody.safeParse(body);
  return parsed.success ? parsed.data.email : null;
}

/**
 * Counts one sign-in attempt for `email` and answers how long it must wait: 0 means go on and check the password.
 * The window starts at the first attempt after a success (or after the last window ran out).
 */
export async function claimAccountAttempt(db: Db, email: string, now: Date): Promise<number> {
  const expired = sql`${signInFailures.windowStartedAt} <= ${new Date(now.getTime() - SIGN_IN_FAILURE_WINDOW_MS).toISOString()}::timestamptz`;
  const [row] = await db
    .insert(signInFailures)
    .values({ email, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInFailures.email,
      set: {
        failures: sql`case when ${expired} then 1 else ${signInFailures.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${signInFailures.windowStartedAt} end`,
      },
    })
    .returning({ failures: signInFailures.failures, windowStartedAt: signInFailures.windowStartedAt });
  if (!row || row.failures <= SIGN_IN_MAX_FAILURES) return 0;
  return Math.max(1, row.windowStartedAt.getTime() + SIGN_IN_FAILURE_WINDOW_MS - now.getTime());
}

/** A successful sign-in: the account's count starts again. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}

/**
 * Counts one sign-in attempt from `address` and answers how long it must wait (0: go on). As in better-auth's
 * limiter, the minute runs from the last attempt let through, so an address that keeps trying stays refused.
 */
export async function claimAddressAttempt(db: Db, address: string, now: Date): Promise<number> {
  const at = now.getTime();
  const max = env().AILEGR_SIGN_IN_ATTEMPTS_PER_MINUTE;
  const expired = sql`${authRateLimits.lastRequest} <= ${at - SIGN_IN_ADDRESS_WINDOW_MS}`;
  const count = sql`case when ${expired} then 1 else ${authRateLimits.count} + 1 end`;
  const [row] = await db
    .insert(authRateLimits)
    .values({ key: `${address}|${ADDRESS_KEY_PATH}`, count: 1, lastRequest: at })
    .onConflictDoUpdate({
      target: authRateLimits.key,
      set: {
        count,
        lastRequest: sql`case when ${count} <= ${max} then ${at}::bigint else ${authRateLimits.lastRequest} end`,
      },
    })
    .returning({ count: authRateLimits.count, lastRequest: authRateLimits.lastRequest });
  if (!row || row.count <= max) return 0;
  return Math.max(1, row.lastRequest + SIGN_IN_ADDRESS_WINDOW_MS - at);
}
