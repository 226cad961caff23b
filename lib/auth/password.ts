import { isAPIError } from 'better-auth/api';
import { z } from 'zod';
import { AppError, fieldError, parseOrThrow } from '@/lib/errors';
import type { Auth } from './auth';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';


const changePasswordInput = z.object({
  currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(PASSWORD_MAX_LENGTH, 'That is not your current password'),
  newPassword: z
    .string({ error: 'Choose a new password' })
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
});
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

/**
 * Changes the signed-in user's password (checked and hashed by the library) and ends every other session of
 * theirs: a temporary password passed on by an owner stops working everywhere at once.
 */
export async function changeOwnPassword(auth: Auth, requestHeaders: Headers, input: ChangePasswordInput): Promise<void> {
  const values = parseOrThrow(changePasswordInput, input);
  try {
    await auth.api.changePassword({ headers: requestHeaders, body: { ...values, revokeOtherSessions: true } });
  } catch (error) {
    if (isAPIError(error) && error.body?.code === 'INVALID_PASSWORD') throw fieldError('currentPassword', 'That is not your current password');
    if (isAPIError(error) && error.statusCode === 401) throw new AppError('unauthorized', 'Sign in to continue');
    if (isAPIError(error) && error.statusCode === 400) throw new AppError('validation', error.body?.message ?? 'The password was not changed');
    throw error;
  }
}
