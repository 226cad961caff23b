import { validationError, type FieldErrors } from '@/lib/errors';

const NUL_MESSAGE = 'Remove the NUL character (\\0): text cannot contain it';

/**
 * PostgreSQL text cannot hold U+0000, and writing it fails deep inside a query as a server error. Request
 * bodies are checked for it at the edge instead, naming the field: `refuseNulBytes({ memo: 'a\0b' })` throws a
 * validation error on `memo`.
 */
export function refuseNulBytes(value: unknown): void {
  const fields: FieldErrors = {};
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      if (v.includes('\u0000')) fields[path || '_form'] = [NUL_MESSAGE];
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, path ? `${path}.${i}` : String(i)));
    } else if (v && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (key.includes('\u0000')) fields[path || '_form'] = [NUL_MESSAGE];
        walk(item, path ? `${path}.${key}` : key);
      }
    }
  };
  walk(value, '');
  if (Object.keys(fields).length > 0) throw validationError(fields);
}
