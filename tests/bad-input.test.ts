import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentCounters } from '@/db/schema/ledger';
import { HTTP_STATUS } from '@/lib/errors';
import { createDocument } from '@/lib/ledger/documents';
import { formatNumber } from '@/lib/ledger/numbering';
import { listParties } from '@/lib/ledger/parties';
import { listDocumentPayments, recordPayment } from '@/lib/ledger/payments';
import type { ActionResult } from '@/lib/http/action';
import { sessionCompanyContext } from '@/lib/session/company-context';
import { buildWorld, fromAddress, nextAddress, ORIGIN, type World } from './support/auth-world';
import { ACTIONS, ROUTES, type RouteRequest } from './support/authorization-table';
import { rejection } from './support/fixtures';
import { actAs } from './support/next-request';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

vi.hoisted(() => {
  process.env.AILEGR_JOB_KEY = 'bad-input-job-key-0123456789';
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));
vi.mock('next/cache', () => import('./support/next-request').then((m) => m.nextCache));

const ROOT = path.resolve(__dirname, '..');

/** Text that would do harm if it were ever pasted into SQL, plus bytes PostgreSQL refuses in text. */
const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE companies; --",
  "Robert'); DELETE FROM journal_entries; --",
  '1 UNION SELECT password FROM auth_accounts',
  "$1'::text; SELECT pg_sleep(10); --",
  'nul\u0000byte',
  '\\\' OR 1=1 /*',
];

const exportOf = async (id: string) => {
  const [file, name] = id.split('#') as [string, string];
  return ((await import(path.join(ROOT, file))) as Record<string, unknown>)[name];
};

async function callAction(id: string, cookie: string | null, form: Record<string, string>) {
  actAs(cookie);
  const data = new FormData();
  for (const [k, v] of Object.entries(form)) data.set(k, v);
  const result = (await ((await exportOf(id)) as (p: unknown, f: FormData) => Promise<ActionResult>)(null, data)) as ActionResult;
  return result.ok ? 200 : HTTP_STATUS[result.error.code];
}

async function callRoute(id: string, request: RouteRequest, headers: Record<string, string>) {
  const method = id.split('#')[1]!;
  const init: RequestInit = { method, headers: { origin: ORIGIN, ...headers, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) } };
  if (request.body !== undefined) init.body = JSON.stringify(request.body);
  const handler = (await exportOf(id)) as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
  return handler(new Request(`${ORIGIN}${request.path}`, init), { params: Promise.resolve(request.params ?? {}) });
}

/** The tables every test relies on still exist and still hold their rows. */
async function schemaIntact(w: World) {
  const result = (await w.db.execute(
    sql`select (select count(*) from companies)::int as companies, (select count(*) from journal_entries)::int as entries, (select count(*) from auth_accounts)::int as accounts`,
  )) as unknown as { companies: number }[] | { rows: { companies: number }[] };
  const row = (Array.isArray(result) ? result : result.rows)[0]!;
  expect(row.companies).toBeGreaterThanOrEqual(2);
  return row;
}

const companyRoutes = Object.entries(ROUTES).flatMap(([id, c]) => (c.kind === 'company' ? [[id, c] as const] : []));

describe.each(BACKENDS)('bad input on %s', (backend) => {
  let h: TestDatabase;
  let w: World;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
    w = await buildWorld(h, `bad-${backend}`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers tampered, forged, garbage and oversized session cookies as signed out (401), never 5xx', async () => {
    const good = w.a.cookie.owner; // ailegr.session_token=<token>.<signature>
    const [name, value] = good.split('=') as [string, string];
    const decoded = decodeURIComponent(value);
    const [token, signature] = decoded.split('.') as [string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const tampered = [
      `${name}=${encodeURIComponent(`${token}.${flip(signature)}`)}`,
      `${name}=${encodeURIComponent(`${flip(token)}.${signature}`)}`,
      `${name}=${encodeURIComponent(token)}`,
      `${name}=${encodeURIComponent(`${w.b.cookie.owner.split('=')[1]!.split('.')[0]}.${signature}`)}`,
      `${name}=%%%not-a-cookie%%%`,
      `${name}=${'A'.repeat(8_000)}.${'B'.repeat(44)}`,
      `${name}=${encodeURIComponent("' OR 1=1 --")}`,
      `${name}=`,
      'ailegr.session_token',
      `__Secure-${good}`,
    ];
    const { GET } = (await import('@/app/api/company/route')) as { GET: (r: Request, c: unknown) => Promise<Response> };
    for (const cookie of tampered) {
      const response = await GET(new Request(`${ORIGIN}/api/company`, { headers: { cookie } }), { params: Promise.resolve({}) });
      expect(response.status, cookie.slice(0, 80)).toBe(401);
      expect(await rejection(sessionCompanyContext(new Headers({ cookie })))).toMatchObject({ code: 'unauthorized' });
      expect(await callAction('app/(app)/actions.ts#switchCompanyAction', cookie, { companyId: w.a.company.id }), cookie.slice(0, 80)).toBe(401);
      const session = await w.auth.handler(new Request(`${ORIGIN}/api/auth/get-session`, { headers: { cookie } }));
      expect(session.status, cookie.slice(0, 80)).toBeLessThan(500);
    }
  });

  it('answers malformed, wrong-scheme and oversized Authorization headers 401, even beside a good cookie', async () => {
    const key = w.a.key.accountant;
    const headers = [
      '',
      'Bearer',
      'Bearer ',
      `bearer ${key}`,
      `Basic ${Buffer.from(`user:${key}`).toString('base64')}`,
      `Bearer ${key} extra`,
      `Bearer ${key}x`,
      `Bearer ${key.slice(0, -1)}`,
      `Bearer ailegr_${'A'.repeat(48)}`,
      `Bearer ${'ailegr_'.padEnd(10_000, 'x')}`,
      `Bearer ${'x'.repeat(100_000)}`,
      "Bearer ' OR '1'='1",
      `Bearer ailegr_${'é'.repeat(48)}`,
      `Bearer ${key},${key}`,
    ];
    for (const [id, c] of companyRoutes) {
      const request = await c.valid(w);
      for (const authorization of headers) {
        for (const withCookie of [false, true]) {
          const response = await callRoute(id, request, { authorization, ...(withCookie ? { cookie: w.a.cookie.owner } : {}) });
          expect(response.status, `${id} ${authorization.slice(0, 40)} cookie=${withCookie}`).toBe(401);
        }
      }
    }
    for (const id of ['app/api/metrics/route.ts#GET', 'app/api/recurring/run/route.ts#POST']) {
      const request = (ROUTES[id] as { request: RouteRequest }).request;
      for (const authorization of headers) expect((await callRoute(id, request, { authorization })).status, id).toBe(401);
    }
    await schemaIntact(w);
  });

  // One test per action and per route: the whole sweep is thousands of calls, and as one test it neared the time limit
  // when the db files run three at once on two cores.
  describe('hostile text in every field of a server action is answered with a 2xx or 4xx', () => {
    for (const [id, c] of Object.entries(ACTIONS)) {
      it(id, async () => {
        const fields = Object.keys(await c.valid(w));
        const caller = c.callerFor ? await c.callerFor(w, 'owner') : w.a.cookie.owner;
        for (const field of fields) {
          for (const text of HOSTILE) {
            const form = { ...(await c.valid(w)), [field]: text };
            expect(await callAction(id, caller, form), `${id} ${field}=${JSON.stringify(text)}`).toBeLessThan(500);
          }
        }
      });
    }
  });

  it('after the hostile text the schema is intact, and accepted text is stored as typed, quotes and all', async () => {
    expect(Object.keys(ACTIONS).length).toBeGreaterThan(20);
    await schemaIntact(w);
    const name = "O'Brien'); DROP TABLE parties; --";
    expect(await callAction('app/(app)/parties/actions.ts#createPartyAction', w.a.cookie.owner, { kind: 'vendor', name, email: '' })).toBe(200);
    expect((await listParties(w.db, w.a.company.id)).map((p) => p.name)).toContain(name);
  });

  describe('hostile text in every JSON field, query parameter and path parameter of an API route is answered with a 2xx or 4xx', () => {
    for (const [id, c] of companyRoutes) {
      it(id, async () => {
        const base = await c.valid(w);
        const variants: RouteRequest[] = [];
        const url = new URL(`${ORIGIN}${base.path}`);
        for (const text of HOSTILE) {
          if (base.body && typeof base.body === 'object') {
            for (const field of Object.keys(base.body)) variants.push({ ...base, body: { ...(base.body as object), [field]: text } });
            variants.push({ ...base, body: text });
          }
          for (const param of url.searchParams.keys()) {
            const hostile = new URL(url);
            hostile.searchParams.set(param, text);
            variants.push({ ...base, path: hostile.pathname + hostile.search });
          }
          for (const param of Object.keys(base.params ?? {})) variants.push({ ...base, params: { ...base.params, [param]: text } });
        }
        const callers: Record<string, string>[] = [{ cookie: w.a.cookie.owner }, { authorization: `Bearer ${w.a.key.accountant}` }];
        for (const request of variants) {
          for (const auth of callers) {
            const response = await callRoute(id, request, auth);
            expect(response.status, `${id} ${JSON.stringify(request).slice(0, 120)}`).toBeLessThan(500);
          }
        }
      });
    }
  });

  it('after the hostile text in the routes the schema is intact', async () => {
    await schemaIntact(w);
  });

  it('answers references in the ledger’s own formats with a 2xx or 4xx and jams nothing: later entries get numbers, every entry stays voidable', async () => {
    // A typed VOID-<ref> made that entry unvoidable with a 500; a number typed ahead of its numbering made every
    // later entry left blank fail on a reference nobody typed.
    const companyId = w.a.company.id;
    const owner = w.a.cookie.owner;
    const lastNumber = async (kind: 'invoice' | 'bill' | 'payment_received' | 'payment_made') => {
      const [row] = await w.db
        .select({ value: documentCounters.lastValue })
        .from(documentCounters)
        .where(and(eq(documentCounters.companyId, companyId), eq(documentCounters.kind, kind)));
      return row?.value ?? 0;
    };
    const sides = [
      { kind: 'invoice', payKind: 'payment_received', screen: 'invoices', create: 'createInvoiceAction', pay: 'recordInvoicePaymentAction', void: 'voidInvoiceEntryAction' },
      { kind: 'bill', payKind: 'payment_made', screen: 'expenses', create: 'createBillAction', pay: 'recordBillPaymentAction', void: 'voidBillEntryAction' },
    ] as const;
    for (const side of sides) {
      const action = (name: string) => `app/(app)/${side.screen}/actions.ts#${name}`;
      const documentForm = await ACTIONS[action(side.create)]!.valid(w);
      const victim = await createDocument(w.db, companyId, side.kind, {
        partyId: Number(documentForm.partyId), issueDate: '2026-03-10', dueDate: '2026-04-09', amount: '75.00', categoryId: Number(documentForm.categoryId),
      });
      const paid = await recordPayment(w.db, companyId, { documentId: victim.id, amount: '1.00', date: '2026-03-10' });
      const typed = [
        async () => `VOID-${victim.reference}`,
        async () => `VOID-${paid.reference}`,
        async () => `REC-1-2026-03-10`,
        async () => formatNumber(side.kind, (await lastNumber(side.kind)) + 2),
        async () => formatNumber(side.payKind, (await lastNumber(side.payKind)) + 2),
        async () => formatNumber(side.kind, 1_000_000_000_000),
      ];
      for (const reference of typed) {
        const createReference = await reference();
        expect(await callAction(action(side.create), owner, { ...documentForm, reference: createReference }), createReference).toBeLessThan(500);
        const payReference = await reference();
        const payForm = { documentId: String(victim.id), amount: '1.00', date: '2026-03-10', memo: '', reference: payReference };
        expect(await callAction(action(side.pay), owner, payForm), payReference).toBeLessThan(500);
      }
      for (let i = 0; i < 3; i++) {
        expect(await callAction(action(side.create), owner, documentForm), `${side.create} left blank`).toBe(200);
        const payForm = { documentId: String(victim.id), amount: '1.00', date: '2026-03-10', memo: '', reference: '' };
        expect(await callAction(action(side.pay), owner, payForm), `${side.pay} left blank`).toBe(200);
      }
      for (const payment of await listDocumentPayments(w.db, companyId, victim.id)) {
        expect(await callAction(action(side.void), owner, { entryId: String(payment.id) }), `void ${payment.reference}`).toBe(200);
      }
      expect(await callAction(action(side.void), owner, { entryId: String(victim.id) }), `void ${victim.reference}`).toBe(200);
    }
    await schemaIntact(w);
  });

  it('answers hostile sign-in input 4xx, never 5xx, and signs nobody in', async () => {
    for (const text of [...HOSTILE, 'x'.repeat(100_000)]) {
      for (const body of [{ email: text, password: 'whatever password' }, { email: `owner.a.bad-${backend}@example.test`, password: text }, { email: text, password: text }]) {
        const response = await w.auth.handler(
          new Request(`${ORIGIN}/api/auth/sign-in/email`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: ORIGIN, ...fromAddress(nextAddress()) },
            body: JSON.stringify(body),
          }),
        );
        expect(response.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
        expect(response.status, JSON.stringify(body).slice(0, 80)).toBeLessThan(500);
      }
    }
    const notJson = await w.auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, ...fromAddress(nextAddress()) },
        body: '{"email":',
      }),
    );
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(notJson.status).toBeLessThan(500);
    await schemaIntact(w);
  });
});
