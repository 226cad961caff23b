'use client';

import type { FormAction } from '@/components/forms/action-form';
import { AddForm } from '@/components/forms/add-form';
import { SelectField, TextField } from '@/components/forms/field';
import { ShownOnce } from '@/components/forms/shown-once';
import type { ApiKeySummary } from '@/lib/auth/api-keys';
import { API_KEY_ROLES, ROLE_LABELS } from '@/lib/auth/roles';

const ROLE_OPTIONS = API_KEY_ROLES.map((role) => ({
  value: role,
  label: role === 'accountant' ? `${ROLE_LABELS[role]}: reads and writes the books` : `${ROLE_LABELS[role]}: reads only`,
}));

/** Names a new key and its role; on success shows the key, once. */
export function ApiKeyForm({ action }: { action: FormAction<{ key: string; summary: ApiKeySummary }> }) {
  const shownOnce = ({ key }: { key: string }) => <ShownOnce id="new-api-key" label="Your new key (copy it now: it will not be shown again)" value={key} />;
  return (
    <AddForm action={action} title="New API key" submitLabel="Create key" pendingLabel="Creating…" shownOnce={shownOnce}>
      <TextField name="name" label="Name" hint="Who or what uses it, e.g. “Payroll sync”" maxLength={60} required />
      <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="viewer" />
    </AddForm>
  );
}
