import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { call, useApiTestBed, type Answer } from './support/api-client';
import type { World } from './support/auth-world';
import { ROUTES, type RouteRequest } from './support/authorization-table';
import { HAS_POSTGRES } from './support/test-db';

// Every write operation of the published contract (POST, PUT, PATCH, DELETE: whatever /api/openapi.json lists
// when this runs, so new endpoints are fuzzed without being named here) gets AILEGR_FUZZ_RUNS generated hostile
// bodies over real HTTP: wrong types, huge strings, deep nesting, unknown fields, boundary numbers, impossible
// dates, NUL characters, numbers as amounts, and mutations of a valid body. A body the documented request schema
// refuses must be answered 400 and change no row of any table; one it accepts may be taken (it is valid), but
// must still be answered without a 5xx. Every answer must come within a second.

const JOB_KEY = vi.hoisted(() => {
  const key = 'fuzz-job-key-0123456789abcdef';
  process.env.AILEGR_JOB_KEY = key;
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
  return key;
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));

const RUNS = Number(process.env.AILEGR_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.AILEGR_FUZZ_SEED ?? 20261201);
/**
 * Requests in flight at once while sending refused bodies (AILEGR_FUZZ_CONCURRENCY, default 1). More finishes
 * sooner, but each answer's time then includes waiting behind the others in the one server process.
 */
const CONCURRENCY = Number(process.env.AILEGR_FUZZ_CONCURRENCY ?? 1);
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;
/** Tables a request changes whatever its body: better-auth refreshes a session it reads. */
const CHANGED_BY_ANY_REQUEST = new Set(['sessions']);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the contract is walked as JSON
type Json = any;

/** Values no field should take as they are. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -0, 1.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e-7, 12.345, 125000),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '2025-02-30',
    '2026-13-01',
    '0000-00-00',
    '10000-01-01',
    '2026-1-1',
    '2026-03-10T00:00:00Z',
    '',
    ' ',
    'nul\u0000byte',
    '\u0000',
    'NaN',
    'Infinity',
    '1e3',
    '0x10',
    '-1',
    '-0.01',
    '0',
    '99999999999999999999.99',
    '1000000000000000',
    '12.345',
    '1,000.00',
    '١٢٣',
    "'; DROP TABLE journal_entries; --",
    'VOID-INV-000001',
    'REC-1-2026-03-10',
  ),
  fc.constant('x'.repeat(70_000)),
  fc.constant(nested(3000)),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 5 }),
  fc.object({ maxDepth: 3, maxKeys: 4 }),
);

function nested(depth: number): Json {
  let value: Json = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Hostile bodies around `valid`: fields replaced, dropped or added, several at once, or no object at all. */
function hostileBody(valid: Record<string, Json>): fc.Arbitrary<{ body?: Json; rawBody?: string }> {
  const keys = Object.keys(valid);
  const field = keys.length ? fc.constantFrom(...keys) : fc.constant('name');
  const unknown = fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !keys.includes(k));
  return fc.oneof(
    fc.record({ k: field, v: hostileValue }).map(({ k, v }) => ({ body: { ...valid, [k]: v } })),
    fc.record({ k: unknown, v: hostileValue }).map(({ k, v }) => ({ body: { ...valid, [k]: v } })),
    field.map((k) => ({ body: Object.fromEntries(Object.entries(valid).filter(([name]) => name !== k)) })),
    fc.dictionary(field, hostileValue, { minKeys: 1 }).map((changes) => ({ body: { ...valid, ...changes } })),
    hostileValue.map((v) => ({ body: v })),
    fc.object({ maxDepth: 2 }).map((o) => ({ body: o })),
    fc.constantFrom('{', '{"a":', '[1,2', 'null x', '\u0000', '{"amount": 1e}', `{"x":"${'y'.repeat(300_000)}"}`).map((raw) => ({ rawBody: raw })),
  );
}

/** `/api/invoices/{id}/payments` → `app/api/invoices/[id]/payments/route.ts#POST`. */
function routeIdOf(template: string, method: string): string {
  return `app${template.replace(/\{([^}]+)\}/g, '[$1]')}/route.ts#${method.toUpperCase()}`;
}

describe.skipIf(!HAS_POSTGRES)('hostile bodies on every write endpoint', () => {
  const api = useApiTestBed('fuzz', { env: { AILEGR_JOB_KEY: JOB_KEY, AILEGR_API_RATE_LIMIT_PER_MINUTE: '1000000' } });
  let w: World;
  let contract: Json;
  beforeAll(() => {
    w = api.w;
    contract = api.document;
  });

  /** Every table's row count and a checksum of its rows, but those any request changes. */
  async function tableFingerprint(): Promise<Record<string, string>> {
    const tables = (await w.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )) as unknown as { name: string }[];
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      if (CHANGED_BY_ANY_REQUEST.has(name)) continue;
      const [row] = (await w.db.execute(
        sql.raw(`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as v from "${name}" t`),
      )) as unknown as { v: string }[];
      out[name] = row!.v;
    }
    return out;
  }

  const hasJsonBody = (operation: Json | undefined): boolean =>
    Boolean((operation as { requestBody?: { content?: Record<string, unknown> } } | undefined)?.requestBody?.content?.['application/json']);

  it(`answers ${RUNS} hostile bodies per write operation: refused ones 400 with nothing changed, none 5xx, each within a second`, async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    addFormats(ajv);
    ajv.addSchema(contract, 'contract');
    const operations = Object.entries(contract.paths as Record<string, Record<string, Json>>).flatMap(([template, item]) =>
      // A write that takes no body (DELETE, resume, skip-next, force) has nothing to fuzz: its path parameters are
      // bad-input.test.ts's.
      WRITE_METHODS.filter((m) => hasJsonBody(item[m])).map((method) => ({ template, method })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(10);
    const summary: string[] = [];

    for (const { template, method } of operations) {
      const name = `${method.toUpperCase()} ${template}`;
      const routeCase = ROUTES[routeIdOf(template, method)];
      if (!routeCase) throw new Error(`${name} has no case in tests/support/authorization-table.ts to fuzz from`);
      const auth =
        routeCase.kind === 'job-key'
          ? { key: JOB_KEY }
          : routeCase.kind === 'public'
            ? {}
            : { cookie: w.a.cookie.owner };
      const target: RouteRequest = routeCase.kind === 'company' || routeCase.kind === 'user' ? await routeCase.valid(w) : routeCase.request;
      const valid = (target.body && typeof target.body === 'object' ? target.body : {}) as Record<string, Json>;
      const pointer = `contract#/paths/${encodeURIComponent(template.replaceAll('~', '~0').replaceAll('/', '~1'))}/${method}/requestBody/content/application~1json/schema`;
      const documented = ajv.getSchema(pointer);
      if (!documented) throw new Error(`${name} documents no JSON request body`);

      const bodies = fc.sample(hostileBody(valid), { numRuns: RUNS, seed: SEED });
      const refused: typeof bodies = [];
      const acceptable: typeof bodies = [];
      for (const b of bodies) (b.rawBody === undefined && documented(b.body) ? acceptable : refused).push(b);

      const send = async (b: (typeof bodies)[number]): Promise<Answer & { ms: number }> => {
        const started = performance.now();
        const answer = await call(api.server.url, method.toUpperCase(), target.path, { ...auth, ...b });
        const ms = performance.now() - started;
        const shown = (b.rawBody ?? JSON.stringify(b.body) ?? '').slice(0, 200);
        if (answer.status >= 500) throw new Error(`${name} answered ${answer.status} to ${shown}\n${api.server.process.lines.slice(-5).join('\n')}`);
        expect(ms, `${name} took ${Math.round(ms)} ms for ${shown}`).toBeLessThan(1000);
        return { ...answer, ms };
      };

      // Warm the route up (its first requests load and compile code): the one-second bound is for answers, not
      // for a cold start.
      for (let i = 0; i < 3; i++) await call(api.server.url, method.toUpperCase(), target.path, { ...auth, body: { ...valid, warmUp: i } });
      const before = await tableFingerprint();
      let slowest = 0;
      // Nothing a refused body does may change a table, so one comparison after all of them covers each.
      let next = 0;
      const worker = async () => {
        while (next < refused.length) {
          const b = refused[next++]!;
          const answer = await send(b);
          slowest = Math.max(slowest, answer.ms);
          expect(answer.status, `${name} ${(b.rawBody ?? JSON.stringify(b.body) ?? '').slice(0, 200)}: ${answer.text.slice(0, 200)}`).toBe(400);
          expect(answer.body).toMatchObject({ status: 400, code: 'validation' });
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      expect(await tableFingerprint(), `${name}: a refused body changed a table`).toEqual(before);

      const statuses = new Map<number, number>();
      for (const b of acceptable) {
        const answer = await send(b);
        slowest = Math.max(slowest, answer.ms);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
      summary.push(`${name}: ${refused.length} refused, ${acceptable.length} schema-valid (${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ') || 'none'}), slowest ${Math.round(slowest)} ms`);
    }
    console.info(`fuzzed ${operations.length} write operations, ${RUNS} bodies each:\n${summary.join('\n')}`);
  }, 900_000);
});
