import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { oldestOpenTransaction } from '@/db/committed-horizon';
import { preparedFor } from '@/db/prepared';
import { apiKeys, companyMembers } from '@/db/schema/auth';
import { companies } from '@/db/schema/ledger';
import type { Company } from '@/lib/ledger/companies';
import { AppError, notFound, parseOrThrow } from '@/lib/errors';
import { API_KEY_PREFIX, type Auth } from './auth';
import { API_KEY_ROLES, apiKeyPermissions, roleOfApiKeyPermissions, type ApiKeyRole } from './roles';

/**
 * API keys belong to a company and carry a role (accountant or viewer). The library makes, hashes, stores and
 * revokes them (the API-key plugin, organization-owned keys); this module verifies them itself (one read per
 * request, see `verifyApiKeyOrThrow`) and adds the company scoping, the role
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
  /** The key's company, read in the same query. */
  company: Company;
  /** The committed horizon when the key was read (db/committed-horizon.ts). */
  horizon: { at: string | null };
}

/** A key's last use is recorded at most this often: it is shown to the minute, and each write locks the key's row. */
const LAST_USE_EVERY_SECONDS = 60;

/**
 * The company and role a bearer token grants, or `unauthorized`. Anything not shaped like one of our keys (a
 * job key, an oversized or malformed token) is refused before the database is asked.
 *
 * One indexed read of the key (by its hash, as the library stores it) and its company decides, on every request,
 * so a revoked (disabled), expired or deleted key is refused on its very next request. The library's own
 * `verifyApiKey` would also write the key's row twice per request (`lastRequest`, `updatedAt`): every request
 * of one key then queues on that row's lock. Here the last use is written at most once a minute per key, by a
 * conditional update (so several instances write it about once a minute too). The library's usage quotas
 * (`remaining`) and its own per-key limiter are not used by our keys (lib/api/rate-limit.ts limits them); a key
 * that carries a quota is refused rather than served unmetered.
 */
export async function verifyApiKeyOrThrow(db: Db, token: string): Promise<VerifiedApiKey> {
  const refused = () => new AppError('unauthorized', 'The API key is not valid: it may have been revoked');
  if (!API_KEY_SHAPE.test(token)) throw refused();
  const [row] = await keyByHash(db).execute({ hash: hashApiKey(token) });
  if (!row) throw refused();
  const { key, company } = row;
  if (!key.enabled || (key.expiresAt && key.expiresAt.getTime() <= Date.now()) || key.remaining !== null) throw refused();
  const role = roleOfApiKeyPermissions(parsedPermissions(key.permissions));
  if (!role) throw refused();
  await recordLastUse(db, key.id, key.lastRequest);
  return { keyId: key.id, keyName: key.name, companyId: company.id, role, company, horizon: { at: row.horizon } };
}

/**
 * The key with this hash and its company: the read every API request makes. It reads the committed horizon too
 * (a tenth of a millisecond of PostgreSQL), so a list in last-change order needs no round trip of its own for it.
 */
const keyByHash = preparedFor((db) =>
  db
    .select({ key: apiKeys, company: companies, horizon: oldestOpenTransaction })
    .from(apiKeys)
    .innerJoin(companies, eq(companies.id, apiKeys.companyId))
    .where(eq(apiKeys.key, sql.placeholder('hash')))
    .prepare('api_key_by_hash'),
);

/** How the library stores a key: SHA-256, base64url without padding (its `defaultKeyHasher`). */
function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** When this process last wrote each key's last use (ms), so most requests skip even the conditional update. */
const lastUseWrittenAt = new Map<string, number>();

async function recordLastUse(db: Db, keyId: string, lastRequest: Date | null): Promise<void> {
  const now = Date.now();
  const every = LAST_USE_EVERY_SECONDS * 1000;
  if (lastRequest && now - lastRequest.getTime() < every) return;
  const written = lastUseWrittenAt.get(keyId);
  if (written !== undefined && now - written < every) return;
  lastUseWrittenAt.set(keyId, now);
  await db
    .update(apiKeys)
    .set({ lastRequest: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, keyId),
        or(isNull(apiKeys.lastRequest), lt(apiKeys.lastRequest, sql`now() - ${LAST_USE_EVERY_SECONDS}::int * interval '1 second'`)),
      ),
    );
}

function parsedPermissions(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // unreadable permissions grant nothing
  }
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
  return {
    id: row.id,
    name: row.name ?? '(unnamed)',
    // Unreadable permissions grant nothing (shown as no role).
    role: roleOfApiKeyPermissions(parsedPermissions(row.permissions)),
    start: row.start,
    enabled: row.enabled,
    createdAt: row.createdAt,
    lastUsedAt: row.lastRequest,
  };
}
