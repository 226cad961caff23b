'use client';

import { useActionState, type InputHTMLAttributes } from 'react';
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
      <SignInField
        id="sign-in-email"
        label="Email"
        error={fieldError('email')}
        name="email"
        type="email"
        autoComplete="username"
        required
        maxLength={254}
        defaultValue={refused?.email}
      />
      <SignInField
        id="sign-in-password"
        label="Password"
        error={fieldError('password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={PASSWORD_MAX_LENGTH}
      />
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

/** A labelled input with the field error the last refusal gave it. */
function SignInField({ id, label, error, ...input }: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; error: string | undefined }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} aria-invalid={error ? true : undefined} />
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
