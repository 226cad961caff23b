import { FieldErrorsBuilder, validationError } from '@/lib/errors';

const NUL_MESSAGE = 'Remove the NUL character (\\0): text cannot contain it';

/**
 * How deeply a request body may nest objects and arrays. No form or API body needs more than a few levels; a
 * deeper one is refused here, at the edge, so that no later walk over it (zod, the idempotency fingerprint)
 * recurses without bound. A body nested 3,000 levels deep used to overflow the stack and answer 500.
 */
const MAX_BODY_DEPTH = 32;

/**
 * PostgreSQL text cannot hold U+0000, and writing it fails deep inside a query as a server error. Request
 * bodies are checked for it at the edge instead, naming the field: `refuseNulBytes({ memo: 'a\0b' })` throws a
 * validation error on `memo`. A body nested deeper than MAX_BODY_DEPTH is refused too. The walk keeps its own
 * stack, so no body can overflow the call stack.
 */
export function refuseNulBytes(value: unknown): void {
  const fields = new FieldErrorsBuilder();
  const pending: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { v, path, depth } = pending.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) fields.add(path || '_form', NUL_MESSAGE);
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      throw validationError({ _form: [`The request body is nested too deeply: at most ${MAX_BODY_DEPTH} levels`] });
    }
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    for (const [key, item] of entries.reverse()) {
      if (key.includes('\u0000')) fields.add(path || '_form', NUL_MESSAGE);
      pending.push({ v: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  if (fields.size > 0) throw validationError(fields.build());
}
