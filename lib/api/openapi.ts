import { z } from 'zod';
import { createDocument, type oas31, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { ROLE_LABELS, ROLES, roleAllows } from '@/lib/auth/roles';
import { IDEMPOTENCY_KEY_TTL_HOURS } from './idempotency';
import type { Operation } from './operation';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, problemSchema, problemType, type ProblemCode } from './problem';

/**
 * The OpenAPI 3.1 document, assembled from the operations the routes declare (each route's handler carries
 * its `operation`): the same zod schemas that parse requests describe them, so the contract cannot drift from
 * the code. Problem answers and security schemes are added here, by the same rules the wrappers apply.
 */

const API_VERSION = '1.0.0';

const SECURITY_SCHEMES: Record<string, oas31.SecuritySchemeObject> = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'ailegr_…',
    description: "A company's API key (Settings → API keys, or `npm run apikey`), with the role accountant or viewer.",
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'ailegr.session_token',
    description: 'The signed-in browser session. A request that changes something must come from the app’s own origin.',
  },
  jobKey: {
    type: 'http',
    scheme: 'bearer',
    description: "The operators' job key (`AILEGR_JOB_KEY`): the cross-company run and the metrics, nothing else.",
  },
};

const DESCRIPTION = `The AiLegr API: a company's books over HTTP.

**Authentication.** \`Authorization: Bearer <API key>\` (a key belongs to one company and has a role), or the
session cookie of the app. Roles: viewers read, accountants also write, owners also manage settings. No or a bad
credential is 401, too small a role 403, and another company's record 404 exactly like a missing one.

**Values.** Dates are \`YYYY-MM-DD\`; instants are ISO 8601 with an offset; amounts are decimal strings in the
company's currency, and answers also carry the integer \`…Minor\` amount.

**Errors** are \`application/problem+json\` (RFC 9457): \`type\`, \`title\`, \`status\`, \`detail\`, our \`code\`, and
for bad input \`fields\`, keyed by the dotted path of the field (\`payload.amount\`), the query parameter or the
header. Unknown fields are refused. Problem codes: ${Object.entries(PROBLEM_TYPES)
  .map(([code, { status }]) => `\`${code}\` (${status})`)
  .join(', ')}.

**Lists** take \`limit\` (1–100, default 50), \`cursor\` (the previous page's \`nextCursor\`) and \`updatedSince\`
(an instant), and answer \`{ "data": [...], "nextCursor": string | null }\` with a \`Link: <…>; rel="next"\`
header while more follow. Rows come in the order they last changed, so a sync saves the last \`updatedAt\` it saw
and asks again with \`updatedSince\`. A change still being written is not listed yet, nor any change after it, so
that a sync's mark never passes it: it comes on the next page or sync.

**Optimistic concurrency.** A single resource answers with an \`ETag\` (and 304 to a matching
\`If-None-Match\`). \`PUT\` and \`DELETE\` honour \`If-Match\` when sent: a stale tag is 412. A stale \`version\` in a
body is 409.

**Idempotency.** Every \`POST\` takes an \`Idempotency-Key\` header (1–255 characters, e.g. a UUID). The same key
with the same request replays the first answer with \`Idempotent-Replayed: true\`; with another request it is 422;
while the first still runs, 409. Keys belong to the company and the credential and are kept
${IDEMPOTENCY_KEY_TTL_HOURS} hours.

**Rate limit.** Each API key may send \`AILEGR_API_RATE_LIMIT_PER_MINUTE\` requests a minute (600 unless the
server says otherwise). Answers carry \`RateLimit-Policy\` and \`RateLimit\` (IETF draft); a refusal is 429 with
\`Retry-After\`.`;

const header = (description: string, schema: z.ZodType = z.string()) => schema.meta({ description });

const RATE_LIMIT_HEADERS = {
  RateLimit: header('`"default";r=<requests left>;t=<seconds until more>` (answers to API keys)').optional(),
  'RateLimit-Policy': header('`"default";q=<requests>;w=60` (answers to API keys)').optional(),
};

function problemResponse(description: string): ZodOpenApiResponseObject {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } };
}

/** The problem answers an operation can give, by the rules its wrapper applies. */
function problemResponses(operation: Operation): Record<string, ZodOpenApiResponseObject> {
  const out: Record<string, ZodOpenApiResponseObject> = {};
  const add = (status: number, description: string) => {
    out[String(status)] ??= problemResponse(description);
  };
  const hasInput = operation.params || operation.query || operation.body;
  if (hasInput || operation.method === 'POST') add(400, 'Bad input: `fields` names each field and what is wrong');
  if (operation.auth.kind !== 'public') add(401, 'No credential, or a bad one');
  if (operation.auth.kind === 'company') add(403, 'The credential’s role is too small for this');
  if (operation.auth.kind === 'user') add(403, 'An API key: this needs a signed-in person (a key belongs to one company)');
  if (operation.params) add(404, 'Not found (another company’s record too)');
  if (operation.method === 'POST') {
    add(409, 'A request with this Idempotency-Key is still running (`idempotency_in_flight`), or a conflict with the current state');
    add(422, 'This Idempotency-Key was used for another request');
  }
  if (operation.etag && (operation.method === 'PUT' || operation.method === 'DELETE')) add(412, 'If-Match names a stale ETag');
  for (const [status, description] of Object.entries(operation.problems ?? {})) add(Number(status), description);
  if (operation.auth.kind === 'company') add(429, 'The API key’s rate limit is used up: retry after `Retry-After` seconds');
  add(500, 'An unexpected error; it has been logged');
  if (operation.auth.kind === 'job-key') add(503, 'The job key is not set on this server');
  return out;
}

function successResponses(operation: Operation): Record<string, ZodOpenApiResponseObject> {
  const out: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, spec] of Object.entries(operation.responses)) {
    const headers: Record<string, z.ZodType> = operation.auth.kind === 'company' ? { ...RATE_LIMIT_HEADERS } : {};
    if (operation.list) headers.Link = header('`<…>; rel="next"` while another page follows').optional();
    if (operation.etag) headers.ETag = header('The representation’s entity tag');
    if (status === '201') headers.Location = header('Where the created resource lives').optional();
    if (operation.method === 'POST') headers['Idempotent-Replayed'] = header('`true` on an answer replayed for a repeated Idempotency-Key').optional();
    out[status] = {
      description: spec.description,
      ...(Object.keys(headers).length ? { headers: z.object(headers) } : {}),
      ...(spec.schema ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema } } } : {}),
    };
  }
  if (operation.method === 'GET' && operation.etag) out['304'] = { description: 'Not modified: If-None-Match names the current ETag' };
  return out;
}

function requestHeaders(operation: Operation): z.ZodObject | undefined {
  const fields: Record<string, z.ZodType> = {};
  if (operation.method === 'POST') {
    fields['Idempotency-Key'] = header('Makes a retried POST safe: the same key replays the first answer (1–255 characters)', z.string().min(1).max(255)).optional();
  }
  if (operation.etag && operation.method === 'GET') fields['If-None-Match'] = header('An ETag you hold: 304 when it is still current').optional();
  if (operation.etag && (operation.method === 'PUT' || operation.method === 'DELETE')) {
    fields['If-Match'] = header('The ETag you read: 412 when the resource changed since').optional();
  }
  return Object.keys(fields).length ? z.object(fields) : undefined;
}

function security(operation: Operation): oas31.SecurityRequirementObject[] {
  switch (operation.auth.kind) {
    case 'company':
      return operation.auth.jobKey ? [{ apiKey: [] }, { session: [] }, { jobKey: [] }] : [{ apiKey: [] }, { session: [] }];
    case 'job-key':
      return [{ jobKey: [] }];
    case 'user':
      return [{ session: [] }];
    case 'public':
      return [];
  }
}

function roleNote(operation: Operation): string {
  if (operation.auth.kind === 'job-key') return 'Authorized by the job key only.';
  if (operation.auth.kind === 'public') return 'Public: no credential needed.';
  if (operation.auth.kind === 'user') return 'Any signed-in person, by their session. An API key is refused (403): it belongs to one company.';
  const { role, jobKey } = operation.auth;
  const allowed = ROLES.filter((r) => roleAllows(r, role)).map((r) => ROLE_LABELS[r].toLowerCase());
  return `Roles: ${allowed.join(', ')}${jobKey ? ' (on their own company); or the job key, on every company' : ''}.`;
}

export function buildOpenApiDocument(operations: Operation[]): oas31.OpenAPIObject {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    const method = operation.method.toLowerCase();
    if (item[method]) throw new Error(`${operation.method} ${operation.path} is declared twice`);
    const headers = requestHeaders(operation);
    item[method] = {
      operationId: operation.operationId,
      summary: operation.summary,
      description: [operation.description, roleNote(operation)].filter(Boolean).join('\n\n'),
      tags: operation.tags,
      security: security(operation),
      ...(operation.params || operation.query || headers
        ? { requestParams: { ...(operation.params ? { path: operation.params } : {}), ...(operation.query ? { query: operation.query } : {}), ...(headers ? { header: headers } : {}) } }
        : {}),
      ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: operation.body } } } } : {}),
      responses: { ...successResponses(operation), ...problemResponses(operation) } as ZodOpenApiOperationObject['responses'],
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'AiLegr API', version: API_VERSION, description: DESCRIPTION },
    servers: [{ url: '/', description: 'This server' }],
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
  }) as oas31.OpenAPIObject;
}

/** Every problem type, for `GET /api/problems/{code}` and the reference. */
export function describeProblemTypes(): { type: string; code: ProblemCode; status: number; title: string }[] {
  return (Object.entries(PROBLEM_TYPES) as [ProblemCode, { status: number; title: string }][]).map(([code, { status, title }]) => ({
    type: problemType(code),
    code,
    status,
    title,
  }));
}
