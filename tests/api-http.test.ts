import fs from 'node:fs';
import path from 'node:path';
import { validate as validateOpenApi } from '@readme/openapi-parser';
import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiIdempotencyKeys } from '@/db/schema/api';
import { parties } from '@/db/schema/ledger';
import { recurringRules } from '@/db/schema/recurring';
import { purgeExpiredIdempotencyKeys } from '@/lib/api/idempotency';
import { listPartiesPage } from '@/lib/ledger/parties';
import type { Operation } from '@/lib/api/operation';
import { call, startApiServer, useApiTestBed, type Answer } from './support/api-client';
import type { World } from './support/auth-world';
import { HAS_POSTGRES } from './support/test-db';

// The API over real HTTP: route handlers served by separate processes (tests/support/api-server.ts) on one real
// PostgreSQL, so concurrency, idempotency and rate limits are what instances behind a load balancer would see.

const JOB_KEY = vi.hoisted(() => {
  const key = 'api-http-job-key-0123456789abcdef';
  process.env.AILEGR_JOB_KEY = key;
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
  return key;
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));

const ROOT = path.resolve(__dirname, '..');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Routes outside the integrator contract, and why. */
const UNDOCUMENTED: Record<string, string> = {
  'app/api/auth/[...all]/route.ts': "better-auth's browser session endpoints (sign-in, sign-out, get-session); integrators use API keys",
  'app/api/[...path]/route.ts': 'the JSON 404 of every unknown /api path, not an operation',
};

/** Every exported method of every documented route.ts under app/api: `METHOD /api/path/{param}` and its handler. */
async function routeHandlers(): Promise<{ name: string; handler: { operation?: Operation } }[]> {
  const found: { name: string; handler: { operation?: Operation } }[] = [];
  const walk = async (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === 'route.ts') {
        const file = path.relative(ROOT, full).split(path.sep).join('/');
        if (file in UNDOCUMENTED) continue;
        const template = `/${path.dirname(file).replace(/^app\//, '')}`.replace(/\[([^\]]+)\]/g, '{$1}');
        const mod = (await import(full)) as Record<string, unknown>;
        for (const method of HTTP_METHODS) {
          if (typeof mod[method] === 'function') found.push({ name: `${method} ${template}`, handler: mod[method] as { operation?: Operation } });
        }
      }
    }
  };
  await walk(path.join(ROOT, 'app', 'api'));
  return found;
}

async function routeMethods(): Promise<string[]> {
  return (await routeHandlers()).map((r) => r.name).sort();
}

type JsonSchema = { $ref?: string; type?: string | string[]; properties?: Record<string, JsonSchema>; anyOf?: JsonSchema[] };

/** The dotted paths of every property named `amount` in a request body's JSON schema, and the type of each. */
function amountPaths(document: { components?: { schemas?: Record<string, JsonSchema> } }, schema: JsonSchema, prefix = ''): [string, unknown][] {
  const resolved = schema.$ref ? document.components!.schemas![schema.$ref.split('/').at(-1)!]! : schema;
  const found: [string, unknown][] = [];
  for (const part of resolved.anyOf ?? []) found.push(...amountPaths(document, part, prefix));
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    const at = `${prefix}${name}`;
    if (name === 'amount') found.push([at, (property.$ref ? document.components!.schemas![property.$ref.split('/').at(-1)!]! : property).type]);
    else found.push(...amountPaths(document, property, `${at}.`));
  }
  return found;
}

describe.skipIf(!HAS_POSTGRES)('the API over HTTP on PostgreSQL', () => {
  const api = useApiTestBed('http', { env: { AILEGR_JOB_KEY: JOB_KEY } });
  const { documented } = api;
  let w: World;
  beforeAll(() => {
    w = api.w;
  });

  const partyCount = async (name?: string) =>
    (await w.db.select({ n: count() }).from(parties).where(and(eq(parties.companyId, w.a.company.id), name ? eq(parties.name, name) : undefined)))[0]!.n;

  describe('the contract', () => {
    it('is a valid OpenAPI 3.1 document with the security schemes and the problem schema', async () => {
      const result = await validateOpenApi(structuredClone(api.document) as never);
      expect(result.valid, JSON.stringify(result)).toBe(true);
      expect(api.document.openapi).toBe('3.1.0');
      expect(Object.keys(api.document.components.securitySchemes).sort()).toEqual(['apiKey', 'jobKey', 'session']);
      expect(api.document.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
      expect(api.document.paths['/api/parties'].post.security).toEqual([{ apiKey: [] }, { session: [] }]);
      expect(api.document.paths['/api/metrics'].get.security).toEqual([{ jobKey: [] }]);
      expect(api.document.paths['/api/recurring/run'].post.security).toEqual([{ apiKey: [] }, { session: [] }, { jobKey: [] }]);
      expect(api.document.paths['/api/parties'].post.responses['422'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    });

    it('documents every method of every route.ts under app/api, and no operation that does not exist', async () => {
      const inCode = await routeMethods();
      const inContract = Object.entries(api.document.paths as Record<string, Record<string, unknown>>)
        .flatMap(([template, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${template}`))
        .sort();
      expect(inContract).toEqual(inCode);
    });

    it('declares every amount of every request body, so its decimal places are checked with the body', async () => {
      const declared: Record<string, string[]> = {};
      const inBodies: Record<string, string[]> = {};
      for (const { name, handler } of await routeHandlers()) {
        // Routes made without apiRoute (health, metrics, the document itself) take no body.
        const amounts = handler.operation?.amounts;
        if (amounts) declared[name] = [...amounts].sort();
        const [method, template] = name.split(' ') as [string, string];
        const body = api.document.paths[template][method.toLowerCase()].requestBody?.content['application/json']?.schema;
        if (!body) continue;
        const inSchema = amountPaths(api.document, body);
        for (const [, type] of inSchema) expect(type, name).toBe('string');
        if (inSchema.length) inBodies[name] = inSchema.map(([at]) => at).sort();
      }
      expect(declared).toEqual(inBodies);
      expect(Object.keys(declared).sort()).toEqual([
        'POST /api/expenses',
        'POST /api/expenses/{id}/payments',
        'POST /api/invoices',
        'POST /api/invoices/{id}/payments',
        'POST /api/recurring',
        'POST /api/recurring/preview',
        'POST /api/recurring/reminders/{id}/post',
        'PUT /api/recurring/{id}',
      ]);
    });

    it('describes the request body with the schema the handler parses with, unknown fields refused', () => {
      const body = api.document.paths['/api/parties'].post.requestBody.content['application/json'].schema;
      expect(body.additionalProperties).toBe(false);
      expect(body.required).toEqual(['kind', 'name']);
      expect(body.properties.kind.enum).toEqual(['customer', 'vendor']);
    });
  });

  describe('problems', () => {
    it('answers bad input 400 with every field named by its path, and changes nothing', async () => {
      const before = await partyCount();
      const answer = await documented('POST', '/api/parties', '/api/parties', { key: w.a.key.accountant, body: { kind: 'supplier', name: '', colour: 'red' } });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.body).toEqual({
        type: '/api/problems/validation',
        title: 'The request is not valid',
        status: 400,
        detail: 'Some fields need attention',
        code: 'validation',
        fields: { kind: ['Choose customer or vendor'], name: ['Enter a name'], colour: ['Unknown field: remove it'] },
      });
      expect(await partyCount()).toBe(before);

      const notJson = await documented('POST', '/api/parties', '/api/parties', { key: w.a.key.accountant, rawBody: '{"kind":' });
      expect(notJson.body).toMatchObject({ status: 400, code: 'validation', detail: 'The request body is not valid JSON' });
      const badQuery = await documented('GET', '/api/parties', '/api/parties?limit=0&kind=x&sort=name', { key: w.a.key.viewer });
      expect(badQuery.body.fields).toEqual({ limit: ['Give a whole number from 1 to 100'], kind: ['kind must be customer or vendor'], sort: ['Unknown field: remove it'] });
      const badParam = await documented('GET', '/api/documents/{id}', '/api/documents/abc', { key: w.a.key.viewer });
      expect(badParam.body.fields).toEqual({ id: ['Choose a record'] });
    });

    it('answers 401 without or with a bad credential, with WWW-Authenticate', async () => {
      for (const key of [undefined, 'ailegr_not-a-key', JOB_KEY]) {
        const answer = await documented('GET', '/api/company', '/api/company', { key });
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="ailegr"');
        expect(answer.body).toMatchObject({ type: '/api/problems/unauthorized', title: 'Authentication is required', status: 401, code: 'unauthorized' });
      }
      const job = await documented('GET', '/api/metrics', '/api/metrics', { key: w.a.key.accountant });
      expect(job.body).toMatchObject({ status: 401, code: 'unauthorized' });
    });

    it('answers 403 to a role too small, by key and by session, and 404 for another company’s record', async () => {
      const byKey = await documented('POST', '/api/parties', '/api/parties', { key: w.a.key.viewer, body: { kind: 'vendor', name: 'Refused' } });
      expect(byKey.body).toMatchObject({ type: '/api/problems/forbidden', status: 403, code: 'forbidden' });
      const bySession = await documented('PATCH', '/api/company', '/api/company', { cookie: w.a.cookie.accountant, body: { name: 'X', baseCurrency: 'USD' } });
      expect(bySession.status).toBe(403);
      const theirs = await documented('GET', '/api/documents/{id}', `/api/documents/${w.b.invoice.id}`, { key: w.a.key.viewer });
      expect(theirs.body).toEqual({ type: '/api/problems/not-found', title: 'Not found', status: 404, detail: 'Document not found', code: 'not_found' });
      const theirParty = await documented('GET', '/api/parties/{id}', `/api/parties/${w.b.customer.id}`, { key: w.a.key.viewer });
      expect(theirParty.body).toMatchObject({ status: 404, detail: 'Party not found' });
    });

    it('answers any unknown /api path a JSON 404 problem, whatever the method', async () => {
      for (const [method, p] of [
        ['GET', '/api/nope'],
        ['POST', '/api/nope'],
        ['DELETE', '/api/parties/1/nope'],
        ['PUT', '/api/recurring/nope/deeper'],
        ['PATCH', '/api/documents'],
      ] as const) {
        const answer = await call(api.server.url, method, p, { key: w.a.key.accountant, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
        expect(answer.status, `${method} ${p}`).toBe(404);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        expect(answer.body).toEqual({
          type: '/api/problems/not-found',
          title: 'Not found',
          status: 404,
          detail: `No API route at ${method} ${p}: /api/openapi.json lists the routes`,
          code: 'not_found',
        });
      }
    });

    it('describes each problem type at its type URI', async () => {
      const answer = await documented('GET', '/api/problems/{code}', '/api/problems/idempotency-key-reused');
      expect(answer.body).toEqual({ type: '/api/problems/idempotency-key-reused', code: 'idempotency_key_reused', status: 422, title: 'Idempotency key reused for another request' });
      expect((await documented('GET', '/api/problems/{code}', '/api/problems/teapot')).status).toBe(404);
    });
  });

  describe('lists', () => {
    let names: string[];
    beforeAll(async () => {
      // Seven vendors changed at known, distinct instants (two sharing one, to exercise the id tiebreak).
      names = [];
      const instants = ['2026-01-01T00:00:00.000001Z', '2026-01-01T00:00:00.000002Z', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-03T12:00:00.5Z', '2026-01-04T00:00:00Z', '2026-01-05T00:00:00Z'];
      for (const [i, at] of instants.entries()) {
        const name = `Paged vendor ${i}`;
        names.push(name);
        const [row] = await w.db.insert(parties).values({ companyId: w.a.company.id, kind: 'vendor', name }).returning();
        await w.db.execute(sql`update parties set updated_at = ${at}::timestamptz where id = ${row!.id}`);
      }
      // Everything else of company A changed before them.
      await w.db.execute(sql`update parties set updated_at = '2025-12-31T00:00:00Z' where company_id = ${w.a.company.id} and name not like 'Paged vendor %'`);
    });

    it('walks every row exactly once by cursor, in the order rows changed, with a Link to each next page', async () => {
      const seen: string[] = [];
      let pathAndQuery: string | null = '/api/parties?kind=vendor&updatedSince=2026-01-01T00:00:00Z&limit=3';
      let pages = 0;
      while (pathAndQuery) {
        const answer = await documented('GET', '/api/parties', pathAndQuery, { key: w.a.key.viewer });
        expect(answer.status).toBe(200);
        pages++;
        seen.push(...answer.body.data.map((p: { name: string }) => p.name));
        const link = answer.headers.get('link');
        if (answer.body.nextCursor === null) {
          expect(link).toBeNull();
          pathAndQuery = null;
        } else {
          const next: URL = new URL(`${api.server.url}${pathAndQuery}`);
          next.searchParams.set('cursor', answer.body.nextCursor);
          expect(link).toBe(`<${next.pathname}${next.search}>; rel="next"`);
          pathAndQuery = next.pathname + next.search;
        }
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(names);
    });

    it('filters by updatedSince, inclusive and to the microsecond', async () => {
      const since = await documented('GET', '/api/parties', '/api/parties?updatedSince=2026-01-03T12:00:00.5Z', { key: w.a.key.viewer });
      expect(since.body.data.map((p: { name: string }) => p.name)).toEqual(names.slice(4));
      expect(since.body.data[0].updatedAt).toBe('2026-01-03T12:00:00.500Z');
      expect(since.body.nextCursor).toBeNull();
      const offset = await documented('GET', '/api/parties', `/api/parties?updatedSince=${encodeURIComponent('2026-01-04T01:00:00+01:00')}`, { key: w.a.key.viewer });
      expect(offset.body.data.map((p: { name: string }) => p.name)).toEqual(names.slice(5));
      // The two rows one microsecond apart both come, on separate pages, in order.
      const first = await documented('GET', '/api/parties', '/api/parties?updatedSince=2026-01-01T00:00:00Z&limit=1', { key: w.a.key.viewer });
      const second = await documented('GET', '/api/parties', `/api/parties?updatedSince=2026-01-01T00:00:00Z&limit=1&cursor=${first.body.nextCursor}`, { key: w.a.key.viewer });
      expect([first.body.data[0].name, second.body.data[0].name]).toEqual([names[0], names[1]]);
    });

    it('refuses a cursor it did not give out, and a parameter given twice', async () => {
      const forged = Buffer.from(JSON.stringify(['yesterday', 1])).toString('base64url');
      for (const cursor of ['not-a-cursor!', forged]) {
        const answer = await documented('GET', '/api/parties', `/api/parties?cursor=${encodeURIComponent(cursor)}`, { key: w.a.key.viewer });
        expect(answer.status).toBe(400);
        expect(answer.body.fields).toEqual({ cursor: ['This cursor was not given out by this list: start again without it'] });
      }
      const twice = await documented('GET', '/api/parties', '/api/parties?limit=2&limit=3', { key: w.a.key.viewer });
      expect(twice.body.fields).toEqual({ limit: ['Give limit once'] });
    });

    it('defaults to 50 rows and caps at 100', async () => {
      const rows = Array.from({ length: 101 }, (_, i) => ({ companyId: w.b.company.id, kind: 'customer' as const, name: `Bulk ${i}` }));
      await w.db.insert(parties).values(rows);
      const first = await documented('GET', '/api/parties', '/api/parties', { key: w.b.key.viewer });
      expect(first.body.data).toHaveLength(50);
      expect(first.headers.get('link')).not.toBeNull();
      const most = await documented('GET', '/api/parties', '/api/parties?limit=100', { key: w.b.key.viewer });
      expect(most.body.data).toHaveLength(100);
      expect((await documented('GET', '/api/parties', '/api/parties?limit=101', { key: w.b.key.viewer })).body.fields).toEqual({ limit: ['At most 100 rows a page'] });
    });
  });

  describe('a sync, and a change that commits late', () => {
    /** One sync step as an integrator takes it: what changed at or after `since`, and the last change seen as the next mark. */
    const sync = async (path: string, since: string) => {
      const answer = await documented('GET', path, `${path}?limit=100&updatedSince=${encodeURIComponent(since)}`, { key: w.b.key.viewer });
      expect(answer.status, answer.text).toBe(200);
      const data = answer.body.data as { name: string; updatedAt: string }[];
      return { names: data.map((r) => r.name), next: data.at(-1)?.updatedAt ?? since };
    };

    it('a list in last-change order stops before the oldest open transaction, so a sync never passes a change committed after it', async () => {
      const key = w.b.key.accountant;
      const created = async (path: string, body: unknown) => {
        const answer = await documented('POST', path, path, { key, body });
        expect(answer.status, answer.text).toBe(201);
        return answer.body as { id: number; updatedAt: string };
      };
      const rule = (name: string) => ({ name, type: 'expense', cadence: 'monthly', startDate: '2027-01-01', payload: { partyId: w.b.vendor.id, amount: '9.00', categoryId: w.b.byCode('5000') } });
      const party = await created('/api/parties', { kind: 'vendor', name: 'Late, first' });
      const first = await created('/api/recurring', rule('Late rule, first'));
      const partyMark = party.updatedAt;
      const ruleMark = first.updatedAt;

      let during: { parties: Awaited<ReturnType<typeof sync>>; rules: Awaited<ReturnType<typeof sync>> } | undefined;
      await w.db.transaction(async (tx) => {
        // Stamped with this transaction's start (now()), committed only when it ends, after the changes below.
        await tx.update(parties).set({ name: 'Late, first, renamed', updatedAt: sql`now()` }).where(eq(parties.id, party.id));
        await tx.update(recurringRules).set({ name: 'Late rule, first, renamed', updatedAt: sql`now()` }).where(eq(recurringRules.id, first.id));
        // Made by the API server's process, committed at once, stamped later.
        await created('/api/parties', { kind: 'vendor', name: 'Late, second' });
        await created('/api/recurring', rule('Late rule, second'));
        during = { parties: await sync('/api/parties', partyMark), rules: await sync('/api/recurring', ruleMark) };
        // A caller with no API key (a session, a script) reads the horizon itself: the same page.
        const direct = await listPartiesPage(w.db, w.b.company.id, { limit: 100, updatedSince: partyMark });
        expect(direct.items.map((p) => p.name)).toEqual(['Late, first']);
      });
      // While the first change was open, the lists stopped before it: the second change waits too.
      expect(during!.parties.names).toEqual(['Late, first']);
      expect(during!.rules.names).toEqual(['Late rule, first']);
      // So the next sync, from the last change it saw, finds both.
      expect((await sync('/api/parties', during!.parties.next)).names).toEqual(['Late, first, renamed', 'Late, second']);
      expect((await sync('/api/recurring', during!.rules.next)).names).toEqual(['Late rule, first, renamed', 'Late rule, second']);
    });
  });

  describe('single resources', () => {
    it('answer with an ETag, 304 to a matching If-None-Match, and a new tag once the resource changes', async () => {
      const [row] = await w.db.insert(parties).values({ companyId: w.a.company.id, kind: 'customer', name: 'Tagged' }).returning();
      const first = await documented('GET', '/api/parties/{id}', `/api/parties/${row!.id}`, { key: w.a.key.viewer });
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(first.body).toMatchObject({ id: row!.id, name: 'Tagged', kind: 'customer', email: null });
      const same = await documented('GET', '/api/parties/{id}', `/api/parties/${row!.id}`, { key: w.a.key.viewer, headers: { 'if-none-match': etag! } });
      expect(same.status).toBe(304);
      expect(same.headers.get('etag')).toBe(etag);
      await w.db.update(parties).set({ name: 'Tagged again' }).where(eq(parties.id, row!.id));
      const changed = await documented('GET', '/api/parties/{id}', `/api/parties/${row!.id}`, { key: w.a.key.viewer, headers: { 'if-none-match': etag! } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      // The trigger moved updated_at though the statement did not set it.
      expect(Date.parse(changed.body.updatedAt)).toBeGreaterThan(Date.parse(first.body.updatedAt));
    });

    it('show documents with amounts as decimal strings beside their minor units', async () => {
      const answer = await documented('GET', '/api/documents/{id}', `/api/documents/${w.a.invoice.id}`, { key: w.a.key.viewer });
      expect(answer.body).toMatchObject({ id: w.a.invoice.id, kind: 'invoice', currency: 'USD', amount: '500.00', amountMinor: 50000, paid: '0.00', balance: '500.00', status: 'open' });
      const company = await documented('GET', '/api/company', '/api/company', { cookie: w.a.cookie.owner });
      expect(company.body).toEqual({
        company: { id: w.a.company.id, name: w.a.company.name, baseCurrency: w.a.company.baseCurrency, timeZone: w.a.company.timeZone, locale: 'en-US' },
        role: 'owner',
        via: 'session',
      });
    });
  });

  describe('idempotency', () => {
    const post = (key: string, idempotencyKey: string, body: unknown) =>
      documented('POST', '/api/parties', '/api/parties', { key, body, headers: { 'idempotency-key': idempotencyKey } });

    it('replays the first answer for the same key and body, and refuses the key with another body (422)', async () => {
      const first = await post(w.a.key.accountant, 'replay-1', { kind: 'vendor', name: 'Once only' });
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(first.headers.get('location')).toBe(`/api/parties/${first.body.id}`);
      const again = await post(w.a.key.accountant, '"replay-1"', { name: 'Once only', kind: 'vendor' });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.headers.get('location')).toBe(`/api/parties/${first.body.id}`);
      expect(again.body).toEqual(first.body);
      expect(await partyCount('Once only')).toBe(1);

      const other = await post(w.a.key.accountant, 'replay-1', { kind: 'vendor', name: 'Something else' });
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ type: '/api/problems/idempotency-key-reused', code: 'idempotency_key_reused', status: 422 });
      expect(await partyCount('Something else')).toBe(0);
    });

    it('scopes keys to the credential: another key, or a session, may use the same key for its own request', async () => {
      const byKey = await post(w.a.key.accountant, 'shared-key', { kind: 'vendor', name: 'Scoped' });
      const byOtherKey = await post(w.b.key.accountant, 'shared-key', { kind: 'vendor', name: 'Scoped' });
      const bySession = await documented('POST', '/api/parties', '/api/parties', {
        cookie: w.a.cookie.accountant,
        body: { kind: 'vendor', name: 'Scoped' },
        headers: { 'idempotency-key': 'shared-key' },
      });
      expect([byKey.status, byOtherKey.status, bySession.status]).toEqual([201, 201, 201]);
      expect(new Set([byKey.body.id, byOtherKey.body.id, bySession.body.id]).size).toBe(3);
      expect(bySession.headers.get('idempotent-replayed')).toBeNull();
    });

    it('answers 409 while the first request with the key is still running, then replays its answer', async () => {
      // Hold the parties table so the first POST stays inside its insert.
      const holder = await openTestDatabaseConnection(api.h.url!);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const holding = holder.db.transaction(async (tx) => {
        await tx.execute(sql`lock table parties in exclusive mode`);
        await released;
      });
      let firstPromise: Promise<Answer>;
      try {
        await new Promise((r) => setTimeout(r, 200));
        firstPromise = post(w.a.key.accountant, 'slow-1', { kind: 'customer', name: 'Slow one' });
        await waitFor(async () => (await w.db.select({ n: count() }).from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.key, 'slow-1')))[0]!.n === 1);
        const during = await post(w.a.key.accountant, 'slow-1', { kind: 'customer', name: 'Slow one' });
        expect(during.status).toBe(409);
        expect(during.body).toMatchObject({ type: '/api/problems/idempotency-in-flight', code: 'idempotency_in_flight', status: 409 });
        expect(during.headers.get('retry-after')).toBe('1');
      } finally {
        release();
        await holding;
        await holder.close();
      }
      const first = await firstPromise;
      expect(first.status).toBe(201);
      const after = await post(w.a.key.accountant, 'slow-1', { kind: 'customer', name: 'Slow one' });
      expect(after.headers.get('idempotent-replayed')).toBe('true');
      expect(after.body.id).toBe(first.body.id);
      expect(await partyCount('Slow one')).toBe(1);
    });

    it('makes one party of 20 concurrent identical POSTs with one key, each answer carrying its id or a 409', async () => {
      const second = await startApiServer(api.env);
      try {
        const body = { kind: 'customer', name: 'Herded customer', email: 'herd@example.test' };
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            call(i % 2 === 0 ? api.server.url : second.url, 'POST', '/api/parties', { key: w.a.key.accountant, body, headers: { 'idempotency-key': 'herd-1' } }),
          ),
        );
        for (const answer of answers) api.contract.expectDocumented('POST', '/api/parties', answer);
        expect(await partyCount('Herded customer')).toBe(1);
        const [party] = await w.db.select().from(parties).where(eq(parties.name, 'Herded customer'));
        const statuses = answers.map((a) => a.status);
        expect(statuses.every((s) => s === 201 || s === 409), statuses.join(',')).toBe(true);
        expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
        for (const answer of answers.filter((a) => a.status === 201)) expect(answer.body.id).toBe(party!.id);
        expect(answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
      } finally {
        await second.stop();
      }
    });

    it('keeps keys 24 hours: an expired one is purged, and its key runs a new request', async () => {
      const first = await post(w.a.key.accountant, 'old-key', { kind: 'vendor', name: 'Yesterday' });
      expect(first.status).toBe(201);
      const [row] = await w.db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.key, 'old-key'));
      const ttlHours = (row!.expiresAt.getTime() - row!.startedAt.getTime()) / 3_600_000;
      expect(ttlHours).toBe(24);
      await w.db.update(apiIdempotencyKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiIdempotencyKeys.key, 'old-key'));
      const reused = await post(w.a.key.accountant, 'old-key', { kind: 'vendor', name: 'Today' });
      expect(reused.status).toBe(201);
      expect(reused.headers.get('idempotent-replayed')).toBeNull();
      await w.db.update(apiIdempotencyKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiIdempotencyKeys.key, 'old-key'));
      expect(await purgeExpiredIdempotencyKeys(w.db)).toBeGreaterThanOrEqual(1);
      expect(await w.db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.key, 'old-key'))).toEqual([]);
    });

    it('does not store a refused request: bad input is 400 and the key stays free', async () => {
      const bad = await post(w.a.key.accountant, 'fix-me', { kind: 'vendor' });
      expect(bad.status).toBe(400);
      const fixed = await post(w.a.key.accountant, 'fix-me', { kind: 'vendor', name: 'Fixed' });
      expect(fixed.status).toBe(201);
      const badKey = await documented('POST', '/api/parties', '/api/parties', { key: w.a.key.accountant, body: { kind: 'vendor', name: 'X' }, headers: { 'idempotency-key': 'é' } });
      expect(badKey.body.fields).toEqual({ 'Idempotency-Key': ['Use 1 to 255 printable ASCII characters, e.g. a UUID'] });
    });
  });

  it('keeps idempotency keys for the job key too, outside any company', async () => {
    const run = (body: unknown) =>
      documented('POST', '/api/recurring/run', '/api/recurring/run', { key: JOB_KEY, body, headers: { 'idempotency-key': 'nightly-2026-03-10' } });
    const first = await run({ dryRun: true });
    expect(first.status).toBe(200);
    const again = await run({ dryRun: true });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await run({ dryRun: false })).status).toBe(422);
    const [row] = await w.db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.key, 'nightly-2026-03-10'));
    expect(row).toMatchObject({ companyId: null, credential: 'job-key', responseStatus: 200 });
  });

  describe('rate limit', () => {
    it('shares each key’s budget across two server processes, per key, with the draft’s headers and 429 + Retry-After', async () => {
      const env = { ...api.env, AILEGR_API_RATE_LIMIT_PER_MINUTE: '5' };
      const [one, two] = await Promise.all([startApiServer(env), startApiServer(env)]);
      try {
        const answers: Answer[] = [];
        for (let i = 0; i < 6; i++) answers.push(await call(i % 2 === 0 ? one.url : two.url, 'GET', '/api/company', { key: w.a.key.viewer }));
        for (const answer of answers) api.contract.expectDocumented('GET', '/api/company', answer);
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
        expect(answers.map((a) => a.headers.get('ratelimit-policy'))).toEqual(Array(6).fill('"default";q=5;w=60'));
        expect(answers.map((a) => /r=(\d+)/.exec(a.headers.get('ratelimit') ?? '')?.[1])).toEqual(['4', '3', '2', '1', '0', '0']);
        expect(answers[0]!.headers.get('ratelimit')).toBe('"default";r=4;t=12');
        const refused = answers[5]!;
        const retryAfter = Number(refused.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(12);
        expect(refused.headers.get('ratelimit')).toBe(`"default";r=0;t=${retryAfter}`);
        expect(refused.body).toMatchObject({ type: '/api/problems/rate-limited', status: 429, code: 'rate_limited', detail: `This API key has used its 5 requests a minute: retry after ${retryAfter} s` });

        // Another key of the same company has its own budget; a session is not an API key and is not limited.
        expect((await call(two.url, 'GET', '/api/company', { key: w.a.key.accountant })).headers.get('ratelimit')).toBe('"default";r=4;t=12');
        const session = await call(one.url, 'GET', '/api/company', { cookie: w.a.cookie.viewer });
        expect(session.status).toBe(200);
        expect(session.headers.get('ratelimit')).toBeNull();
        // Refused requests count too: still refused on both processes.
        expect((await call(one.url, 'GET', '/api/parties', { key: w.a.key.viewer })).status).toBe(429);
        expect((await call(two.url, 'POST', '/api/parties', { key: w.a.key.viewer, body: { kind: 'vendor', name: 'Nope' } })).status).toBe(429);
      } finally {
        await Promise.all([one.stop(), two.stop()]);
      }
    });
  });

  it('checked every answer above against the contract', () => {
    expect(api.contract.checked).toBeGreaterThan(60);
  });
});

async function openTestDatabaseConnection(url: string) {
  const { openPostgres } = await import('@/db/client');
  return openPostgres(url, { max: 1 });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
