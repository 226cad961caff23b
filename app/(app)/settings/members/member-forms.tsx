'use client';

import { ActionForm, useActionForm, type FormAction } from '@/components/forms/action-form';
import { AddForm } from '@/components/forms/add-form';
import { SelectField, TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { ShownOnce } from '@/components/forms/shown-once';
import { SubmitButton } from '@/components/forms/submit-button';
import type { MemberSummary } from '@/lib/auth/members';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** Adds a member by email; someone without an account gets one, and their temporary password is shown once. */
export function AddMemberForm({ action }: { action: FormAction<{ member: MemberSummary; temporaryPassword: string | null }> }) {
  const shownOnce = ({ member, temporaryPassword }: { member: MemberSummary; temporaryPassword: string | null }) =>
    temporaryPassword && (
      <ShownOnce
        id="temporary-password"
        label={`Temporary password for ${member.email} (pass it on now: it will not be shown again)`}
        value={temporaryPassword}
      />
    );
  return (
    <AddForm action={action} title="Add a member" submitLabel="Add member" pendingLabel="Adding…" shownOnce={shownOnce}>
      <TextField name="email" label="Email" type="email" autoComplete="off" maxLength={254} required />
      <TextField name="name" label="Name" maxLength={120} required />
      <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="viewer" />
    </AddForm>
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
