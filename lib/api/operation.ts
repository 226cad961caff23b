import type { z } from 'zod';
import type { Role } from '@/lib/auth/roles';

/** What one API operation declares, once, beside its handler (lib/http/api-route.ts). */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
  /** Problem answers the conventions do not imply (a stale `version` in a PUT body: 409), by status. */
  problems?: Record<number, string>;
  responses: Record<number, ResponseSpec>;
}

/** `jobKey`: the job key may call it too, acting on every company (`POST /api/recurring/run`). */
export type ApiAuth = { kind: 'company'; role: Role; jobKey?: boolean } | { kind: 'job-key' } | { kind: 'public' };

/** A declared operation as the document builder reads it; query and body are the strict schemas requests are parsed with. */
export interface Operation extends OperationSpec {
  auth: ApiAuth;
  params?: z.ZodObject<z.ZodRawShape>;
  query?: z.ZodObject<z.ZodRawShape>;
  body?: z.ZodType;
}
