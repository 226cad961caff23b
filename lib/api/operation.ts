import type { z } from 'zod';
import type { Role } from '@/lib/auth/roles';

/** What one API operation declares, once, beside its handler (lib/http/api-route.ts). */

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  /** The body's schema; none for 204. */
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
}

export interface OperationSpec {
  method: HttpMethod;
  /** The OpenAPI path template: `/api/documents/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** A list: documents the `Link` header of the next page. */
  list?: boolean;
  /** A single resource: answers with an `ETag` (and 304 to a matching `If-None-Match`); PUT/DELETE honour `If-Match`. */
  etag?: boolean;
  /**
   * The body's amounts in the company's currency, by dotted path (`payload.amount`). Their decimal places depend
   * on the currency, so the schema cannot check them; they are checked with it, and one 400 names every problem.
   */
  amounts?: string[];
  /** Problem answers the conventions do not imply (a stale `version` in a PUT body: 409), by status. */
  problems?: Record<number, string>;
  responses: Record<number, ResponseSpec>;
}

/**
 * Who may call: a company's API key or session with at least `role` (with `jobKey`, the operators' job key too,
 * acting on every company: `POST /api/recurring/run`); the job key alone; anyone; or `user`, a signed-in person by
 * their session alone, outside any company (an API key belongs to one company: refused).
 */
export type ApiAuth = { kind: 'company'; role: Role; jobKey?: boolean } | { kind: 'job-key' } | { kind: 'public' } | { kind: 'user' };

/** A declared operation as the document builder reads it; query and body are the strict schemas requests are parsed with. */
export interface Operation extends OperationSpec {
  auth: ApiAuth;
  params?: z.ZodObject<z.ZodRawShape>;
  query?: z.ZodObject<z.ZodRawShape>;
  body?: z.ZodType;
}
