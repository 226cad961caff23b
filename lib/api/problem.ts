import { z } from 'zod';
import { AppError, FieldErrorsBuilder, HTTP_STATUS, type ErrorCode, type FieldErrors } from '@/lib/errors';

/**
 * Every error the API answers is an RFC 9457 problem (`application/problem+json`): `type`, `title`, `status`,
 * `detail`, plus our `code` and, for bad input, `fields` keyed by the dotted path of the offending field
 * (`payload.amount`), query parameter (`limit`) or header (`Idempotency-Key`).
 *
 * The services' deliberate errors (AppError, lib/errors.ts) keep their codes and statuses; the codes below that
 * only the HTTP layer raises (preconditions, idempotency, rate limits) live here.
 */

export const HTTP_PROBLEM_CODES = ['precondition_failed', 'idempotency_key_reused', 'idempotency_in_flight', 'rate_limited'] as const;
export type HttpProblemCode = (typeof HTTP_PROBLEM_CODES)[number];
export type ProblemCode = ErrorCode | HttpProblemCode;

/** Each problem type once: its status and its title (the same for every occurrence, as RFC 9457 asks). */
export const PROBLEM_TYPES: Record<ProblemCode, { status: number; title: string }> = {
  validation: { status: HTTP_STATUS.validation, title: 'The request is not valid' },
  unauthorized: { status: HTTP_STATUS.unauthorized, title: 'Authentication is required' },
  forbidden: { status: HTTP_STATUS.forbidden, title: 'Not allowed' },
  not_found: { status: HTTP_STATUS.not_found, title: 'Not found' },
  conflict: { status: HTTP_STATUS.conflict, title: 'Conflict with the current state' },
  idempotency_in_flight: { status: 409, title: 'A request with this idempotency key is still running' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key reused for another request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: HTTP_STATUS.internal, title: 'Internal error' },
  unavailable: { status: HTTP_STATUS.unavailable, title: 'Unavailable' },
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` URI of a problem code: a reference relative to the API, one per code. */
export function problemType(code: ProblemCode): string {
  return `/api/problems/${code.replaceAll('_', '-')}`;
}

/** A problem the HTTP layer raises, with the headers its answer needs (e.g. `Retry-After`). */
export class HttpProblem extends Error {
  constructor(
    readonly code: HttpProblemCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'Identifies the problem type: `/api/problems/{code}`' }),
    title: z.string().meta({ description: 'A short summary of the problem type, the same for each occurrence' }),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong this time, fit to show a person' }),
    code: z.enum([...(Object.keys(PROBLEM_TYPES) as [ProblemCode, ...ProblemCode[]])]),
    fields: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: 'Bad input: messages keyed by the dotted path of each field (`payload.amount`), query parameter or header' }),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem detail' });
type Problem = z.infer<typeof problemSchema>;

export interface ProblemAnswer {
  problem: Problem;
  headers: Record<string, string>;
}

/**
 * What the caller sees of an error: deliberate ones as they are, anything else as a generic 500 (the caller logs
 * it). Never a stack trace or a driver's message.
 */
export function problemOf(error: unknown): ProblemAnswer {
  let code: ProblemCode = 'internal';
  let detail = 'Something went wrong. It has been logged.';
  let fields: FieldErrors | undefined;
  let headers: Record<string, string> = {};
  if (error instanceof AppError) {
    ({ code } = error);
    detail = error.message;
    fields = error.fieldErrors;
  } else if (error instanceof HttpProblem) {
    ({ code, headers } = error);
    detail = error.message;
  }
  const { status, title } = PROBLEM_TYPES[code];
  return { problem: { type: problemType(code), title, status, detail, code, ...(fields ? { fields } : {}) }, headers };
}

export function problemResponse({ problem, headers }: ProblemAnswer): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' },
  });
}

/**
 * Zod issues as field errors keyed by dotted path. An unknown key is reported on its own path (`payload.colour`),
 * not on the object that holds it, so a typo points at itself.
 */
export function fieldsFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldErrors {
  const fields = new FieldErrorsBuilder();
  const add = (path: readonly PropertyKey[], message: string) => fields.add(path.length ? path.map(String).join('.') : '_form', message);
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) add([...path, key], 'Unknown field: remove it');
    else add(path, issue.message);
  }
  return fields.build();
}
