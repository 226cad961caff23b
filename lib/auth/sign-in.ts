import { isAPIError } from 'better-auth/api';
import { z } from 'zod';
import { AppError, parseOrThrow } from '@/lib/errors';
import type { Auth } from './auth';
import { PASSWORD_MAX_LENGTH } from './password-rules';
import { TOO_MANY_SIGN_INS } from './sign-in-throttle';

/** One message for every refusal, so the form never tells whether an account exists. */
const SIGN_IN_REFUSED = 'The email or password is not right.';

const signInInput = z.object({
  email: z
    .string({ error: 'Enter your email' })
    .trim()
    .min(1, 'Enter your email')
    .max(254, 'Enter an email address like name@example.com')
    .pipe(z.email('Enter an email address like name@example.com')),
  // A password longer than any we accept cannot be right: refused like any wrong one.
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(PASSWORD_MAX_LENGTH, SIGN_IN_REFUSED),
});
export type SignInInput = z.input<typeof signInInput>;

/**
 * Signs in with email and password through the library: its password check, our limits (the hooks in
 * lib/auth/auth.ts) and, called from a server action, its `nextCookies` plugin setting the session cookie.
 * Any refusal is `unauthorized` with one message; too many attempts are `rate_limited`.
 */
export async function signInWithPassword(auth: Auth, requestHeaders: Headers, input: SignInInput): Promise<void> {
  const { email, password } = parseOrThrow(signInInput, input);
  try {
    await auth.api.signInEmail({ headers: requestHeaders, body: { email, password } });
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 429) throw new AppError('rate_limited', TOO_MANY_SIGN_INS);
    if (isAPIError(error) && error.statusCode >= 400 && error.statusCode < 500) throw new AppError('unauthorized', SIGN_IN_REFUSED);
    throw error;
  }
}
