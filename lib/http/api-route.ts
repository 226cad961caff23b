import 'server-only';
import { z } from 'zod';
import { db as openDb, type Db } from '@/db/client';
import { isNotModified } from '@/lib/api/concurrency';
import {
  completeIdempotencyKey,
  idempotencyKeyOf,
  releaseIdempotencyKey,
  replayResponse,
  requestFingerprint,
  reserveIdempotencyKey,
  type IdempotencyScope,
  type StoredAnswer,
} from '@/lib/api/idempotency';
import type { ApiAuth, Operation, OperationSpec, ResponseSpec } from '@/lib/api/operation';
import { problemOf, PROBLEM_CONTENT_TYPE } from '@/lib/api/problem';
import { AppError } from '@/lib/errors';
import { parseRequest, type ParsedRequest } from '@/lib/http/api-request';
import { presentsJobKey, requireJobKey } from '@/lib/http/job-key';
import { getAuth } from '@/lib/auth/auth';
import { companyRoute, errorResponse, refuseCrossSite, requestCompanyContext } from '@/lib/http/route';
import { logger } from '@/lib/log';
import { whenReady } from '@/lib/server/ready';
import type { CompanyContext } from '@/lib/session/company-context';

/**
 * Declares an API operation once, next to its handler: the same zod schemas parse the request and make the
 * OpenAPI document (lib/api/openapi.ts), and the conventions every route shares happen here, not in handlers:
 * authentication and role (through `companyRoute`), strict parsing with dotted field paths, idempotency keys on
 * every POST, ETag and If-None-Match on answers that carry one, and problem+json errors.
 *
 * @example
 * export const GET = apiRoute(
 *   { method: 'GET', path: '/api/parties', role: 'viewer', query: partyListQuery, responses: { 200: { … } }, … },
 *   async ({ ctx, query }) => ({ status: 200, body: … }),
 * );
 */

type AnyObject = z.ZodObject<z.ZodRawShape>;

type BodyOf<R> = R extends { schema: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What a handler answers: one of its documented statuses with a body of that status's schema. */
export type Reply<R extends Record<number, ResponseSpec>> = {
  [S in keyof R & number]: { status: S; body: BodyOf<R[S]>; headers?: Record<string, string> };
}[keyof R & number];

/** A handler's answer: `reply(201, toPartyResponse(party), { location })` (keeps the status a literal for the types). */
export function reply<S extends number, T>(status: S, body: T, headers?: Record<string, string>): { status: S; body: T; headers?: Record<string, string> } {
  return { status, body, ...(headers ? { headers } : {}) };
}

export interface HandlerInput<P, Q, B> {
  request: Request;
  params: P extends AnyObject ? z.output<P> : Record<string, never>;
  query: Q extends AnyObject ? z.output<Q> : Record<string, never>;
  /** The parsed body (defaults applied, transforms run). */
  body: B extends z.ZodType ? z.output<B> : undefined;
  /** The same body as sent, already validated: for services that parse their input themselves. */
  rawBody: B extends z.ZodType ? z.input<B> : undefined;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
const NO_PARAMS: RouteContext = { params: Promise.resolve({}) };
export type ApiRouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & { operation: Operation };

type Spec<P, Q, B, R extends Record<number, ResponseSpec>> = OperationSpec & { params?: P; query?: Q; body?: B; responses: R };

/**
 * What every kind of route below is: a spec (plus what that kind needs, e.g. a role) and a handler that gets the
 * parsed request (plus who called). Written once so the four kinds cannot drift in how they type a route.
 */
type RouteMaker<SpecExtra, Caller> = <
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends Record<number, ResponseSpec> = Record<number, ResponseSpec>,
>(
  spec: Spec<P, Q, B, R> & SpecExtra,
  handler: (input: HandlerInput<P, Q, B> & Caller) => Promise<Reply<R>>,
) => ApiRouteHandler;

/** A company route: API key or session, with at least `role`. */
export const apiRoute: RouteMaker<{ role: CompanyContext['role'] }, { ctx: CompanyContext }> = (spec, handler) => {
  const operation = defineOperation(spec, { kind: 'company', role: spec.role });
  const route = companyOperationRoute(operation, spec.role, (input, ctx) => handler({ ...input, ctx } as never));
  return Object.assign(route, { operation });
};

/** An operators' route behind the job key (`AILEGR_JOB_KEY`), outside any company. */
export const jobKeyRoute: RouteMaker<unknown, { db: Db }> = (spec, handler) => {
  const operation = defineOperation(spec, { kind: 'job-key' });
  const route = jobKeyOperationRoute(operation, (input, db) => handler({ ...input, db } as never));
  return Object.assign(route, { operation });
};

/** A signed-in person, known by their session, outside any company. */
export interface UserContext {
  db: Db;
  user: { userId: string; email: string; name: string };
}

/**
 * A route for a signed-in person by their session alone, outside any company: creating a company is one. An API
 * key belongs to one company and so is refused (403; a bad one 401); a cookie request that changes something must
 * come from the app's own origin, as on company routes.
 */
export const userRoute: RouteMaker<unknown, { ctx: UserContext }> = (spec, handler) => {
  const operation = defineOperation(spec, { kind: 'user' });
  const name = `${spec.method} ${spec.path}`;
  const route = async (request: Request, context: RouteContext = NO_PARAMS): Promise<Response> => {
    try {
      const ctx = await requestUserContext(request);
      const input = await parseRequest(operation, request, await context.params);
      return await answer(operation, ctx.db, { companyId: null, credential: `user:${ctx.user.userId}` }, request, input.json, async () =>
        serialize(operation, await handler({ ...input, ctx } as never)),
      );
    } catch (error) {
      const response = errorResponse(error, { route: name });
      if (response.status === 401) response.headers.set('WWW-Authenticate', 'Bearer realm="ailegr"');
      return response;
    }
  };
  return Object.assign(route, { operation });
};

async function requestUserContext(request: Request): Promise<UserContext> {
  if (request.headers.get('authorization') !== null) {
    // Judged by the header alone, as everywhere: a bad key is 401; a good one is refused here, not ignored.
    await requestCompanyContext(request);
    throw new AppError('forbidden', 'An API key belongs to one company: sign in to do this');
  }
  refuseCrossSite(request);
  await whenReady();
  const db = await openDb();
  const session = await (await getAuth()).api.getSession({ headers: request.headers });
  if (!session) throw new AppError('unauthorized', 'Sign in to continue');
  return { db, user: { userId: session.user.id, email: session.user.email, name: session.user.name } };
}


/** Who called a route that takes company credentials and the job key alike. */
export type CompanyOrJobKeyCaller = { kind: 'company'; ctx: CompanyContext } | { kind: 'job-key'; db: Db };

/**
 * A company route that the operators' job key may call too (`POST /api/recurring/run`): the job key acts on every
 * company; an API key or a session acts on its own company, with at least `role`. Which one it got is decided by
 * the `Authorization` header alone (the job key, compared in constant time), so neither can pass for the other.
 */
export const companyOrJobKeyRoute: RouteMaker<{ role: CompanyContext['role'] }, { caller: CompanyOrJobKeyCaller }> = (spec, handler) => {
  const operation = defineOperation(spec, { kind: 'company', role: spec.role, jobKey: true });
  const asCompany = companyOperationRoute(operation, spec.role, (input, ctx) => handler({ ...input, caller: { kind: 'company', ctx } } as never));
  const asJobKey = jobKeyOperationRoute(operation, (input, db) => handler({ ...input, caller: { kind: 'job-key', db } } as never));
  const route = async (request: Request, context: RouteContext = NO_PARAMS): Promise<Response> =>
    presentsJobKey(request) ? asJobKey(request, context) : asCompany(request, context as { params: Promise<Record<string, string | string[] | undefined>> });
  return Object.assign(route, { operation });
};

/** A route anyone may call (it shows nothing of any company). */
export function publicRoute<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  R extends Record<number, ResponseSpec> = Record<number, ResponseSpec>,
>(spec: Spec<P, Q, undefined, R>, handler: (input: HandlerInput<P, Q, undefined>) => Promise<Reply<R>>): ApiRouteHandler {
  const operation = defineOperation(spec, { kind: 'public' });
  const route = async (request: Request, context: RouteContext = NO_PARAMS): Promise<Response> => {
    try {
      const input = await parseRequest(operation, request, await context.params);
      const stored = serialize(operation, await handler(input as never));
      return respond(operation, request, stored);
    } catch (error) {
      return errorResponse(error, { route: `${spec.method} ${spec.path}` });
    }
  };
  return Object.assign(route, { operation });
}

type Answered = { status: number; body: unknown; headers?: Record<string, string> };

/** The company side of a route: `companyRoute`'s credentials and role, then parse, idempotency scope and answer. */
function companyOperationRoute(operation: Operation, role: CompanyContext['role'], handle: (input: ParsedRequest, ctx: CompanyContext) => Promise<Answered>) {
  return companyRoute({ name: `${operation.method} ${operation.path}`, role }, async (ctx, request, rawParams) => {
    const input = await parseRequest(operation, request, rawParams, ctx.company.baseCurrency);
    const scope = { companyId: ctx.company.id, credential: ctx.caller.kind === 'api-key' ? `api-key:${ctx.caller.keyId}` : `user:${ctx.caller.userId}` };
    return answer(operation, ctx.db, scope, request, input.json, async () => serialize(operation, await handle(input, ctx)));
  });
}

/**
 * The job-key side of a route, outside any company. It checks the key itself even when `presentsJobKey` already
 * chose this side, so no caller of it can forget to.
 */
function jobKeyOperationRoute(operation: Operation, handle: (input: ParsedRequest, db: Db) => Promise<Answered>) {
  return async (request: Request, context: RouteContext = NO_PARAMS): Promise<Response> => {
    try {
      requireJobKey(request);
      await whenReady();
      const db = await openDb();
      const input = await parseRequest(operation, request, await context.params);
      return await answer(operation, db, { companyId: null, credential: 'job-key' }, request, input.json, async () =>
        serialize(operation, await handle(input, db)),
      );
    } catch (error) {
      return errorResponse(error, { route: `${operation.method} ${operation.path}` });
    }
  };
}

function defineOperation(spec: OperationSpec & { params?: unknown; query?: unknown; body?: unknown }, auth: ApiAuth): Operation {
  // Unknown fields are refused, not silently dropped: a typo'd field must not look accepted. The strict copies
  // are what requests are parsed with and what the document shows.
  const strict = <T>(schema: T): T => (schema instanceof z.ZodObject ? (schema.strict() as T) : schema);
  return {
    ...spec,
    auth,
    params: spec.params as AnyObject | undefined,
    query: strict(spec.query as AnyObject | undefined),
    body: strict(spec.body as z.ZodType | undefined),
  };
}

function serialize(operation: Operation, reply: Answered): StoredAnswer {
  const spec = operation.responses[reply.status];
  if (!spec) throw new Error(`${operation.method} ${operation.path} answered ${reply.status}, which it does not document`);
  if (!spec.schema) return { status: reply.status, headers: { ...reply.headers }, body: '' };
  const contentType = spec.contentType ?? 'application/json';
  const body = contentType.includes('json') ? JSON.stringify(reply.body) : String(reply.body);
  return { status: reply.status, headers: { 'content-type': contentType, ...reply.headers }, body };
}

function toResponse(stored: StoredAnswer): Response {
  return new Response(stored.status === 204 || stored.status === 304 ? null : stored.body, { status: stored.status, headers: stored.headers });
}

/** A GET whose answer has an ETag the caller already holds is answered 304 with no body. */
function respond(operation: Operation, request: Request, stored: StoredAnswer): Response {
  const etag = stored.headers.etag;
  if (operation.method === 'GET' && stored.status === 200 && etag && isNotModified(request, etag)) {
    return new Response(null, { status: 304, headers: { etag } });
  }
  return toResponse(stored);
}

/**
 * Runs the handler under the request's idempotency key when it is a POST that sent one: replays a stored
 * answer, refuses a reused or running key, stores what this run answered (problems included, except 5xx, which
 * free the key for a retry).
 */
async function answer(
  operation: Operation,
  db: Db,
  scope: IdempotencyScope,
  request: Request,
  json: unknown,
  produce: () => Promise<StoredAnswer>,
): Promise<Response> {
  const key = operation.method === 'POST' ? idempotencyKeyOf(request) : undefined;
  if (key === undefined) return respond(operation, request, await produce());
  const reservation = await reserveIdempotencyKey(db, scope, key, requestFingerprint(request.method, request.url, json));
  if (reservation.kind === 'replay') return replayResponse(reservation.answer);
  let stored: StoredAnswer;
  try {
    stored = await produce();
  } catch (error) {
    const { problem, headers } = problemOf(error);
    if (problem.status >= 500) {
      await releaseIdempotencyKey(db, reservation.id).catch((e: unknown) => logger().warn({ err: e }, 'freeing an idempotency key failed'));
      throw error;
    }
    stored = { status: problem.status, headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE }, body: JSON.stringify(problem) };
  }
  await completeIdempotencyKey(db, reservation.id, stored);
  return toResponse(stored);
}

