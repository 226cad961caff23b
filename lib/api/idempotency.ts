import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiIdempotencyKeys } from '@/db/schema/api';
import { fieldError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { HttpProblem } from './problem';

/**
 * `Idempotency-Key` on POST (draft-ietf-httpapi-idempotency-key-header). The same key with the same request
 * replays the first answer with `Idempotent-Replayed: true`; with another request it is 422; while the first
 * is still running, 409. Keys belong to the company and the credential that sent them and are kept 24 hours.
 *
 * Insert first: the unique (company, credential, key) decides which of several concurrent requests runs, in
 * the database, so it holds across instances. The winner runs the handler and stores its answer; a 5xx frees the
 * key (nothing was done, or nothing the caller could rely on) so a retry runs again.
 */

export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
/**
 * A request still marked running after this long died with its process (no request runs this long: the
 * longest, a recurring run, stops claiming work after its time budget of at most 10 minutes by default). The
 * key is then free again, so one crash does not block it for a day.
 */
const IDEMPOTENCY_LEASE_MINUTES = 15;
/** Expired keys are deleted at most this often per process, by the request that notices. */
const PURGE_EVERY_MS = 10 * 60 * 1000;
/** Response headers worth replaying; the rate-limit headers are the replaying request's own. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'link'];

export interface IdempotencyScope {
  /** Null for the job key, which belongs to no company. */
  companyId: string | null;
  /** `api-key:<id>`, `user:<id>` or `job-key`. */
  credential: string;
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The key a request carries, or undefined. Both the draft's quoted form and a bare token are accepted. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const header = request.headers.get('idempotency-key');
  if (header === null) return undefined;
  let key = header.trim();
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1);
  if (!/^[\x20-\x7e]{1,255}$/.test(key) || key.trim() === '') {
    throw fieldError('Idempotency-Key', 'Use 1 to 255 printable ASCII characters, e.g. a UUID');
  }
  return key;
}

/** What makes two requests "the same": method, path with query, and the JSON body with its keys sorted. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  const { pathname, search } = new URL(url);
  return createHash('sha256').update(`${method} ${pathname}${search}\n${canonicalJson(body)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export type Reservation = { kind: 'run'; id: number } | { kind: 'replay'; answer: StoredAnswer };

/**
 * Claims the key for this request, or says why not: a stored answer to replay, or a problem (422 another
 * request, 409 still running). One insert decides; a loser reads the winner's row.
 */
export async function reserveIdempotencyKey(db: Db, scope: IdempotencyScope, key: string, fingerprint: string): Promise<Reservation> {
  purgeExpiredKeysNowAndThen(db);
  const t = apiIdempotencyKeys;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [claimed] = await db
      .insert(t)
      .values({
        companyId: scope.companyId,
        credential: scope.credential,
        key,
        requestHash: fingerprint,
        expiresAt: sql`now() + ${IDEMPOTENCY_KEY_TTL_HOURS}::int * interval '1 hour'`,
      })
      .onConflictDoUpdate({
        target: [t.companyId, t.credential, t.key],
        set: {
          requestHash: fingerprint,
          responseStatus: null,
          responseHeaders: null,
          responseBody: null,
          startedAt: sql`now()`,
          expiresAt: sql`now() + ${IDEMPOTENCY_KEY_TTL_HOURS}::int * interval '1 hour'`,
        },
        // Taken over only when expired, or abandoned by a request that died running the same thing.
        setWhere: or(
          lt(t.expiresAt, sql`now()`),
          and(isNull(t.responseStatus), eq(t.requestHash, fingerprint), lt(t.startedAt, sql`now() - ${IDEMPOTENCY_LEASE_MINUTES}::int * interval '1 minute'`)),
        ),
      })
      .returning({ id: t.id });
    if (claimed) return { kind: 'run', id: claimed.id };

    const scoped = and(
      scope.companyId === null ? isNull(t.companyId) : eq(t.companyId, scope.companyId),
      eq(t.credential, scope.credential),
      eq(t.key, key),
    );
    const [held] = await db
      .select({ requestHash: t.requestHash, status: t.responseStatus, headers: t.responseHeaders, body: t.responseBody })
      .from(t)
      .where(scoped);
    if (!held) continue; // its request failed and freed it in between: try again
    if (held.requestHash !== fingerprint) {
      throw new HttpProblem(
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request (another path or body): use a new key for a new request',
      );
    }
    if (held.status === null || held.body === null || held.headers === null) {
      throw new HttpProblem('idempotency_in_flight', 'A request with this Idempotency-Key is still running: retry once it has finished', {
        'retry-after': '1',
      });
    }
    return { kind: 'replay', answer: { status: held.status, headers: held.headers, body: held.body } };
  }
  throw new HttpProblem('idempotency_in_flight', 'A request with this Idempotency-Key is still running: retry once it has finished', { 'retry-after': '1' });
}

/** Stores the answer the caller got, for replays. */
export async function completeIdempotencyKey(db: Db, id: number, answer: StoredAnswer): Promise<void> {
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => REPLAYED_HEADERS.includes(name.toLowerCase())));
  await db
    .update(apiIdempotencyKeys)
    .set({ responseStatus: answer.status, responseHeaders: headers, responseBody: answer.body })
    .where(eq(apiIdempotencyKeys.id, id));
}

/** Frees the key after a failure the caller may retry (a 5xx). */
export async function releaseIdempotencyKey(db: Db, id: number): Promise<void> {
  await db.delete(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.id, id), isNull(apiIdempotencyKeys.responseStatus)));
}

export function replayResponse(answer: StoredAnswer): Response {
  return new Response(answer.status === 204 ? null : answer.body, {
    status: answer.status,
    headers: { ...answer.headers, 'idempotent-replayed': 'true' },
  });
}

/** Deletes expired keys; returns how many. */
export async function purgeExpiredIdempotencyKeys(db: Db): Promise<number> {
  const gone = await db.delete(apiIdempotencyKeys).where(lt(apiIdempotencyKeys.expiresAt, sql`now()`)).returning({ id: apiIdempotencyKeys.id });
  return gone.length;
}

const globalForPurge = globalThis as unknown as { ailegrIdempotencyPurgedAt?: number };

function purgeExpiredKeysNowAndThen(db: Db): void {
  const now = Date.now();
  if (globalForPurge.ailegrIdempotencyPurgedAt !== undefined && now - globalForPurge.ailegrIdempotencyPurgedAt < PURGE_EVERY_MS) return;
  globalForPurge.ailegrIdempotencyPurgedAt = now;
  // Off the request's path: a purge that fails is retried by a later request.
  void purgeExpiredIdempotencyKeys(db).catch((error: unknown) => logger().warn({ err: error }, 'purging expired idempotency keys failed'));
}
