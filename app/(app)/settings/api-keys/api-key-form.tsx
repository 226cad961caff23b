'use client';

import { ActionForm, useActionForm, type FormAction } from '@/components/forms/action-form';
import { SelectField, TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ApiKeySummary } from '@/lib/auth/api-keys';
import { API_KEY_ROLES, ROLE_LABELS } from '@/lib/auth/roles';

const ROLE_OPTIONS = API_KEY_ROLES.map((role) => ({
  value: role,
  label: role === 'accountant' ? `${ROLE_LABELS[role]}: reads and writes the books` : `${ROLE_LABELS[role]}: reads only`,
}));

/** Names a new key and its role; on success shows the key, once. */
export function ApiKeyForm({ action }: { action: FormAction<{ key: string; summary: ApiKeySummary }> }) {
  const form = useActionForm(action);
  const result = form.state.result;
  return (
    <ActionForm form={form} aria-label="New API key">
      <h2>New API key</h2>
      <div className="row" key={form.state.successes}>
        <TextField name="name" label="Name" hint="Who or what uses it, e.g. “Payroll sync”" maxLength={60} required />
        <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="viewer" />
      </div>
      <div className="form-actions">
        <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
        <FormMessage />
      </div>
      {result?.ok && (
        <div className="field">
          <label htmlFor="new-api-key">Your new key (copy it now: it will not be shown again)</label>
          <output id="new-api-key" className="secret" data-testid="new-api-key">
            {result.data.key}
          </output>
        </div>
      )}
    </ActionForm>
  );
}
