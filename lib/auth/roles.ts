/**
 * A member's role in one company. Each role includes everything below it:
 * - viewer: reads the books;
 * - accountant: also writes documents, payments, parties and recurring rules;
 * - owner: also changes company settings, members and API keys.
 * One `as const` list feeds the TS type, the zod enums and the database check on `company_members.role`.
 */
export const ROLES = ['owner', 'accountant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The roles an API key can carry: a key never administers its company. */
export const API_KEY_ROLES = ['accountant', 'viewer'] as const satisfies readonly Role[];
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

const RANK: Record<Role, number> = { viewer: 1, accountant: 2, owner: 3 };

/** True when `actual` may do what `required` may, e.g. `roleAllows('owner', 'accountant') === true`. */
export function roleAllows(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', accountant: 'Accountant', viewer: 'Viewer' };

/**
 * What an API key may do is stored as the library's key permissions (settable only server-side), one statement
 * per role: `{ ledger: ['read'] }` for a viewer, `{ ledger: ['read', 'write'] }` for an accountant.
 */
export function apiKeyPermissions(role: ApiKeyRole): Record<string, string[]> {
  return role === 'accountant' ? { ledger: ['read', 'write'] } : { ledger: ['read'] };
}

/** The role a key's stored permissions grant; anything unrecognised grants nothing. */
export function roleOfApiKeyPermissions(permissions: unknown): ApiKeyRole | null {
  const ledger = (permissions as { ledger?: unknown } | null)?.ledger;
  if (!Array.isArray(ledger) || !ledger.includes('read')) return null;
  return ledger.includes('write') ? 'accountant' : 'viewer';
}
