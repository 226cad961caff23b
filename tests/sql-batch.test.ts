import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimestamptz, rowsOf, sqlArray } from '@/db/sql-batch';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

describe.each(BACKENDS)('set-based statement helpers on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an array parameter carries any text, nulls and numbers through unnest unchanged', async () => {
    const texts = ['plain', '', 'NULL', 'null', 'a,b', '{braces}', 'say "hi"', 'back\\slash', 'tab\there', 'line\nbreak', ' padded ', 'Ünïcödé ✓', null];
    const numbers = [0, -1, 9007199254740991, 123456789012, null, 5, 6, 7, 8, 9, 10, 11, 12];
    const rows = rowsOf<{ t: string | null; n: string | number | null; ord: string | number }>(
      await h.db.execute(sql`select t, n, ord from unnest(${sqlArray(texts, 'text')}, ${sqlArray(numbers, 'bigint')}) with ordinality as x(t, n, ord) order by ord`),
    );
    expect(rows.map((r) => r.t)).toEqual(texts);
    expect(rows.map((r) => (r.n === null ? null : Number(r.n)))).toEqual(numbers);
  });

  it('timestamptz text decodes to the same instant as the database means, whatever the session zone', async () => {
    for (const zone of ['UTC', 'America/St_Johns', 'Asia/Kathmandu', 'America/Santiago']) {
      await h.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local time zone '${zone}'`));
        const [row] = rowsOf<{ text: string; epoch_ms: string | number }>(
          await tx.execute(sql`select t::text as text, (extract(epoch from t) * 1000)::bigint as epoch_ms
            from (values ('2024-09-08 04:00:00.123456+00'::timestamptz)) v(t)`),
        );
        expect(parseTimestamptz(row!.text).getTime()).toBe(Number(row!.epoch_ms));
      });
    }
    expect(parseTimestamptz('1969-12-31 23:59:59.5-00:30').toISOString()).toBe('1970-01-01T00:29:59.500Z');
  });
});
