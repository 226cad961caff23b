'use client';

import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/auth-client';

// One message for every refusal, so the form never tells whether an account exists.
const REFUSED = 'The email or password is not right.';
const THROTTLED = 'Too many sign-in attempts. Wait a few minutes and try again.';

/** Email and password, sent to better-auth's sign-in endpoint (rate-limited per address and per account). */
export function SignInForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error: refused } = await authClient.signIn.email({
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (refused) {
      setPending(false);
      setError(refused.status === 429 ? THROTTLED : REFUSED);
      return;
    }
    // A full page load on purpose: nothing rendered for a previous visitor survives in the client's router cache.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign('/');
  }

  return (
    <form className="panel" onSubmit={onSubmit} aria-label="Sign in">
      <div className="field">
        <label htmlFor="sign-in-email">Email</label>
        <input id="sign-in-email" name="email" type="email" autoComplete="username" required maxLength={254} />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required maxLength={128} />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
