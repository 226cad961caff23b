'use client';

import { ActionForm, useActionForm, type FormAction } from '@/components/forms/action-form';
import { SelectField, TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { MemberSummary } from '@/lib/auth/members';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** Adds a member by email; someone without an account gets one, and their temporary password is shown once. */
export function AddMemberForm({ action }: { action: FormAction<{ member: MemberSummary; temporaryPassword: string | null }> }) {
  const form = useActionForm(action);
  const result = form.state.result;
  return (
    <ActionForm form={form} aria-label="Add a member">
      <h2>Add a member</h2>
      <div className="row" key={form.state.successes}>
        <TextField name="email" label="Email" type="email" autoComplete="off" maxLength={254} required />
        <TextField name="name" label="Name" maxLength={120} required />
        <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="viewer" />
      </div>
      <div className="form-actions">
        <SubmitButton pendingLabel="Adding…">Add member</SubmitButton>
        <FormMessage />
      </div>
      {result?.ok && result.data.temporaryPassword && (
        <div className="field">
          <label htmlFor="temporary-password">
            Temporary password for {result.data.member.email} (pass it on now: it will not be shown again)
          </label>
          <output id="temporary-password" className="secret" data-testid="temporary-password">
            {result.data.temporaryPassword}
          </output>
        </div>
      )}
    </ActionForm>
  );
}

/** A member's role, changed in place. */
export function MemberRoleForm({ action, memberId, name, role }: { action: FormAction<MemberSummary>; memberId: string; name: string; role: Role }) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} className="action-button" aria-label={`Role of ${name}`}>
      <input type="hidden" name="memberId" value={memberId} />
      <SelectField name="role" label={`Role of ${name}`} options={ROLE_OPTIONS} defaultValue={role} className="sr-label" />
      <SubmitButton pendingLabel="Saving…" className="secondary">
        Change
      </SubmitButton>
      <FormMessage />
    </ActionForm>
  );
}
