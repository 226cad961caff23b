import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { companyMembers, sessions, signInFailures } from '@/db/schema/auth';
import { changeMemberRole, createUserWithPassword, removeMember } from '@/lib/auth/members';
import { changeOwnPassword } from '@/lib/auth/password';
import { resetEnvCache } from '@/lib/env';
import { pgErrorInfo } from '@/lib/errors';
import { SIGN_IN_MAX_FAILURES } from '@/lib/auth/sign-in-throttle';
import { DEMO_USER_EMAIL, seedDemo } from '@/lib/demo/seed';
import { companyContext, sessionCompanyContext } from '@/lib/session/company-context';
import { buildWorld, fromAddress, nextAddress, ORIGIN, PASSWORD, signIn, signInRequest, bindAppToDatabase, type World } from './support/auth-world';
import { rejection } from './support/fixtures';
import { killAllProcesses, startTsProcess } from './support/processes';
import { actAs } from './support/next-request';
import { BACKENDS, HAS_POSTGRES, openTestDatabase, type TestDatabase } from './support/test-db';

vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));
vi.mock('next/cache', () => import('./support/next-request').then((m) => m.nextCache));

const companyRoute = () => import('@/app/api/company/route');
const signInActions = () => import('@/app/sign-in/actions');
const withCookie = (cookie: string) => new Headers({ cookie });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe.each(BACKENDS)('sign-in, sessions and members on %s', (backend) => {
  let h: TestDatabase;
  let w: World;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
    w = await buildWorld(h, `sign-${backend}`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('keeps sessions in the database behind an httpOnly, SameSite cookie', async () => {
    const response = await signInRequest(w.auth, 'viewer.a.sign-' + backend + '@example.test', PASSWORD);
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^ailegr\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const token = decodeURIComponent(setCookie.split(';')[0]!.split('=')[1]!).split('.')[0]!;
    const [row] = await w.db.select().from(sessions).where(eq(sessions.token, token));
    expect(row?.userId).toBe(w.a.userId.viewer);
  });

  it('answers a wrong password and an unknown account with the same message', async () => {
    const wrong = await signInRequest(w.auth, `owner.a.sign-${backend}@example.test`, 'not the password at all');
    const unknown = await signInRequest(w.auth, `nobody-${backend}@example.test`, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('ends the session on sign-out: the same cookie then opens nothing', async () => {
    const cookie = await signIn(w.auth, `accountant.a.sign-${backend}@example.test`);
    const { GET } = await companyRoute();
    const ask = () => GET(new Request(`${ORIGIN}/api/company`, { headers: { cookie } }), { params: Promise.resolve({}) });
    expect((await ask()).status).toBe(200);
    const out = await w.auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-out`, { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: '{}' }),
    );
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/ailegr\.session_token=;/);
    expect((await ask()).status).toBe(401);
    expect(await rejection(sessionCompanyContext(withCookie(cookie)))).toMatchObject({ code: 'unauthorized' });
  });

  it('limits sign-in per address: the 11th attempt in a minute from one address is refused', async () => {
    const address = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signInRequest(w.auth, `someone-${i}-${backend}@example.test`, 'wrong password here', address)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // Another address is not affected.
    expect((await signInRequest(w.auth, `owner.b.sign-${backend}@example.test`, PASSWORD)).status).toBe(200);
  });

  it('takes the per-address limit from AILEGR_SIGN_IN_ATTEMPTS_PER_MINUTE: at 3, the 4th attempt in a minute is refused', async () => {
    const address = nextAddress();
    vi.stubEnv('AILEGR_SIGN_IN_ATTEMPTS_PER_MINUTE', '3');
    resetEnvCache();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await signInRequest(w.auth, `limited-${i}-${backend}@example.test`, 'wrong password here', address)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
    }
  });

  it('counts the address the server recorded, not X-Forwarded-For: rotating it from one address is refused at the 11th attempt', async () => {
    const address = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const forged = { 'x-forwarded-for': `203.0.113.${i + 1}` };
      statuses.push((await signInRequest(w.auth, `rotating-${i}-${backend}@example.test`, 'wrong password here', address, forged)).status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('puts attempts that carry no recorded address in one shared bucket, limited like one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signInRequest(w.auth, `unrecorded-${i}-${backend}@example.test`, 'wrong password here', null)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('accepts the origin a request was sent to (its Host), not only the one Next.js builds its URL from, and no other', async () => {
    const email = `origin-${backend}@example.test`;
    await createUserWithPassword(w.auth, { email, name: 'Origin', password: PASSWORD });
    // Next.js builds the request URL from its own hostname (localhost) whatever the browser typed.
    const attempt = (headers: Record<string, string>) =>
      w.auth.handler(
        new Request(`${ORIGIN}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...fromAddress(nextAddress()), ...headers },
          body: JSON.stringify({ email, password: PASSWORD }),
        }),
      );
    expect((await attempt({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' })).status).toBe(200);
    expect((await attempt({ host: '[::1]:3000', origin: 'http://[::1]:3000' })).status).toBe(200);
    expect((await attempt({ host: 'books.example.com', 'x-forwarded-proto': 'https', origin: 'https://books.example.com' })).status).toBe(200);
    const refused: Record<string, string>[] = [
      { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:4000' },
      { host: '127.0.0.1:3000', origin: 'http://books.attacker.test' },
      { host: 'books.example.com', 'x-forwarded-proto': 'https', origin: 'http://books.example.com' },
      { host: 'books.example.com/@evil.test', origin: 'http://books.example.com' },
    ];
    for (const headers of refused) {
      const response = await attempt(headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'INVALID_ORIGIN' });
    }
  });

  it('signs in from the form’s server action: a new session, on to the books', async () => {
    const { signInAction } = await signInActions();
    const userId = w.b.userId.accountant;
    const sessionsOf = async () => (await w.db.select().from(sessions).where(eq(sessions.userId, userId))).length;
    const before = await sessionsOf();
    actAs(null, fromAddress(nextAddress()));
    const outcome = await rejection(signInAction(null, form({ email: ` Accountant.B.Sign-${backend}@Example.test `, password: PASSWORD })));
    expect((outcome as { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;[a-z]+;\/;/);
    // The cookie itself is set by the library's nextCookies plugin through Next's `cookies()`, which only a real
    // server runs (e2e/auth.spec.ts signs in through this action with and without JavaScript).
    expect(await sessionsOf()).toBe(before + 1);
  });

  it('refuses a wrong password from the server action with the one message, and keeps the email', async () => {
    const { signInAction } = await signInActions();
    const email = `owner.b.sign-${backend}@example.test`;
    actAs(null, fromAddress(nextAddress()));
    expect(await signInAction(null, form({ email, password: 'not the password at all' }))).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'The email or password is not right.' },
      email,
    });
    actAs(null, fromAddress(nextAddress()));
    expect(await signInAction(null, form({ email: 'not an email', password: 'x' }))).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { email: ['Enter an email address like name@example.com'] } },
      email: 'not an email',
    });
  });

  it('counts server-action attempts like any other: the address’s 11th is refused with the throttle message', async () => {
    const { signInAction } = await signInActions();
    const address = fromAddress(nextAddress());
    const results = [];
    for (let i = 0; i < 11; i++) {
      actAs(null, address);
      results.push(await signInAction(null, form({ email: `action-${i}-${backend}@example.test`, password: 'wrong password here' })));
    }
    expect(results.slice(0, 10).map((r) => r.error.code)).toEqual(Array(10).fill('unauthorized'));
    expect(results[10]).toMatchObject({ ok: false, error: { code: 'rate_limited', message: 'Too many sign-in attempts. Wait a few minutes and try again.' } });
  });

  it('limits sign-in per account whatever the address, even with the right password, until the window passes', async () => {
    const email = `viewer.b.sign-${backend}@example.test`;
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      expect((await signInRequest(w.auth, email, `wrong password ${i}`)).status).toBe(401);
    }
    const locked = await signInRequest(w.auth, email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ message: 'Too many sign-in attempts. Wait a few minutes and try again.' });
    // An unknown account is counted the same way, so the lock says nothing about which accounts exist.
    const stranger = `ghost-${backend}@example.test`;
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await signInRequest(w.auth, stranger, `wrong password ${i}`);
    expect((await signInRequest(w.auth, stranger, 'wrong password again')).status).toBe(429);
    // Once the window has passed (moved back here), the right password works and clears the count.
    await w.db.update(signInFailures).set({ windowStartedAt: sql`now() - interval '1 hour'` }).where(eq(signInFailures.email, email));
    expect((await signInRequest(w.auth, email, PASSWORD)).status).toBe(200);
    expect(await w.db.select().from(signInFailures).where(eq(signInFailures.email, email))).toEqual([]);
  });

  it('the per-account sign-in limit is bypassed by parallel requests: no longer, 40 at once check 10 passwords and refuse 30', async () => {
    const email = `parallel-${backend}@example.test`;
    await createUserWithPassword(w.auth, { email, name: 'Parallel', password: PASSWORD });
    // Every password check the library makes goes through its context's `password.verify`: count them there.
    const verify = vi.spyOn((await w.auth.$context).password, 'verify');
    try {
      const statuses = await Promise.all(
        Array.from({ length: 40 }, (_, i) => signInRequest(w.auth, email, `wrong password ${i}`).then((r) => r.status)),
      );
      expect(verify).toHaveBeenCalledTimes(SIGN_IN_MAX_FAILURES);
      expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_MAX_FAILURES);
      expect(statuses.filter((s) => s === 429)).toHaveLength(40 - SIGN_IN_MAX_FAILURES);
    } finally {
      verify.mockRestore();
    }
  });

  it('takes a removed member out of the company at once, though their session lives on', async () => {
    const memberId = w.b.memberId.accountant;
    const cookie = w.b.cookie.accountant;
    expect((await sessionCompanyContext(withCookie(cookie))).company.id).toBe(w.b.company.id);
    await removeMember(w.auth, w.db, w.b.company.id, withCookie(w.b.cookie.owner), memberId);
    expect(await rejection(sessionCompanyContext(withCookie(cookie)))).toMatchObject({ code: 'forbidden' });
  });

  it('sends a page request without a session to sign-in, and one without a company to sign-in with the reason', async () => {
    const redirectOf = async () => ((await rejection(companyContext())) as { digest?: string }).digest ?? '';
    actAs(null);
    expect(await redirectOf()).toMatch(/^NEXT_REDIRECT;[a-z]+;\/sign-in;/);
    actAs(`${w.a.cookie.owner.split('=')[0]}=forged.value`);
    expect(await redirectOf()).toMatch(/^NEXT_REDIRECT;[a-z]+;\/sign-in;/);
    const loner = `loner-${backend}@example.test`;
    await createUserWithPassword(w.auth, { email: loner, name: 'Loner', password: PASSWORD });
    actAs(await signIn(w.auth, loner));
    expect(await redirectOf()).toMatch(/^NEXT_REDIRECT;[a-z]+;\/sign-in\?reason=no-company;/);
    actAs(w.a.cookie.viewer);
    expect(await companyContext()).toMatchObject({ company: { id: w.a.company.id }, role: 'viewer' });
  });

  it('changes a password: the old one stops working and every session of that user ends', async () => {
    const email = `changer-${backend}@example.test`;
    await createUserWithPassword(w.auth, { email, name: 'Changer', password: PASSWORD });
    const first = await signIn(w.auth, email);
    const second = await signIn(w.auth, email);
    expect(await rejection(changeOwnPassword(w.auth, withCookie(first), { currentPassword: 'a wrong guess!', newPassword: 'a brand new password' }))).toMatchObject({
      fieldErrors: { currentPassword: ['That is not your current password'] },
    });
    await changeOwnPassword(w.auth, withCookie(first), { currentPassword: PASSWORD, newPassword: 'a brand new password' });
    for (const cookie of [first, second]) expect((await w.auth.api.getSession({ headers: withCookie(cookie) }))).toBeNull();
    expect((await signInRequest(w.auth, email, PASSWORD)).status).toBe(401);
    expect((await signInRequest(w.auth, email, 'a brand new password')).status).toBe(200);
  });

  it('keeps at least one owner: the last owner can be neither demoted nor removed', async () => {
    const owner = withCookie(w.a.cookie.owner);
    expect(await rejection(changeMemberRole(w.auth, w.db, w.a.company.id, owner, { memberId: w.a.memberId.owner, role: 'viewer' }))).toMatchObject({
      code: 'validation',
    });
    expect(await rejection(removeMember(w.auth, w.db, w.a.company.id, owner, w.a.memberId.owner))).toMatchObject({ code: 'validation' });
    // The database refuses it too, whatever the code does.
    const direct = await rejection(w.db.update(companyMembers).set({ role: 'viewer' }).where(eq(companyMembers.id, w.a.memberId.owner)));
    expect(pgErrorInfo(direct)).toEqual({ code: '23514', constraint: 'company_members_keep_owner' });
    const [row] = await w.db.select().from(companyMembers).where(and(eq(companyMembers.id, w.a.memberId.owner)));
    expect(row?.role).toBe('owner');
  });

  it('lets an owner hand over: promote another owner, then step down', async () => {
    const owner = withCookie(w.b.cookie.owner);
    await changeMemberRole(w.auth, w.db, w.b.company.id, owner, { memberId: w.b.memberId.viewer, role: 'owner' });
    const demoted = await changeMemberRole(w.auth, w.db, w.b.company.id, owner, { memberId: w.b.memberId.owner, role: 'accountant' });
    expect(demoted.role).toBe('accountant');
  });
});

describe.runIf(HAS_POSTGRES)('two owners demoting each other at once (PostgreSQL)', () => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets exactly one of them succeed', async () => {
    const w = await buildWorld(h, 'race');
    const owner = withCookie(w.a.cookie.owner);
    await changeMemberRole(w.auth, w.db, w.a.company.id, owner, { memberId: w.a.memberId.accountant, role: 'owner' });
    const demote = (memberId: string) =>
      h.db.transaction(async (tx) => {
        await tx.update(companyMembers).set({ role: 'viewer' }).where(eq(companyMembers.id, memberId));
        await tx.execute(sql`select pg_sleep(0.2)`);
      });
    const results = await Promise.allSettled([demote(w.a.memberId.owner), demote(w.a.memberId.accountant)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const owners = await h.db.select().from(companyMembers).where(and(eq(companyMembers.companyId, w.a.company.id), eq(companyMembers.role, 'owner')));
    expect(owners).toHaveLength(1);
  });
});

describe.runIf(HAS_POSTGRES)('the per-account sign-in limit across processes (PostgreSQL)', () => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await killAllProcesses();
    await h?.close();
  });

  it('is not bypassed by 4 processes sending 10 wrong passwords each at once: 10 checks in all, 30 answers 429', async () => {
    const email = 'processes@example.test';
    await createUserWithPassword(bindAppToDatabase(h), { email, name: 'Processes', password: PASSWORD });
    const children = Array.from({ length: 4 }, () =>
      startTsProcess('tests/support/sign-in-process.ts', { DATABASE_URL: h.url, SIGN_IN_EMAIL: email, SIGN_IN_ATTEMPTS: '10' }),
    );
    await Promise.all(children.map((c) => c.waitForLine((l) => l === 'READY', 60_000)));
    for (const c of children) c.child.stdin!.write('go\n');
    const results = await Promise.all(
      children.map(async (c) => JSON.parse((await c.waitForLine((l) => l.startsWith('RESULT '), 120_000)).slice('RESULT '.length)) as { statuses: number[]; checks: number }),
    );
    const statuses = results.flatMap((r) => r.statuses);
    expect(results.reduce((sum, r) => sum + r.checks, 0)).toBe(SIGN_IN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - SIGN_IN_MAX_FAILURES);
  });
});

describe('the demo', () => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates a demo owner of both demo companies who signs in with the chosen password', async () => {
    const auth = bindAppToDatabase(h);
    const demo = await seedDemo(auth, h.db, new Date('2026-03-10T12:00:00Z'), 'a chosen demo password');
    expect(demo.generatedPassword).toBeNull();
    const cookie = await signIn(auth, DEMO_USER_EMAIL, 'a chosen demo password');
    const ctx = await sessionCompanyContext(withCookie(cookie));
    expect(ctx.companies.map((c) => c.name)).toEqual(['Northwind Studio', 'Lakeside Bakery']);
    expect(ctx.company.name).toBe('Northwind Studio');
    expect(ctx.role).toBe('owner');
  });
});
