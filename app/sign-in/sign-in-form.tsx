'use client';

import { useActionState } from 'react';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/password-rules';
import { signInAction } from './actions';

/**
 * Email and password, posted to a server action. `action={…}` makes React render a real `method="post"` form, so
 * it signs in the same way before the page hydrates, or with JavaScript off: the password never lands in a URL.
 */
export function SignInForm() {
  const [refused, formAction, pending] = useActionState(signInAction, null);
  const fieldError = (name: string) => refused?.error.fields?.[name]?.join(' ');
  return (
    <form className="panel" action={formAction} aria-label="Sign in">
      <div className="field">
        <label htmlFor="sign-in-email">Email</label>
        <input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={254}
          defaultValue={refused?.email}
          aria-invalid={fieldError('email') ? true : undefined}
        />
        {fieldError('email') && <p className="field-error">{fieldError('email')}</p>}
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">Password</label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          aria-invalid={fieldError('password') ? true : undefined}
        />
        {fieldError('password') && <p className="field-error">{fieldError('password')}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
        {refused && (
          <p role="alert" className="form-error">
            {refused.error.message}
          </p>
        )}
      </div>
    </form>
  );
}
