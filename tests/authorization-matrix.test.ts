import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROLES, roleAllows, type Role } from '@/lib/auth/roles';
import { resetEnvCache } from '@/lib/env';
import { HTTP_STATUS } from '@/lib/errors';
import type { ActionResult } from '@/lib/http/action';
import { buildWorld, fingerprint, ORIGIN, type World } from './support/auth-world';
import { ACTIONS, PUBLIC_ACTIONS, PUBLIC_PAGES, ROUTES, type ActionCase, type Form, type RouteRequest, type StrangerAnswer } from './support/authorization-table';
import { actAs } from './support/next-request';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// The job key must be in the environment before anything reads (and caches) it.
const JOB_KEY = vi.hoisted(() => {
  const key = 'matrix-job-key-0123456789abcdef';
  process.env.AILEGR_JOB_KEY = key;
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
  return key;
});

// Server actions run here as in Next: `headers()` answers for the caller chosen with actAs().
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));
vi.mock('next/cache', () => import('./support/next-request').then((m) => m.nextCache));

const ROOT = path.resolve(__dirname, '..');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Files named `name` under app/, as paths relative to the repository ('app/(app)/invoices/actions.ts'). */
function appFiles(name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === name) found.push(path.relative(ROOT, full).split(path.sep).join('/'));
    }
  };
  walk(path.join(ROOT, 'app'));
  return found.sort();
}

type ServerAction = (previous: unknown, formData: FormData) => Promise<ActionResult>;
type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function exportsOf(file: string): Promise<Record<string, unknown>> {
  return (await import(path.join(ROOT, file))) as Record<string, unknown>;
}

async function actionOf(id: string): Promise<ServerAction> {
  const [file, name] = id.split('#') as [string, string];
  return (await exportsOf(file))[name] as ServerAction;
}

async function handlerOf(id: string): Promise<RouteHandler> {
  const [file, name] = id.split('#') as [string, string];
  return (await exportsOf(file))[name] as RouteHandler;
}

function formData(form: Form): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(form)) data.set(key, value);
  return data;
}

/** Calls a server action as `cookie`'s session (null: anonymous) and gives its outcome as an HTTP status. */
async function callAction(id: string, cookie: string | null, form: Form): Promise<{ status: number; result: ActionResult }> {
  actAs(cookie);
  const result = await (await actionOf(id))(null, formData(form));
  return { status: result.ok ? 200 : HTTP_STATUS[result.error.code], result };
}

/** Calls a route handler with a session cookie or an Authorization header. */
async function callRoute(id: string, request: RouteRequest, auth: { cookie?: string; authorization?: string } = {}): Promise<Response> {
  const method = id.split('#')[1]!;
  const headers = new Headers({ origin: ORIGIN });
  if (auth.cookie) headers.set('cookie', auth.cookie);
  if (auth.authorization) headers.set('authorization', auth.authorization);
  if (request.body !== undefined) headers.set('content-type', 'application/json');
  const init: RequestInit = { method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) };
  return (await handlerOf(id))(new Request(`${ORIGIN}${request.path}`, init), { params: Promise.resolve(request.params ?? {}) });
}

/** Turns the developer tools (AILEGR_DEV_TOOLS; lib/dev-tools.ts) on or off for the next calls. */
function setDevTools(on: boolean) {
  if (on) process.env.AILEGR_DEV_TOOLS = 'true';
  else delete process.env.AILEGR_DEV_TOOLS;
  resetEnvCache();
}

const below = (role: Role) => ROLES.filter((r) => !roleAllows(r, role));
const atOrAbove = (role: Role) => ROLES.filter((r) => roleAllows(r, role));

function expectStrangerAnswer(status: number, fields: Record<string, string[]> | undefined, answer: StrangerAnswer) {
  expect(status).toBe(answer.status);
  if (answer.status === 400) expect(fields?.[answer.field], `a field error on ${answer.field}`).toBeDefined();
}

describe('the coverage table', () => {
  it('names every exported server action under app/, and nothing that is gone', async () => {
    const found: string[] = [];
    for (const file of appFiles('actions.ts')) {
      for (const [name, value] of Object.entries(await exportsOf(file))) if (typeof value === 'function') found.push(`${file}#${name}`);
    }
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((id) => !(id in ACTIONS) && !(id in PUBLIC_ACTIONS)), 'server actions with no entry in tests/support/authorization-table.ts').toEqual([]);
    const listed = [...Object.keys(ACTIONS), ...Object.keys(PUBLIC_ACTIONS)];
    expect(listed.filter((id) => !found.includes(id)), 'entries for server actions that no longer exist').toEqual([]);
  });

  it('names every exported route handler under app/, and nothing that is gone', async () => {
    const found: string[] = [];
    for (const file of appFiles('route.ts')) {
      const mod = await exportsOf(file);
      for (const method of HTTP_METHODS) if (typeof mod[method] === 'function') found.push(`${file}#${method}`);
    }
    expect(found.filter((id) => !(id in ROUTES)), 'route handlers with no entry in tests/support/authorization-table.ts').toEqual([]);
    expect(Object.keys(ROUTES).filter((id) => !found.includes(id)), 'entries for route handlers that no longer exist').toEqual([]);
  });

  it('keeps every page behind sign-in unless it is named public', () => {
    for (const file of appFiles('page.tsx')) {
      if (file in PUBLIC_PAGES) continue;
      expect(file.startsWith('app/(app)/'), `${file} is outside app/(app) and not in PUBLIC_PAGES`).toBe(true);
      // Next renders a page alongside its layout: the page must resolve (and so check) the session itself.
      expect(fs.readFileSync(path.join(ROOT, file), 'utf8'), `${file} does not call companyContext()`).toMatch(/\bcompanyContext\(\)/);
    }
    expect(fs.readFileSync(path.join(ROOT, 'app/(app)/layout.tsx'), 'utf8')).toMatch(/\bcompanyContext\(\)/);
  });
});

describe.each(BACKENDS)('authorization matrix on %s', (backend) => {
  let h: TestDatabase;
  let w: World;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
    w = await buildWorld(h, backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe.each(Object.entries(ACTIONS))('server action %s', (id, c: ActionCase) => {
    if (c.devTools) {
      // The checks below run with the tools on; this one shows that with them off nobody gets through.
      beforeEach(() => setDevTools(true));
      afterEach(() => setDevTools(false));
      it('answers every role 403 while the developer tools are off, and changes nothing', async () => {
        setDevTools(false);
        for (const role of ROLES) {
          const form = await c.valid(w);
          const before = await fingerprint(w.db);
          const { status, result } = await callAction(id, w.a.cookie[role], form);
          expect(status, `${role}: ${JSON.stringify(result)}`).toBe(403);
          expect(await fingerprint(w.db)).toEqual(before);
        }
      });
    }

    it('answers an anonymous caller 401 and changes nothing', async () => {
      const form = await c.valid(w);
      const before = await fingerprint(w.db);
      const { status } = await callAction(id, null, form);
      expect(status).toBe(401);
      expect(await fingerprint(w.db)).toEqual(before);
    });

    if (below(c.role).length > 0) it(`answers roles below ${c.role} 403 and changes nothing`, async () => {
      for (const role of below(c.role)) {
        const form = await c.valid(w);
        const before = await fingerprint(w.db);
        const { status } = await callAction(id, w.a.cookie[role], form);
        expect(status, role).toBe(403);
        expect(await fingerprint(w.db)).toEqual(before);
      }
    });

    if (c.stranger !== null) it("answers another company's record like a missing one (never 403) and changes nothing", async () => {
      const form = await c.stranger!.form(w); // first: it may create the other company's record it names
      const before = await fingerprint(w.db);
      const { status, result } = await callAction(id, w.a.cookie.owner, form);
      expectStrangerAnswer(status, result.ok ? undefined : result.error.fields, c.stranger!.answer);
      expect(await fingerprint(w.db)).toEqual(before);
    });

    it(`succeeds for ${c.role} and every role above`, async () => {
      for (const role of atOrAbove(c.role)) {
        const caller = c.callerFor ? await c.callerFor(w, role) : w.a.cookie[role];
        const { status, result } = await callAction(id, caller, await c.valid(w));
        expect(status, `${role}: ${JSON.stringify(result)}`).toBe(200);
      }
    });
  });

  describe.each(Object.entries(PUBLIC_ACTIONS))('public server action %s', (id, c) => {
    it(`is public (${c.why}): an anonymous caller gets ${c.status}, and nothing changes`, async () => {
      const before = await fingerprint(w.db);
      const { status } = await callAction(id, null, c.form);
      expect(status).toBe(c.status);
      expect(await fingerprint(w.db)).toEqual(before);
    });
  });

  describe.each(Object.entries(ROUTES))('route %s', (id, c) => {
    if (c.kind === 'public') {
      it(`is public (${c.why}) and answers an anonymous caller without a 5xx`, async () => {
        const response = await callRoute(id, c.request);
        expect(response.status).toBeLessThan(500);
      });
      return;
    }

    if (c.kind === 'job-key') {
      it('refuses anonymous callers, sessions and API keys (401), and accepts the job key', async () => {
        expect((await callRoute(id, c.request)).status).toBe(401);
        expect((await callRoute(id, c.request, { cookie: w.a.cookie.owner })).status).toBe(401);
        expect((await callRoute(id, c.request, { authorization: `Bearer ${w.a.key.accountant}` })).status).toBe(401);
        const accepted = await callRoute(id, c.request, { authorization: `Bearer ${JOB_KEY}` });
        expect(accepted.status, await accepted.clone().text()).toBeLessThan(300);
      });
      return;
    }

    if (c.kind === 'user') {
      it('refuses anonymous callers and the job key (401) and API keys (403), changing nothing; any member’s session succeeds', async () => {
        const before = await fingerprint(w.db);
        const anonymous = await callRoute(id, c.valid(w));
        expect(anonymous.status).toBe(401);
        expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect((await callRoute(id, c.valid(w), { authorization: `Bearer ${JOB_KEY}` })).status).toBe(401);
        for (const role of ['accountant', 'viewer'] as const) {
          expect((await callRoute(id, c.valid(w), { authorization: `Bearer ${w.a.key[role]}` })).status, `${role} key`).toBe(403);
        }
        expect(await fingerprint(w.db)).toEqual(before);
        for (const role of ROLES) {
          const response = await callRoute(id, c.valid(w), { cookie: w.a.cookie[role] });
          expect(response.status, `${role} session: ${await response.clone().text()}`).toBeLessThan(300);
        }
      });
      return;
    }

    if (c.kind === 'company-or-job-key') {
      it(`refuses anonymous callers (401) and roles below ${c.role} (403), and accepts ${c.role} and above and the job key`, async () => {
        const before = await fingerprint(w.db);
        expect((await callRoute(id, c.request)).status).toBe(401);
        for (const role of below(c.role)) {
          expect((await callRoute(id, c.request, { cookie: w.a.cookie[role] })).status, `${role} session`).toBe(403);
          if (role !== 'owner') expect((await callRoute(id, c.request, { authorization: `Bearer ${w.a.key[role]}` })).status, `${role} key`).toBe(403);
        }
        expect(await fingerprint(w.db)).toEqual(before);
        for (const role of atOrAbove(c.role)) {
          const bySession = await callRoute(id, c.request, { cookie: w.a.cookie[role] });
          expect(bySession.status, `${role} session: ${await bySession.clone().text()}`).toBeLessThan(300);
          if (role !== 'owner') expect((await callRoute(id, c.request, { authorization: `Bearer ${w.a.key[role]}` })).status, `${role} key`).toBeLessThan(300);
        }
        const accepted = await callRoute(id, c.request, { authorization: `Bearer ${JOB_KEY}` });
        expect(accepted.status, await accepted.clone().text()).toBeLessThan(300);
      });
      return;
    }

    it('answers an anonymous caller 401 and changes nothing', async () => {
      // Prepared first: a valid request may create what it names (a document to void), which is not the call's doing.
      const request = await c.valid(w);
      const before = await fingerprint(w.db);
      const response = await callRoute(id, request);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await fingerprint(w.db)).toEqual(before);
    });

    it('refuses the job key as an API key (401)', async () => {
      expect((await callRoute(id, await c.valid(w), { authorization: `Bearer ${JOB_KEY}` })).status).toBe(401);
    });

    if (below(c.role).length > 0) it(`answers roles below ${c.role} 403, by session or API key, and changes nothing`, async () => {
      for (const role of below(c.role)) {
        const request = await c.valid(w);
        const before = await fingerprint(w.db);
        expect((await callRoute(id, request, { cookie: w.a.cookie[role] })).status, `${role} session`).toBe(403);
        if (role !== 'owner') {
          expect((await callRoute(id, request, { authorization: `Bearer ${w.a.key[role]}` })).status, `${role} key`).toBe(403);
        }
        expect(await fingerprint(w.db)).toEqual(before);
      }
    });

    if (c.stranger !== null) it("answers another company's record like a missing one, by session or API key", async () => {
      const request = await c.stranger!.request(w);
      const before = await fingerprint(w.db);
      for (const auth of [{ cookie: w.a.cookie.owner }, { authorization: `Bearer ${w.a.key.accountant}` }]) {
        const response = await callRoute(id, request, auth);
        const body = (await response.json()) as { fields?: Record<string, string[]> };
        expectStrangerAnswer(response.status, body.fields, c.stranger!.answer);
      }
      expect(await fingerprint(w.db)).toEqual(before);
    });

    it(`succeeds for ${c.role} and every role above, by session and by API key`, async () => {
      for (const role of atOrAbove(c.role)) {
        const bySession = await callRoute(id, await c.valid(w), { cookie: w.a.cookie[role] });
        expect(bySession.status, `${role} session: ${await bySession.clone().text()}`).toBeLessThan(300);
        if (role !== 'owner') {
          const byKey = await callRoute(id, await c.valid(w), { authorization: `Bearer ${w.a.key[role]}` });
          expect(byKey.status, `${role} key: ${await byKey.clone().text()}`).toBeLessThan(300);
        }
      }
    });
  });
});
