import { generateRandomString } from 'better-auth/crypto';
import { isAPIError } from 'better-auth/api';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { companyMembers, users } from '@/db/schema/auth';
import { AppError, fieldError, notFound, parseOrThrow, pgErrorInfo } from '@/lib/errors';
import type { Auth } from './auth';
import { isRole, ROLES, type Role } from './roles';

/**
 * Members of a company and their roles, through the organization plugin (which also refuses, for example, a
 * non-owner making someone an owner). The database keeps at least one owner per company whatever happens.
 */

const TEMPORARY_PASSWORD_LENGTH = 20; // letters and digits: ~119 bits, shown once to the owner

const email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .max(254, 'At most 254 characters')
  .pipe(z.email('Enter a valid email address'));

const addMemberInput = z.object({
  email,
  name: z.string({ error: 'Enter a name' }).trim().min(1, 'Enter a name').max(120, 'At most 120 characters'),
  role: z.enum(ROLES, { error: 'Choose a role' }),
});
export type AddMemberInput = z.input<typeof addMemberInput>;

const memberRoleInput = z.object({
  memberId: z.uuid({ error: 'Unknown member' }),
  role: z.enum(ROLES, { error: 'Choose a role' }),
});
export type MemberRoleInput = z.input<typeof memberRoleInput>;

const memberIdInput = z.object({ memberId: z.uuid({ error: 'Unknown member' }) });

export interface MemberSummary {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

export async function listMembers(db: Db, companyId: string): Promise<MemberSummary[]> {
  const rows = await db
    .select({ id: companyMembers.id, userId: users.id, email: users.email, name: users.name, role: companyMembers.role, createdAt: companyMembers.createdAt })
    .from(companyMembers)
    .innerJoin(users, eq(users.id, companyMembers.userId))
    .where(eq(companyMembers.companyId, companyId))
    .orderBy(asc(companyMembers.createdAt));
  return rows.flatMap((r) => (isRole(r.role) ? [{ ...r, role: r.role }] : []));
}

/**
 * Adds a person to the company with a role. Someone without an account gets one, with a temporary password
 * returned here once for the owner to pass on.
 */
export async function addMember(
  auth: Auth,
  db: Db,
  companyId: string,
  input: AddMemberInput,
): Promise<{ member: MemberSummary; temporaryPassword: string | null }> {
  const values = parseOrThrow(addMemberInput, input);
  let [user] = await db.select().from(users).where(eq(users.email, values.email));
  let temporaryPassword: string | null = null;
  if (!user) {
    temporaryPassword = generateRandomString(TEMPORARY_PASSWORD_LENGTH, 'a-z', 'A-Z', '0-9');
    await createUserWithPassword(auth, { email: values.email, name: values.name, password: temporaryPassword });
    [user] = await db.select().from(users).where(eq(users.email, values.email));
    if (!user) throw new Error('the user just created was not found');
  }
  const [existing] = await db
    .select({ id: companyMembers.id })
    .from(companyMembers)
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, user.id)));
  if (existing) throw fieldError('email', 'This person is already a member of this company');
  await callAuth(() => auth.api.addMember({ body: { userId: user.id, organizationId: companyId, role: values.role } }));
  const member = (await listMembers(db, companyId)).find((m) => m.userId === user.id);
  if (!member) throw new Error('the member just added was not found');
  return { member, temporaryPassword };
}

/** Changes a member's role, as the signed-in owner whose request headers are given. Another company's member: 404. */
export async function changeMemberRole(auth: Auth, db: Db, companyId: string, requestHeaders: Headers, input: MemberRoleInput): Promise<MemberSummary> {
  const { memberId, role } = parseOrThrow(memberRoleInput, input);
  await memberOfCompanyOrThrow(db, companyId, memberId);
  await callAuth(() => auth.api.updateMemberRole({ headers: requestHeaders, body: { memberId, role, organizationId: companyId } }));
  const member = (await listMembers(db, companyId)).find((m) => m.id === memberId);
  if (!member) throw notFound('Member');
  return member;
}

/** Removes a member (their sessions lose the company at once). Another company's member: 404. */
export async function removeMember(auth: Auth, db: Db, companyId: string, requestHeaders: Headers, memberId: string): Promise<MemberSummary> {
  const { memberId: id } = parseOrThrow(memberIdInput, { memberId });
  const member = await memberOfCompanyOrThrow(db, companyId, id);
  await callAuth(() => auth.api.removeMember({ headers: requestHeaders, body: { memberIdOrEmail: id, organizationId: companyId } }));
  return member;
}

/** Creates an account with an email and password (hashed by the library); sign-up over HTTP is not served. */
export async function createUserWithPassword(auth: Auth, input: { email: string; name: string; password: string }): Promise<void> {
  await callAuth(() => auth.api.signUpEmail({ body: input }));
}

async function memberOfCompanyOrThrow(db: Db, companyId: string, memberId: string): Promise<MemberSummary> {
  const member = (await listMembers(db, companyId)).find((m) => m.id === memberId);
  if (!member) throw notFound('Member');
  return member;
}

/**
 * Runs a library call, turning its refusals into our errors: its messages are written for end users ("You
 * cannot leave the organization as the only owner"), and the database's last-owner guard becomes a conflict.
 */
async function callAuth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (pgErrorInfo(error).constraint === 'company_members_keep_owner') {
      throw new AppError('conflict', 'A company always keeps at least one owner');
    }
    if (isAPIError(error)) {
      const message = companyWording(error.body?.message ?? error.message);
      if (error.statusCode === 401) throw new AppError('unauthorized', message);
      if (error.statusCode === 403) throw new AppError('forbidden', message);
      if (error.statusCode === 404) throw new AppError('not_found', message);
      if (error.statusCode >= 400 && error.statusCode < 500) throw new AppError('validation', message);
    }
    throw error;
  }
}

function companyWording(message: string): string {
  return message.replace(/\borganization\b/gi, 'company');
}
