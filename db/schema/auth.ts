import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies } from './ledger';

/**
 * better-auth's tables (lib/auth/auth.ts maps each of its models onto one of these). Its organization model *is*
 * `companies` (ledger.ts), so a membership, a session's current company and an API key all point at the tenant
 * itself through a `company_id`. Ids are uuids the database generates (`generateId: 'uuid'`).
 */

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

/** Sessions live in the database: signing out deletes the row, and the cookie alone is worth nothing. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    /** The company chosen in the switcher (the organization plugin's active organization). */
    activeCompanyId: uuid('active_company_id').references(() => companies.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sessions_token_key').on(t.token), index('sessions_user_idx').on(t.userId)],
);

/** Credentials (better-auth's `account` model; `accounts` is the chart of accounts). The password is a library hash. */
export const authAccounts = pgTable(
  'auth_accounts',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('auth_accounts_user_idx').on(t.userId)],
);

export const authVerifications = pgTable(
  'auth_verifications',
  {
    id: id(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('auth_verifications_identifier_idx').on(t.identifier)],
);

/** One row per (company, user). A trigger (migration `auth_invariants`) keeps at least one owner per company. */
export const companyMembers = pgTable(
  'company_members',
  {
    id: id(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('company_members_company_user_key').on(t.companyId, t.userId),
    index('company_members_user_idx').on(t.userId),
    check('company_members_role', sql`${t.role} in ('owner', 'accountant', 'viewer')`),
  ],
);

/** The organization plugin requires its invitations table; the app adds members directly instead. */
export const companyInvitations = pgTable(
  'company_invitations',
  {
    id: id(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    email: text('email').notNull(),
    role: text('role'),
    status: text('status').notNull().default('pending'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    inviterId: uuid('inviter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('company_invitations_company_idx').on(t.companyId), index('company_invitations_email_idx').on(t.email)],
);

/**
 * API keys belong to a company (the API-key plugin's organization-owned keys). `key` holds the library's
 * SHA-256 hash, never the key; `start` its first characters for recognising it; `permissions` the role.
 * Revoking disables the row (`enabled = false`) so its history and last use stay visible.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    configId: text('config_id').notNull().default('default'),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    name: text('name'),
    start: text('start'),
    prefix: text('prefix'),
    key: text('key').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    permissions: text('permissions'),
    metadata: text('metadata'),
    rateLimitEnabled: boolean('rate_limit_enabled').notNull().default(true),
    rateLimitTimeWindow: bigint('rate_limit_time_window', { mode: 'number' }),
    rateLimitMax: integer('rate_limit_max'),
    requestCount: integer('request_count').notNull().default(0),
    remaining: integer('remaining'),
    refillInterval: bigint('refill_interval', { mode: 'number' }),
    refillAmount: integer('refill_amount'),
    lastRefillAt: timestamp('last_refill_at', { withTimezone: true }),
    lastRequest: timestamp('last_request', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('api_keys_key_key').on(t.key),
    index('api_keys_company_idx').on(t.companyId),
    index('api_keys_config_idx').on(t.configId),
  ],
);

/** better-auth's per-address rate limiter (database storage, so it holds across processes and restarts). */
export const authRateLimits = pgTable(
  'auth_rate_limits',
  {
    id: id(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
    /** Milliseconds since the epoch, as the library writes it. */
    lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('auth_rate_limits_key_key').on(t.key), index('auth_rate_limits_last_request_idx').on(t.lastRequest)],
);

/**
 * Failed sign-ins per account (lower-cased email, whether or not it exists, so the answer never tells): the
 * library limits per address only. See lib/auth/sign-in-throttle.ts.
 */
export const signInFailures = pgTable('sign_in_failures', {
  email: text('email').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});
