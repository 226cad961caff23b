'use server';

import { headers } from 'next/headers';
import { getAuth } from '@/lib/auth/auth';
import { changeOwnPassword, type ChangePasswordInput } from '@/lib/auth/password';
import { formObject, runCompanyAction } from '@/lib/http/action';

/** Changes the caller's own password; their other sessions end, this one continues with a fresh cookie. */
export async function changePasswordAction(_previous: unknown, formData: FormData) {
  return runCompanyAction(
    { name: 'changePasswordAction', role: 'viewer' },
    // Untyped form strings: the service parses them with its schema.
    async () => changeOwnPassword(await getAuth(), await headers(), formObject(formData) as ChangePasswordInput),
    () => 'Password changed. Your other sessions are signed out.',
  );
}
