'use client';

import { ActionForm, useActionForm, type FormAction } from '@/components/forms/action-form';
import { TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';

export function PasswordForm({ action }: { action: FormAction<void> }) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} aria-label="Change password">
      <h2>Change password</h2>
      <div className="row" key={form.state.successes}>
        <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" maxLength={PASSWORD_MAX_LENGTH} />
        <TextField
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters`}
        />
      </div>
      <div className="form-actions">
        <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
        <FormMessage />
      </div>
    </ActionForm>
  );
}
