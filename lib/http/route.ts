import 'server-only';
import { db as openDb } from '@/db/client';
import { problemOf, problemResponse } from '@/lib/api/problem';
import { rateLimitedProblem, takeRateLimit } from '@/lib/api/rate-limit';
import { API_KEY_MAX_LENGTH, verifyApiKeyOrThrow } from '@/lib/auth/api-keys';
import type { Role } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { whenReady } from '@/lib/server/ready';
import { refuseNulBytes } from './nul-bytes';
import { requireRole, sessionCompanyContext, type CompanyContext } from '@/lib/session/company-context';

/** JSON body of a request, or a 400 when it is not JSON, holds a NUL character or is larger than `maxBytes`. */
export async function readJson(request: Request, maxBytes = 256 * 1024): Promise<unknown> {
  const text = await request.text();
  if (text.length > maxBytes) throw new AppError('validation', 'The request body is too large');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('validation', 'The request body is not valid JSON');
  }
  refuseNulBytes(value);
  return value;
}

/**
 * Maps an error to its `application/problem+json` answer (lib/api/problem.ts); unexpected ones are logged with
 * their stack and answered generically, never shown raw.
 */
export function errorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  const answer = problemOf(error);
  if (answer.problem.status >= 500) logger().error({ err: error, ...context }, 'route failed');
  return problemResponse(answer);
}

/** The response with `headers` added (a copy when its own headers are immutable). */
function withHeaders(response: Response, headers: Record<string, string> | undefined): Response {
  if (!headers || Object.keys(headers).length === 0) return response;
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}

export interface RoutePolicy {
  /** Names the route in logs, e.g. 'GET /api/parties'. */
  name: string;
  /** The least role the caller needs in the company. */
  role: Role;
}

type RouteParams = Record<string, string | string[] | undefined>;

/**
 * Wraps a company-scoped route handler: resolves the caller and the company from `Authorization: Bearer <API
 * key>` or else the session cookie, counts an API key's request against its rate limit (429 past it), checks
 * the role, runs the handler and maps errors to problems. No credentials or a bad one answer 401, too small a
 * role 403; the handler's company-scoped queries make another company's records 404. Every answer to an API key
 * carries its `RateLimit` headers.
 *
 * @example export const GET = companyRoute({ name: 'GET /api/parties', role: 'viewer' }, async ({ db, company }) => …)
 */
export function companyRoute<P extends RouteParams = RouteParams>(
  policy: RoutePolicy,
  handler: (ctx: CompanyContext, request: Request, params: P) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    let companyId: string | undefined;
    let limitHeaders: Record<string, string> | undefined;
    try {
      const ctx = await requestCompanyContext(request);
      companyId = ctx.company.id;
      if (ctx.caller.kind === 'api-key') {
        const perMinute = env().AILEGR_API_RATE_LIMIT_PER_MINUTE;
        const decision = await takeRateLimit(ctx.db, ctx.caller.keyId, perMinute);
        limitHeaders = decision.headers;
        if (!decision.allowed) throw rateLimitedProblem(decision, perMinute);
      }
      requireRole(ctx, policy.role);
      return withHeaders(await handler(ctx, request, await context.params), limitHeaders);
    } catch (error) {
      const response = withHeaders(errorResponse(error, { route: policy.name, companyId }), limitHeaders);
      if (response.status === 401) response.headers.set('WWW-Authenticate', 'Bearer realm="ailegr"');
      return response;
    }
  };
}

/**
 * The caller of an API request. A request with an `Authorization` header is judged by it alone: it must be
 * `Bearer <API key>` (a malformed, oversized or unknown token is a 401 whatever cookies come with it).
 * Otherwise the session cookie counts, and a state-changing request must then come from our own origin.
 */
export async function requestCompanyContext(request: Request): Promise<CompanyContext> {
  const authorization = request.headers.get('authorization');
  if (authorization === null) {
    refuseCrossSite(request);
    return sessionCompanyContext(request.headers);
  }
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization);
  if (!match || match[1]!.length > API_KEY_MAX_LENGTH) {
    throw new AppError('unauthorized', 'Send Authorization: Bearer <API key>');
  }
  await whenReady();
  const db = await openDb();
  const { company, horizon, ...key } = await verifyApiKeyOrThrow(db, match[1]!);
  return { db, company, companies: [company], role: key.role, caller: { kind: 'api-key', keyId: key.keyId, keyName: key.keyName }, horizon };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Session cookies are SameSite=Lax, so browsers already withhold them from cross-site POSTs; this refuses what
 * slips through anyway (an old browser, a same-site sibling origin) when the browser says where it came from.
 */
export function refuseCrossSite(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  let crossOrigin = false;
  if (origin !== null) {
    try {
      // The host the request was sent to, as the browser names it (Host), or as the server rebuilt its URL: under
      // `next start` the URL may say localhost for a request sent to 127.0.0.1. A cross-site page cannot set Host.
      const from = new URL(origin).host;
      crossOrigin = from !== new URL(request.url).host && from !== request.headers.get('host');
    } catch {
      crossOrigin = true;
    }
  }
  if (crossOrigin || (site !== null && site !== 'same-origin' && site !== 'none')) {
    throw new AppError('forbidden', 'Cross-site requests are refused: call the API with an API key');
  }
}
