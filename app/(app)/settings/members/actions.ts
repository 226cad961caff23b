'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { getAuth } from '@/lib/auth/auth';
import { addMember, changeMemberRole, removeMember, type AddMemberInput, type MemberRoleInput } from '@/lib/auth/members';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { formObject, runCompanyAction } from '@/lib/http/action';

// Form values arrive as untyped strings: the casts only name the shape, and each service parses its input.

/** Adds a person with a role; someone new gets an account and a temporary password, shown once to the owner. */
export async function addMemberAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'addMemberAction', role: 'owner' },
    async ({ db, company }) => addMember(await getAuth(), db, company.id, formObject(formData) as AddMemberInput),
    ({ member }) => `Added ${member.name} as ${ROLE_LABELS[member.role]}`,
  );
  if (result.ok) revalidatePath('/settings/members');
  return result;
}

export async function changeMemberRoleAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'changeMemberRoleAction', role: 'owner' },
    async ({ db, company }) => changeMemberRole(await getAuth(), db, company.id, await headers(), formObject(formData) as MemberRoleInput),
    (member) => `${member.name} is now ${ROLE_LABELS[member.role]}`,
  );
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function removeMemberAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'removeMemberAction', role: 'owner' },
    async ({ db, company }) => removeMember(await getAuth(), db, company.id, await headers(), formObject(formData).memberId ?? ''),
    (member) => `Removed ${member.name}`,
  );
  if (result.ok) revalidatePath('/settings/members');
  return result;
}
