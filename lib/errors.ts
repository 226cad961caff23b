import { z } from 'zod';

export type ErrorCode = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable' | 'internal';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export type FieldErrors = Record<string, string[]>;

/** A deliberate error whose message is safe to show. Anything else is logged and answered generically. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function validationError(fieldErrors: FieldErrors, message = 'Some fields need attention'): AppError {
  return new AppError('validation', message, fieldErrors);
}

export function fieldError(field: string, message: string): AppError {
  return validationError({ [field]: [message] });
}

/** A record missing or belonging to another company: both answer the same, so existence never leaks. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fields = new FieldErrorsBuilder();
  for (const issue of error.issues) fields.add(issue.path.length ? issue.path.join('.') : '_form', issue.message);
  return fields.build();
}

/**
 * Collects messages by field name. The names come from the request (an unknown field is named as sent), so they
 * are kept in a Map: in a plain object, `valueOf` or `__proto__` would find Object.prototype's member instead of
 * an empty slot, and the request would fail with a TypeError instead of getting its field error.
 */
export class FieldErrorsBuilder {
  private readonly fields = new Map<string, string[]>();

  add(key: string, message: string): void {
    const messages = this.fields.get(key);
    if (!messages) this.fields.set(key, [message]);
    else if (!messages.includes(message)) messages.push(message);
  }

  get size(): number {
    return this.fields.size;
  }

  has(key: string): boolean {
    return this.fields.has(key);
  }

  /** The messages as an object of own properties (Object.fromEntries defines even `__proto__` as a plain key). */
  build(): FieldErrors {
    return Object.fromEntries(this.fields);
  }
}

/** Parses with a shared schema, throwing a field-level validation error. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(fieldErrorsFromZod(result.error));
  return result.data;
}

export interface PublicError {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
}

/** What a caller may see of an error: an AppError as it is, anything else as a generic internal error. */
export function toPublicError(error: unknown): { status: number; error: PublicError } {
  if (error instanceof AppError) {
    return {
      status: HTTP_STATUS[error.code],
      error: { code: error.code, message: error.message, ...(error.fieldErrors ? { fields: error.fieldErrors } : {}) },
    };
  }
  return { status: 500, error: { code: 'internal', message: 'Something went wrong. It has been logged.' } };
}

/** The PostgreSQL error code and constraint of a driver error (postgres.js and PGlite both carry them). */
export function pgErrorInfo(error: unknown): { code?: string; constraint?: string } {
  let current: unknown = error;
  for (let depth = 0; current && depth < 3; depth++) {
    const e = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      const constraint = (e.constraint ?? e.constraint_name) as string | undefined;
      return { code: e.code, constraint };
    }
    current = e.cause;
  }
  return {};
}

/** The database's error rather than the driver's wrapper, whose message repeats the batch's every parameter. */
export function rootCause(error: unknown): unknown {
  return error instanceof Error && error.cause instanceof Error ? error.cause : error;
}
