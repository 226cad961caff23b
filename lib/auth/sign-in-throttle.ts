import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { signInFailures } from '@/db/schema/auth';

/**
 * Per-account sign-in throttle. better-auth limits sign-in per address (its rate limiter, database storage); an
 * attacker spreading guesses over many addresses is stopped here, per account. Failures are counted per
 * lower-cased email whether or not the account exists, so the answer never says which exist.
 */

export const SIGN_IN_MAX_FAILURES = 10; // per account and window: room for typos, nowhere near enough for guessing
export const SIGN_IN_FAILURE_WINDOW_MS = 15 * 60_000; // a locked account opens again this long after its first failure
export const TOO_MANY_SIGN_INS = 'Too many sign-in attempts. Wait a few minutes and try again.';

// Only a well-formed address is counted; anything else is refused by the library's own validation (400).
const signInBody = z.object({ email: z.string().trim().toLowerCase().max(254).pipe(z.email()) });

/** The throttle's key for a sign-in request body, or null when the body has no usable email (validation answers it). */
export function throttleKeyOf(body: unknown): string | null {
  const parsed = signInBody.safeParse(body);
  return parsed.success ? parsed.data.email : null;
}

/** How long `email` must wait before trying again: 0 when it may try now. */
export async function signInWaitMs(db: Db, email: string, now: Date): Promise<number> {
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.email, email));
  if (!row || row.failures < SIGN_IN_MAX_FAILURES) return 0;
  return Math.max(0, row.windowStartedAt.getTime() + SIGN_IN_FAILURE_WINDOW_MS - now.getTime());
}

/** Counts one failure in one atomic statement (concurrent failures never lose a count, on PGlite or PostgreSQL). */
export async function recordSignInFailure(db: Db, email: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - SIGN_IN_FAILURE_WINDOW_MS).toISOString();
  const expired = sql`${signInFailures.windowStartedAt} <= ${windowStart}::timestamptz`;
  await db
    .insert(signInFailures)
    .values({ email, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInFailures.email,
      set: {
        failures: sql`case when ${expired} then 1 else ${signInFailures.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${at}::timestamptz else ${signInFailures.windowStartedAt} end`,
      },
    });
}

export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
