import { sql, type SQL } from 'drizzle-orm';

// Helpers for set-based statements: a whole batch in one statement, whatever its size.

/**
 * One array parameter for set-based statements: `insert … select * from unnest(${sqlArray(ids, 'bigint')}, …)`
 * sends a column of any length as ONE bind parameter, so a batch never meets PostgreSQL's 65,535-parameter limit
 * and the driver builds no giant VALUES list. The array travels as a PostgreSQL array literal (text) cast to
 * `type[]`, which behaves the same on postgres.js and PGlite (postgres.js cannot infer the type of a bare JS array
 * parameter of booleans, dates or uuids).
 *
 * @example sqlArray(['a', null, 'b "c"'], 'text') // $1::text[] with $1 = '{"a",NULL,"b \"c\""}'
 */
export function sqlArray(values: readonly (string | number | boolean | null)[], type: string): SQL {
  if (!/^[a-z_][a-z0-9_]*$/.test(type)) throw new Error(`sqlArray: unsafe type name ${JSON.stringify(type)}`);
  return sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
}

const NEEDS_ESCAPE = /[\\"]/;

/** The PostgreSQL text form of a one-dimensional array; every element quoted, so no element needs special cases. */
function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    if (value === null || value === undefined) out += 'NULL';
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`sqlArray: ${value} is not a finite number`);
      out += String(value);
    } else if (typeof value === 'boolean') out += value ? 't' : 'f';
    else out += `"${NEEDS_ESCAPE.test(value) ? value.replace(/[\\"]/g, '\\$&') : value}"`;
  }
  return `${out}}`;
}

/** Rows of `db.execute()`: an array on postgres.js, `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const TIMESTAMPTZ = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/;

/**
 * Decodes PostgreSQL's text form of a timestamptz (ISO DateStyle, any session time zone), e.g.
 * `'2026-03-08 07:00:00.123456-05'`, without the engine's general date parser: the sweep decodes several per
 * claimed rule. Anything else falls back to `new Date(text)`.
 *
 * @example parseTimestamptz('2024-09-08 01:00:00-03') // 2024-09-08T04:00:00.000Z
 */
export function parseTimestamptz(text: string): Date {
  const m = TIMESTAMPTZ.exec(text);
  if (!m) return new Date(text);
  const fraction = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const offsetSeconds = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0));
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), fraction);
  const instant = new Date(wall - offsetSeconds * 1000);
  // Date.UTC maps years 0–99 to 1900–1999; such instants are not what a ledger holds, but stay exact anyway.
  return Number(m[1]) < 100 ? new Date(text) : instant;
}
