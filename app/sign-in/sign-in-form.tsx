'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/password-rules';
import { signInAction } from './actions';

/**
 * Email and password, posted to a server action. `action={…}` makes React render a real `method="post"` form, so
 * it signs in the same way before the page hydrates, or with JavaScript off: the password never lands in a URL.
 * A refusal puts focus on the first field it names, else on its message.
 */
export function SignInForm() {
  const [refused, formAction, pending] = useActionState(signInAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const fieldErrors = (name: string) => refused?.error.fields?.[name];
  useEffect(() => {
    if (!refused) return;
    const form = formRef.current;
    (form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]'))?.focus();
  }, [refused]);
  return (
    <form ref={formRef} className="flex flex-col gap-4 rounded-lg border border-border bg-card p-5 shadow-sm" action={formAction} aria-label="Sign in">
      <Field label="Email" errors={fieldErrors('email')}>
        {(control) => (
          <Input {...control} name="email" type="email" autoComplete="username" required maxLength={254} defaultValue={refused?.email} />
        )}
      </Field>
      <Field label="Password" errors={fieldErrors('password')}>
        {(control) => <Input {...control} name="password" type="password" autoComplete="current-password" required maxLength={PASSWORD_MAX_LENGTH} />}
      </Field>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      {refused && (
        <p role="alert" tabIndex={-1} className="m-0 text-sm text-destructive">
          {refused.error.message}
        </p>
      )}
    </form>
  );
}
