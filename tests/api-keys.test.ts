import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiKeys } from '@/db/schema/auth';
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/auth/api-keys';
import { listParties } from '@/lib/ledger/parties';
import { createRule } from '@/lib/recurring/rules';
import { buildWorld, fingerprint, ORIGIN, type World } from './support/auth-world';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

const JOB_KEY = vi.hoisted(() => {
  const key = 'api-keys-test-job-key-0123456789';
  process.env.AILEGR_JOB_KEY = key;
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
  return key;
});

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));
vi.mock('next/cache', () => import('./support/next-request').then((m) => m.nextCache));

const companyRoute = () => import('@/app/api/company/route');
const partiesRoute = () => import('@/app/api/parties/route');
const documentRoute = () => import('@/app/api/documents/[id]/route');
const metricsRoute = () => import('@/app/api/metrics/route');
const runRoute = () => import('@/app/api/recurring/run/route');
const authRoute = () => import('@/app/api/auth/[...all]/route');

function bearer(key: string, init: RequestInit & { path: string }): Request {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${key}`);
  if (init.body) headers.set('content-type', 'application/json');
  return new Request(`${ORIGIN}${init.path}`, { ...init, headers });
}
const noParams = { params: Promise.resolve({}) };

describe.each(BACKENDS)('API keys on %s', (backend) => {
  let h: TestDatabase;
  let w: World;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
    w = await buildWorld(h, `keys-${backend}`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stores only a hash, shows the key once, and records its last use', async () => {
    const { key, summary } = await createApiKey(w.auth, w.db, w.a.company.id, w.a.userId.owner, { name: 'Hash check', role: 'viewer' });
    expect(key).toMatch(/^ailegr_[A-Za-z]{48}$/);
    const [row] = await w.db.select().from(apiKeys).where(eq(apiKeys.id, summary.id));
    expect(row!.key).not.toContain(key.slice(7));
    expect(row!.start).toBe(key.slice(0, 11));
    expect(summary.lastUsedAt).toBeNull();

    const { GET } = await companyRoute();
    expect((await GET(bearer(key, { path: '/api/company' }), noParams)).status).toBe(200);
    const [listed] = (await listApiKeys(w.db, w.a.company.id)).filter((k) => k.id === summary.id);
    expect(listed!.lastUsedAt).toBeInstanceOf(Date);
  });

  // The library's verification wrote the key's row twice on every request (lastRequest, updatedAt): every request
  // of one key queued on that row's lock. The last use is now written at most once a minute.
  it('records a key’s last use at most once a minute, and otherwise leaves its row alone', async () => {
    const { GET } = await companyRoute();
    const rowOf = async (id: string) => (await w.db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!;
    const recent = await createApiKey(w.auth, w.db, w.a.company.id, w.a.userId.owner, { name: 'Used recently', role: 'viewer' });
    const halfAMinuteAgo = new Date(Date.now() - 30_000);
    await w.db.update(apiKeys).set({ lastRequest: halfAMinuteAgo }).where(eq(apiKeys.id, recent.summary.id));
    const before = await rowOf(recent.summary.id);
    expect((await GET(bearer(recent.key, { path: '/api/company' }), noParams)).status).toBe(200);
    expect((await GET(bearer(recent.key, { path: '/api/company' }), noParams)).status).toBe(200);
    const after = await rowOf(recent.summary.id);
    expect(after.lastRequest!.toISOString()).toBe(halfAMinuteAgo.toISOString());
    expect(after.updatedAt.toISOString()).toBe(before.updatedAt.toISOString());

    const stale = await createApiKey(w.auth, w.db, w.a.company.id, w.a.userId.owner, { name: 'Used long ago', role: 'viewer' });
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await w.db.update(apiKeys).set({ lastRequest: twoMinutesAgo }).where(eq(apiKeys.id, stale.summary.id));
    const asked = Date.now();
    expect((await GET(bearer(stale.key, { path: '/api/company' }), noParams)).status).toBe(200);
    const written = (await rowOf(stale.summary.id)).lastRequest!.getTime();
    expect(written).toBeGreaterThan(asked - 5_000); // the database's clock, not this process's: a little slack
  });

  it('stops a revoked key at once, and keeps it listed as revoked', async () => {
    const { key, summary } = await createApiKey(w.auth, w.db, w.a.company.id, w.a.userId.owner, { name: 'Soon revoked', role: 'accountant' });
    const { GET } = await companyRoute();
    expect((await GET(bearer(key, { path: '/api/company' }), noParams)).status).toBe(200);
    await revokeApiKey(w.auth, w.db, w.a.company.id, w.a.userId.owner, summary.id);
    const refused = await GET(bearer(key, { path: '/api/company' }), noParams);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toEqual({
      type: '/api/problems/unauthorized',
      title: 'Authentication is required',
      status: 401,
      detail: 'The API key is not valid: it may have been revoked',
      code: 'unauthorized',
    });
    const { POST } = await partiesRoute();
    expect((await POST(bearer(key, { path: '/api/parties', method: 'POST', body: JSON.stringify({ kind: 'vendor', name: 'Too late' }) }), noParams)).status).toBe(401);
    expect((await listApiKeys(w.db, w.a.company.id)).find((k) => k.id === summary.id)).toMatchObject({ enabled: false });
  });

  it("lets a key of company A read and write A only: B's records are not found and B is never changed", async () => {
    const key = w.a.key.accountant;
    const { GET: getCompany } = await companyRoute();
    expect(await (await getCompany(bearer(key, { path: '/api/company' }), noParams)).json()).toMatchObject({
      company: { id: w.a.company.id },
      role: 'accountant',
      via: 'api-key',
    });

    const { GET: getDocument } = await documentRoute();
    const own = await getDocument(bearer(key, { path: `/api/documents/${w.a.invoice.id}` }), { params: Promise.resolve({ id: String(w.a.invoice.id) }) });
    expect(own.status).toBe(200);
    const theirs = await getDocument(bearer(key, { path: `/api/documents/${w.b.invoice.id}` }), { params: Promise.resolve({ id: String(w.b.invoice.id) }) });
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual({ type: '/api/problems/not-found', title: 'Not found', status: 404, detail: 'Document not found', code: 'not_found' });

    const bPartiesBefore = await listParties(w.db, w.b.company.id);
    const { POST } = await partiesRoute();
    // A body naming company B is refused (no field chooses the company): the key's company is the only one it can write.
    const naming = await POST(
      bearer(key, { path: '/api/parties', method: 'POST', body: JSON.stringify({ kind: 'customer', name: 'Made with key A', companyId: w.b.company.id }) }),
      noParams,
    );
    expect(naming.status).toBe(400);
    expect((await naming.json()).fields).toEqual({ companyId: ['Unknown field: remove it'] });
    const created = await POST(bearer(key, { path: '/api/parties', method: 'POST', body: JSON.stringify({ kind: 'customer', name: 'Made with key A' }) }), noParams);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await listParties(w.db, w.a.company.id)).find((p) => p.id === id)).toMatchObject({ companyId: w.a.company.id, name: 'Made with key A' });
    expect(await listParties(w.db, w.b.company.id)).toEqual(bPartiesBefore);

    // And B's key, the other way round.
    const fromB = await getDocument(bearer(w.b.key.viewer, { path: `/api/documents/${w.a.invoice.id}` }), { params: Promise.resolve({ id: String(w.a.invoice.id) }) });
    expect(fromB.status).toBe(404);
  });

  it('never revokes another company’s key: 404, and the key keeps working', async () => {
    const error = await revokeApiKey(w.auth, w.db, w.a.company.id, w.a.userId.owner, w.b.keyId.accountant).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not_found' });
    const { GET } = await companyRoute();
    expect((await GET(bearer(w.b.key.accountant, { path: '/api/company' }), noParams)).status).toBe(200);
  });

  it('does not take the job key as an API key', async () => {
    const before = await fingerprint(w.db);
    const { GET } = await companyRoute();
    const { POST } = await partiesRoute();
    expect((await GET(bearer(JOB_KEY, { path: '/api/company' }), noParams)).status).toBe(401);
    expect((await POST(bearer(JOB_KEY, { path: '/api/parties', method: 'POST', body: JSON.stringify({ kind: 'vendor', name: 'Job' }) }), noParams)).status).toBe(401);
    expect(await fingerprint(w.db)).toEqual(before);
  });

  it('does not take an API key (of any role) as the job key', async () => {
    // A rule of company B that is due: only the job key's run, or B's own, may see it.
    const due = await createRule(w.db, w.b.company.id, {
      name: 'Due rule',
      type: 'expense',
      partyId: w.b.vendor.id,
      categoryId: w.b.byCode('5000'),
      amount: '5.00',
      cadence: 'daily',
      startDate: '2026-01-01',
      endDate: '2026-01-02',
    });
    const before = await fingerprint(w.db);
    const { GET: metrics } = await metricsRoute();
    const { POST: run } = await runRoute();
    const dryRun = (key: string) => run(bearer(key, { path: '/api/recurring/run', method: 'POST', body: JSON.stringify({ dryRun: true }) }), noParams);
    for (const key of [w.a.key.accountant, w.a.key.viewer, w.b.key.accountant]) {
      expect((await metrics(bearer(key, { path: '/api/metrics' }), noParams)).status).toBe(401);
    }
    // The run endpoint takes an accountant's key too, but as its own company's, never as the job key's every company.
    for (const [key, companyId] of [
      [w.a.key.accountant, w.a.company.id],
      [w.b.key.accountant, w.b.company.id],
    ] as const) {
      const answer = await dryRun(key);
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { outcomes: { companyId: string; ruleId: number }[] };
      expect(body.outcomes.filter((o) => o.companyId !== companyId)).toEqual([]);
      expect(body.outcomes.some((o) => o.ruleId === due.id)).toBe(companyId === w.b.company.id);
    }
    expect((await dryRun(w.a.key.viewer)).status).toBe(403);
    expect(await fingerprint(w.db)).toEqual(before);
    expect((await metrics(bearer(JOB_KEY, { path: '/api/metrics' }), noParams)).status).toBe(200);
  });

  it('serves none of the library’s own key, member or company endpoints over HTTP', async () => {
    const { GET, POST } = await authRoute();
    const cookie = w.a.cookie.owner;
    const post = (path: string, body: unknown) =>
      POST(new Request(`${ORIGIN}/api/auth${path}`, { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    const before = await fingerprint(w.db);
    for (const [path, body] of [
      ['/api-key/create', { organizationId: w.a.company.id, name: 'sneaky' }],
      ['/api-key/update', { keyId: w.b.keyId.viewer, enabled: false }],
      ['/organization/update-member-role', { memberId: w.a.memberId.viewer, role: 'owner' }],
      ['/organization/set-active', { organizationId: w.b.company.id }],
      ['/sign-up/email', { email: 'x@example.test', password: 'long enough password', name: 'X' }],
    ] as const) {
      expect((await post(path, body)).status, path).toBe(404);
    }
    expect((await GET(new Request(`${ORIGIN}/api/auth/api-key/list`, { headers: { cookie } }))).status).toBe(404);
    expect((await GET(new Request(`${ORIGIN}/api/auth/organization/list`, { headers: { cookie } }))).status).toBe(404);
    expect(await fingerprint(w.db)).toEqual(before);
  });
});
