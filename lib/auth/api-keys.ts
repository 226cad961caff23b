import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { apiKeys, companyMembers } from '@/db/schema/auth';
import { AppError, notFound, parseOrThrow } from '@/lib/errors';
import { API_KEY_PREFIX, type Auth } from './auth';
import { API_KEY_ROLES, apiKeyPermissions, roleOfApiKeyPermissions, type ApiKeyRole } from './roles';

/**
 * API keys belong to a company and carry a role (accountant or viewer). The library makes, hashes, stores and
 * verifies them (the API-key plugin, organization-owned keys); this module adds the company scoping, the role
 * and the shapes the screens and the CLI show. A key is shown once, at creation.
 */

const apiKeyInput = z.object({
  name: z.string({ error: 'Name the key' }).trim().min(1, 'Name the key').max(60, 'At most 60 characters'),
  role: z.enum(API_KEY_ROLES, { error: 'Choose accountant or viewer' }),
});
export type ApiKeyInput = z.input<typeof apiKeyInput>;

const apiKeyIdInput = z.object({ keyId: z.uuid({ error: 'Unknown API key' }) });

export interface ApiKeySummary {
  id: string;
  name: string;
  role: ApiKeyRole | null;
  /** The first characters, to recognise a key without holding it. */
  start: string | null;
  enabled: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The largest bearer token worth looking up: real keys are the prefix and 48 letters. */
export const API_KEY_MAX_LENGTH = API_KEY_PREFIX.length + 48;
const API_KEY_SHAPE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z]{48}$`);

/** A company's keys, newest first, revoked ones included (their last use stays visible). */
export async function listApiKeys(db: Db, companyId: string): Promise<ApiKeySummary[]> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.companyId, companyId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(toSummary);
}

/**
 * Creates a key for the company on behalf of `ownerUserId` (the library checks that they may manage the
 * company's keys) and returns it in clear: the only time it exists outside the caller's hands.
 */
export async function createApiKey(
  auth: Auth,
  db: Db,
  companyId: string,
  ownerUserId: string,
  input: ApiKeyInput,
): Promise<{ key: string; summary: ApiKeySummary }> {
  const { name, role } = parseOrThrow(apiKeyInput, input);
  // No request headers: `permissions` (the role) may only be set server-side, and the wrapper has authorized.
  const created = await auth.api.createApiKey({
    body: { organizationId: companyId, userId: ownerUserId, name, permissions: apiKeyPermissions(role) },
  });
  const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.id, created.id), eq(apiKeys.companyId, companyId)));
  if (!row) throw new Error('the API key just created was not found');
  return { key: created.key, summary: toSummary(row) };
}

/** Revokes a key of the company at once (the next request with it is refused). Another company's key: 404. */
export async function revokeApiKey(auth: Auth, db: Db, companyId: string, ownerUserId: string, keyId: string): Promise<ApiKeySummary> {
  const { keyId: id } = parseOrThrow(apiKeyIdInput, { keyId });
  const [row] = await db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.companyId, companyId)));
  if (!row) throw notFound('API key');
  await auth.api.updateApiKey({ body: { keyId: id, userId: ownerUserId, enabled: false } });
  const [updated] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  if (!updated) throw notFound('API key');
  return toSummary(updated);
}

export interface VerifiedApiKey {
  keyId: string;
  keyName: string | null;
  companyId: string;
  role: ApiKeyRole;
}

/**
 * The company and role a bearer token grants, or `unauthorized`. Anything not shaped like one of our keys (a
 * job key, an oversized or malformed token) is refused before the database is asked.
 */
export async function verifyApiKeyOrThrow(auth: Auth, token: string): Promise<VerifiedApiKey> {
  const refused = new AppError('unauthorized', 'The API key is not valid: it may have been revoked');
  if (!API_KEY_SHAPE.test(token)) throw refused;
  const result = await auth.api.verifyApiKey({ body: { key: token } });
  if (!result.valid || !result.key) throw refused;
  const role = roleOfApiKeyPermissions(result.key.permissions);
  if (!role) throw refused;
  return { keyId: result.key.id, keyName: result.key.name, companyId: result.key.referenceId, role };
}

/** An owner of the company, for operators creating a key from the command line. */
export async function anyOwnerOf(db: Db, companyId: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: companyMembers.userId })
    .from(companyMembers)
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.role, 'owner')))
    .orderBy(companyMembers.createdAt)
    .limit(1);
  return row?.userId ?? null;
}

function toSummary(row: typeof apiKeys.$inferSelect): ApiKeySummary {
  let permissions: unknown = null;
  try {
    permissions = row.permissions ? JSON.parse(row.permissions) : null;
  } catch {
    // Unreadable permissions grant nothing (shown as no role).
  }
  return {
    id: row.id,
    name: row.name ?? '(unnamed)',
    role: roleOfApiKeyPermissions(permissions),
    start: row.start,
    enabled: row.enabled,
    createdAt: row.createdAt,
    lastUsedAt: row.lastRequest,
  };
}
