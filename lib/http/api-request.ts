import 'server-only';
import { z } from 'zod';
import type { Operation } from '@/lib/api/operation';
import { fieldsFromZod } from '@/lib/api/problem';
import { FieldErrorsBuilder, validationError } from '@/lib/errors';
import { readJson } from '@/lib/http/route';
import { amountProblem } from '@/lib/money';

type AnyObject = z.ZodObject<z.ZodRawShape>;

/**
 * An API request parsed against its operation's strict schemas: path parameters, the query string and the JSON
 * body, each error under its dotted field path, all of them in one 400 (see `apiRoute`).
 */
export interface ParsedRequest {
  request: Request;
  params: unknown;
  query: unknown;
  body: unknown;
  rawBody: unknown;
  /** The JSON body as sent (for the idempotency fingerprint). */
  json: unknown;
}

/**
 * `currency`: the company's, for a company route; its operation's `amounts` are then checked with the body's
 * schema (a field the schema already refused keeps only that error).
 */
export async function parseRequest(
  operation: Operation,
  request: Request,
  rawParams: Record<string, unknown>,
  currency?: string,
): Promise<ParsedRequest> {
  // Keyed by names the request chose (`?valueOf=`, `{"__proto__": …}`): a builder, never a plain object's slots.
  const fields = new FieldErrorsBuilder();
  const parse = (schema: z.ZodType | undefined, value: unknown, prefix: string[] = []) => {
    if (!schema) return {};
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const [key, messages] of Object.entries(fieldsFromZod(result.error, prefix))) for (const m of messages) fields.add(key, m);
    return undefined;
  };
  const params = parse(operation.params, rawParams);
  const query = parse(operation.query, queryObject(new URL(request.url), operation.query, fields));
  let json: unknown;
  let body: unknown;
  if (operation.body) {
    json = await readJson(request);
    body = parse(operation.body, json);
    if (currency !== undefined) {
      for (const [path, message] of amountProblems(operation.amounts ?? [], json, currency)) if (!fields.has(path)) fields.add(path, message);
    }
  }
  if (fields.size > 0) throw validationError(fields.build());
  return { request, params, query, body, rawBody: json, json };
}

/** Each amount at `paths` in the body that is text but not an amount in `currency`, with what is wrong with it. */
function amountProblems(paths: string[], json: unknown, currency: string): [string, string][] {
  const problems: [string, string][] = [];
  for (const path of paths) {
    let value: unknown = json;
    for (const key of path.split('.')) value = value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof value !== 'string') continue; // missing or of another type: the schema says so
    const problem = amountProblem(value, currency);
    if (problem !== null) problems.push([path, problem]);
  }
  return problems;
}

/**
 * The query string as an object for the schema: a parameter the schema takes as an array collects every
 * repetition (`?status=a&status=b`); any other given twice is an error rather than a silent pick.
 */
function queryObject(url: URL, schema: AnyObject | undefined, fields: FieldErrorsBuilder): Record<string, unknown> {
  const out = new Map<string, unknown>();
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    const field = Object.hasOwn(schema?.shape ?? {}, name) ? (schema!.shape[name] as z.ZodType) : undefined;
    if (field && isArraySchema(field)) out.set(name, values);
    else if (values.length === 1) out.set(name, values[0]);
    else fields.add(name, `Give ${name} once`);
  }
  return Object.fromEntries(out);
}

function isArraySchema(schema: z.ZodType): boolean {
  let current: z.core.$ZodType = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.type === 'array') return true;
    const next = def.innerType ?? def.in;
    if (!next) return false;
    current = next;
  }
  return false;
}
