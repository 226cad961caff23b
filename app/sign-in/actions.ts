'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from '@/lib/auth/auth';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { toPublicError } from '@/lib/errors';
import { formObject, type ActionResult } from '@/lib/http/action';
import { logger } from '@/lib/log';
import { whenReady } from '@/lib/server/ready';

/** A refused sign-in as the form shows it: the error, and the email to fill in again (never the password). */
export type SignInResult = Extract<ActionResult<never>, { ok: false }> & { email: string };

/**
 * Signs in from the sign-in form. The form posts here with or without JavaScript (a page that never hydrates
 * still submits a POST), so the password travels in a request body only, never in a URL. Public by nature: the
 * limits per address and per account apply inside (lib/auth/sign-in-throttle.ts). Success goes to the books.
 */
export async function signInAction(_previous: SignInResult | null, formData: FormData): Promise<SignInResult> {
  const email = formData.get('email');
  try {
    const form = formObject(formData);
    await whenReady();
    await signInWithPassword(await getAuth(), await headers(), { email: form.email ?? '', password: form.password ?? '' });
  } catch (error) {
    const { status, error: shown } = toPublicError(error);
    if (status >= 500) logger().error({ err: error, action: 'signInAction' }, 'server action failed');
    return { ok: false, error: shown, email: typeof email === 'string' ? email.slice(0, 254) : '' };
  }
  redirect('/');
}
