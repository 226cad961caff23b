import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { apiKeys } from './auth';
import { companies } from './ledger';

/**
 * What the HTTP API keeps of its own, in the database so that every instance behind a load balancer agrees:
 * the idempotency keys of POST requests and each API key's rate-limit state (lib/api/idempotency.ts,
 * lib/api/rate-limit.ts).
 */

/**
 * One row per `Idempotency-Key` a caller sent: inserted before the handler runs (the unique key decides, among
 * concurrent requests, which one runs), completed with the response the caller gets replayed. A row whose
 * response is still null is in flight. Rows live at least 24 hours; expired ones are purged.
 */
export const apiIdempotencyKeys = pgTable(
  'api_idempotency_keys',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The caller's company; null for the operators' job key, which belongs to no company. */
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    /** Who sent it within the company: `api-key:<id>`, `user:<id>` or `job-key`. */
    credential: text('credential').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the method, the path with its query, and the canonical JSON body. */
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    responseBody: text('response_body'),
    /** When the request that owns the row started: an owner that died is replaced after a lease. */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('api_idempotency_keys_scope_key').on(t.companyId, t.credential, t.key).nullsNotDistinct(),
    index('api_idempotency_keys_expires_idx').on(t.expiresAt),
    check('api_idempotency_keys_key_length', sql`length(${t.key}) between 1 and 255`),
    check(
      'api_idempotency_keys_response_whole',
      sql`(${t.responseStatus} is null) = (${t.responseBody} is null) and (${t.responseStatus} is null) = (${t.responseHeaders} is null)`,
    ),
  ],
);

/**
 * Each API key's place in the generic cell rate algorithm: `tat` is the theoretical arrival time of its next
 * request. A request is allowed while `tat` stays within one window of now; `allowed` records what the last
 * request was told, so one upsert both decides and reports.
 */
export const apiRateLimits = pgTable('api_rate_limits', {
  keyId: uuid('key_id')
    .primaryKey()
    .references(() => apiKeys.id, { onDelete: 'cascade' }),
  tat: timestamp('tat', { withTimezone: true }).notNull(),
  allowed: boolean('allowed').notNull(),
});
