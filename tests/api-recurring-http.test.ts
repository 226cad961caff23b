import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { journalEntries } from '@/db/schema/ledger';
import { recurringRules } from '@/db/schema/recurring';
import { call, startApiServer, useApiTestBed, type Answer } from './support/api-client';
import { buildWorld, type World } from './support/auth-world';
import { HAS_POSTGRES } from './support/test-db';

// The `/api/recurring` endpoints over real HTTP (tests/support/api-server.ts processes on one PostgreSQL), with the
// database clock fixed at 2026-03-10 10:00 in New York (the world's companies' zone), so every date, instant and
// document number below is a literal. Every answer is checked against the published contract.

const JOB_KEY = vi.hoisted(() => {
  const key = 'api-recurring-job-key-0123456789abcdef';
  process.env.AILEGR_JOB_KEY = key;
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
  return key;
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));

const NOW = '2026-03-10T15:00:00Z';

describe.skipIf(!HAS_POSTGRES)('the /api/recurring endpoints over HTTP', () => {
  const api = useApiTestBed('rec', { env: { AILEGR_JOB_KEY: JOB_KEY }, clockAt: NOW });
  const { documented } = api;
  let w: World;
  beforeAll(() => {
    w = api.w;
  });

  const ruleCount = async (companyId = w.a.company.id) =>
    (await w.db.select({ n: count() }).from(recurringRules).where(eq(recurringRules.companyId, companyId)))[0]!.n;

  /** A valid create body in company A: an invoice to A's customer, monthly on the last day, from 2026-03-31. */
  const invoiceBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Retainer',
    type: 'invoice',
    cadence: 'monthly',
    startDate: '2026-03-31',
    payload: { partyId: w.a.customer.id, amount: '1250.00', categoryId: w.a.byCode('4100'), memo: 'Monthly retainer' },
    options: { endOfMonth: true, dueDays: 14 },
    ...overrides,
  });

  const create = async (body: unknown, key = w.a.key.accountant) => {
    const answer = await documented('POST', '/api/recurring', '/api/recurring', { key, body });
    expect(answer.status, answer.text).toBe(201);
    return answer.body as { id: number; version: number; [k: string]: unknown };
  };

  describe('POST /api/recurring', () => {
    it('creates a rule from the product body shape: 201, Location, ETag, and every field as stored', async () => {
      const answer = await documented('POST', '/api/recurring', '/api/recurring', { key: w.a.key.accountant, body: invoiceBody() });
      expect(answer.status).toBe(201);
      const id = answer.body.id as number;
      expect(answer.headers.get('location')).toBe(`/api/recurring/${id}`);
      expect(answer.headers.get('etag')).toBe('"v1"');
      const { createdAt, updatedAt, ...rest } = answer.body;
      expect(Date.parse(createdAt)).not.toBeNaN();
      expect(Date.parse(updatedAt)).not.toBeNaN();
      expect(rest).toEqual({
        id,
        name: 'Retainer',
        type: 'invoice',
        mode: 'post',
        status: 'active',
        statusReason: null,
        cadence: 'monthly',
        cadenceText: 'Monthly on the last day',
        startDate: '2026-03-31',
        endDate: null,
        payload: { partyId: w.a.customer.id, categoryId: w.a.byCode('4100'), amount: '1250.00', amountMinor: 125000, currency: 'USD', memo: 'Monthly retainer', dueDate: null },
        options: {
          intervalDays: null,
          weekday: null,
          intervalWeeks: null,
          intervalMonths: 1,
          dayOfMonth: null,
          endOfMonth: true,
          nthWeek: null,
          nthWeekday: null,
          dueDays: 14,
          maxOccurrences: null,
          pauseUntil: null,
          resumeOn: null,
          createDaysAhead: 0,
          catchUp: 'all',
        },
        nextOccurrence: '2026-03-31',
        nextRunAt: '2026-03-31T04:00:00.000Z',
        lastRunAt: null,
        lastOccurrence: null,
        occurrencesPosted: 0,
        consecutiveFailures: 0,
        lastError: null,
        version: 1,
        deletedAt: null,
      });
      const read = await documented('GET', '/api/recurring/{id}', `/api/recurring/${id}`, { key: w.a.key.viewer });
      expect(read.body).toEqual(answer.body);
    });

    it('names a rule given without one after its party and its cadence in words', async () => {
      const body: Record<string, unknown> = invoiceBody({ cadence: 'weekly', startDate: '2026-03-13', options: { weekday: 5, intervalWeeks: 2 } });
      delete body.name;
      const rule = await create(body);
      expect(rule.name).toBe('Company A rec Customer · Every 2 weeks on Friday');
      expect(rule.cadenceText).toBe('Every 2 weeks on Friday');
    });

    it('starts a rule paused until options.resumeOn, or skipping the dates through options.pauseUntil', async () => {
      const paused = await create(invoiceBody({ name: 'Paused at birth', options: { endOfMonth: true, resumeOn: '2026-05-01' } }));
      expect(paused).toMatchObject({ status: 'paused', options: expect.objectContaining({ resumeOn: '2026-05-01', pauseUntil: null }) });
      const skipping = await create(invoiceBody({ name: 'Skipping at birth', options: { endOfMonth: true, pauseUntil: '2026-04-30' } }));
      expect(skipping).toMatchObject({ status: 'active', options: expect.objectContaining({ pauseUntil: '2026-04-30', resumeOn: null }) });
      const next = await documented('GET', '/api/recurring/{id}/occurrences', `/api/recurring/${skipping.id}/occurrences?count=3`, { key: w.a.key.viewer });
      expect(next.body.data.map((o: { date: string; skipReason: string | null }) => [o.date, o.skipReason])).toEqual([
        ['2026-03-31', 'pause_until'],
        ['2026-04-30', 'pause_until'],
        ['2026-05-31', null],
      ]);
    });

    it('answers each bad field 400 under its body path, the service’s errors included, and creates nothing', async () => {
      const before = await ruleCount();
      const bad = async (body: unknown) => {
        const answer = await documented('POST', '/api/recurring', '/api/recurring', { key: w.a.key.accountant, body });
        expect(answer.status, answer.text).toBe(400);
        expect(answer.body).toMatchObject({ type: '/api/problems/validation', status: 400, code: 'validation' });
        return answer.body.fields as Record<string, string[]>;
      };
      // Types and ranges, from the shared field schemas.
      expect(
        await bad({
          ...invoiceBody(),
          cadence: 'hourly',
          payload: { partyId: '7', amount: 12.5, categoryId: w.a.byCode('4100') },
          options: { dueDays: -1, colour: 'red' },
          extra: true,
        }),
      ).toEqual({
        cadence: ['Choose daily, weekly, monthly or annual'],
        'payload.partyId': ['Give a whole number'],
        'payload.amount': ['Give the amount as a decimal string, like "1250.00"'],
        'options.dueDays': ['Due days must be between 0 and 3650'],
        'options.colour': ['Unknown field: remove it'],
        extra: ['Unknown field: remove it'],
      });
      expect(await bad({ type: 'invoice', cadence: 'daily', startDate: '2026-02-30' })).toEqual({
        startDate: ['Enter a real date as YYYY-MM-DD'],
        payload: ['Give the payload as an object: { partyId, amount, categoryId, memo?, dueDate? }'],
      });
      // The amount's decimal places depend on the company's currency, and are named with the shape's errors.
      expect(await bad({ type: 'invoice', cadence: 'daily', payload: { amount: '12.345' } })).toEqual({
        startDate: ['Enter a date'],
        'payload.partyId': ['Choose a record'],
        'payload.amount': ['Use at most 2 decimal places'],
        'payload.categoryId': ['Choose a record'],
      });
      // An option the cadence does not take.
      expect(await bad(invoiceBody({ cadence: 'daily', options: { weekday: 3, intervalDays: 2 } }))).toEqual({
        'options.weekday': ['weekday does not apply to a daily rule: remove it'],
      });
      // What the service checks across fields and in the database, under the body's paths.
      expect(await bad(invoiceBody({ endDate: '2026-03-01' }))).toEqual({ endDate: ['The end date cannot be before the start date'] });
      expect(await bad(invoiceBody({ payload: { partyId: w.a.customer.id, amount: '0.00', categoryId: w.a.byCode('4100') } }))).toEqual({
        'payload.amount': ['The amount must be greater than zero'],
      });
      expect(await bad(invoiceBody({ payload: { partyId: w.a.vendor.id, amount: '1.00', categoryId: w.a.byCode('4100') } }))).toEqual({
        'payload.partyId': ['Choose a customer, not a vendor'],
      });
      expect(await bad(invoiceBody({ payload: { partyId: w.a.customer.id, amount: '1.00', categoryId: w.a.byCode('5000') } }))).toEqual({
        'payload.categoryId': ['Choose a revenue category'],
      });
      expect(await bad(invoiceBody({ payload: { partyId: w.b.customer.id, amount: '1.00', categoryId: w.b.byCode('4100') } }))).toEqual({
        'payload.partyId': ['Choose a customer of this company'],
      });
      expect(await ruleCount()).toBe(before);
    });

    it('makes one rule of 20 concurrent identical POSTs with one Idempotency-Key, each answer its id or a 409; the key with another body is 422', async () => {
      const second = await startApiServer(api.env);
      try {
        const before = await ruleCount();
        const body = invoiceBody({ name: 'Herded rule' });
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            call(i % 2 === 0 ? api.server.url : second.url, 'POST', '/api/recurring', { key: w.a.key.accountant, body, headers: { 'idempotency-key': 'rule-herd-1' } }),
          ),
        );
        for (const answer of answers) api.contract.expectDocumented('POST', '/api/recurring', answer);
        expect(await ruleCount()).toBe(before + 1);
        const [rule] = await w.db.select().from(recurringRules).where(and(eq(recurringRules.companyId, w.a.company.id), eq(recurringRules.name, 'Herded rule')));
        const statuses = answers.map((a) => a.status);
        expect(statuses.every((s) => s === 201 || s === 409), statuses.join(',')).toBe(true);
        for (const answer of answers.filter((a) => a.status === 201)) expect(answer.body.id).toBe(rule!.id);
        expect(answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === null)).toHaveLength(1);

        const other = await documented('POST', '/api/recurring', '/api/recurring', {
          key: w.a.key.accountant,
          body: invoiceBody({ name: 'Another rule' }),
          headers: { 'idempotency-key': 'rule-herd-1' },
        });
        expect(other.status).toBe(422);
        expect(other.body).toMatchObject({ code: 'idempotency_key_reused' });
        expect(await ruleCount()).toBe(before + 1);
      } finally {
        await second.stop();
      }
    });
  });

  describe('GET /api/recurring', () => {
    let ids: Record<string, number>;
    beforeAll(async () => {
      // Company B's rules are this list's own: the POSTs above made A's; the test world's own rule of B goes.
      await w.db.delete(recurringRules).where(eq(recurringRules.id, w.b.rule.id));
      const key = w.b.key.accountant;
      const expense = (name: string, extra: Record<string, unknown> = {}) => ({
        name,
        type: 'expense',
        cadence: 'monthly',
        startDate: '2026-04-01',
        payload: { partyId: w.b.vendor.id, amount: '80.00', categoryId: w.b.byCode('5000') },
        ...extra,
      });
      ids = {};
      for (const [name, body] of [
        ['Rent', expense('Rent')],
        ['Hosting', expense('Hosting', { cadence: 'daily' })],
        ['Consulting', { ...expense('Consulting'), type: 'invoice', payload: { partyId: w.b.customer.id, amount: '900.00', categoryId: w.b.byCode('4100') } }],
        ['Paused rent', expense('Paused rent', { options: { resumeOn: '2026-06-01' } })],
        ['Gone', expense('Gone')],
      ] as const) {
        ids[name] = (await create(body, key)).id;
      }
      expect((await documented('DELETE', '/api/recurring/{id}', `/api/recurring/${ids.Gone}`, { key })).status).toBe(204);
      // Known, distinct instants of last change, before the database's (fixed) clock: a later change moves a rule
      // to the end. (Inserts take the real clock as their default, updates the fixed one.)
      for (const [i, name] of ['Rent', 'Hosting', 'Consulting', 'Paused rent', 'Gone'].entries()) {
        await w.db.execute(sql`update recurring_rules set updated_at = ${`2026-03-0${i + 1}T12:00:00Z`}::timestamptz where id = ${ids[name]!}`);
      }
    });

    const names = (answer: Answer) => answer.body.data.map((r: { name: string }) => r.name);
    const list = (query: string) => documented('GET', '/api/recurring', `/api/recurring${query}`, { key: w.b.key.viewer });

    it('lists every status but deleted by default, in last-change order; filters by status (repeatable), type, partyId and q', async () => {
      expect(names(await list(''))).toEqual(['Rent', 'Hosting', 'Consulting', 'Paused rent']);
      expect(names(await list('?status=paused'))).toEqual(['Paused rent']);
      expect(names(await list('?status=deleted&status=paused'))).toEqual(['Paused rent', 'Gone']);
      expect(names(await list('?type=invoice'))).toEqual(['Consulting']);
      expect(names(await list(`?partyId=${w.b.customer.id}`))).toEqual(['Consulting']);
      expect(names(await list('?q=RENT'))).toEqual(['Rent', 'Paused rent']);
      expect(names(await list('?q=Customer'))).toEqual(['Consulting']);
      const bad = await list('?status=sleeping&type=x&partyId=abc');
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toEqual({
        'status.0': [expect.stringContaining('status is one of')],
        type: ['type must be invoice or expense'],
        partyId: ['Choose a record'],
      });
    });

    it('walks every rule once by cursor, and a change moves a rule to the end, found again with updatedSince', async () => {
      const first = await list('?limit=3');
      expect(names(first)).toEqual(['Rent', 'Hosting', 'Consulting']);
      expect(first.headers.get('link')).toBe(`</api/recurring?limit=3&cursor=${first.body.nextCursor}>; rel="next"`);
      const second = await list(`?limit=3&cursor=${first.body.nextCursor}`);
      expect(names(second)).toEqual(['Paused rent']);
      expect(second.body.nextCursor).toBeNull();

      const changed = await documented('PUT', '/api/recurring/{id}', `/api/recurring/${ids.Rent}`, { key: w.b.key.accountant, body: { payload: { amount: '85.00' } } });
      expect(changed.status).toBe(200);
      expect(names(await list(''))).toEqual(['Hosting', 'Consulting', 'Paused rent', 'Rent']);
      const since = await list(`?updatedSince=${encodeURIComponent(changed.body.updatedAt)}`);
      expect(names(since)).toEqual(['Rent']);
      expect(since.body.data[0]).toMatchObject({ version: 2, payload: { amount: '85.00', amountMinor: 8500, currency: 'USD' } });
    });
  });

  describe('one rule', () => {
    it('GET answers with ETag "v{version}" and 304 to it; another company’s, a deleted or a missing rule is 404', async () => {
      const rule = await create(invoiceBody({ name: 'Tagged rule' }));
      const read = await documented('GET', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.viewer });
      expect(read.headers.get('etag')).toBe('"v1"');
      const same = await documented('GET', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.viewer, headers: { 'if-none-match': '"v1"' } });
      expect(same.status).toBe(304);
      const theirs = await documented('GET', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.b.key.viewer });
      expect(theirs.body).toEqual({ type: '/api/problems/not-found', title: 'Not found', status: 404, detail: 'Rule not found', code: 'not_found' });
      expect((await documented('GET', '/api/recurring/{id}', '/api/recurring/999999999', { key: w.a.key.viewer })).status).toBe(404);
      expect((await documented('GET', '/api/recurring/{id}', '/api/recurring/abc', { key: w.a.key.viewer })).body.fields).toEqual({ id: ['Choose a record'] });
    });

    it('PUT changes only what the body names; null clears an optional field', async () => {
      const rule = await create(invoiceBody({ name: 'Patched rule', endDate: '2026-12-31', options: { endOfMonth: true, dueDays: 14, maxOccurrences: 6 } }));
      const answer = await documented('PUT', '/api/recurring/{id}', `/api/recurring/${rule.id}`, {
        key: w.a.key.accountant,
        body: { payload: { amount: '90.50' }, endDate: null, options: { maxOccurrences: null } },
      });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.headers.get('etag')).toBe('"v2"');
      expect(answer.body).toMatchObject({
        name: 'Patched rule',
        cadence: 'monthly',
        startDate: '2026-03-31',
        endDate: null,
        version: 2,
        payload: { partyId: w.a.customer.id, amount: '90.50', amountMinor: 9050, memo: 'Monthly retainer' },
        options: expect.objectContaining({ endOfMonth: true, dueDays: 14, maxOccurrences: null }),
      });
      // A new cadence starts from none of the old one's options.
      const weekly = await documented('PUT', '/api/recurring/{id}', `/api/recurring/${rule.id}`, {
        key: w.a.key.accountant,
        body: { cadence: 'weekly', options: { weekday: 1 } },
      });
      expect(weekly.body).toMatchObject({ cadence: 'weekly', cadenceText: 'Weekly on Monday', options: expect.objectContaining({ weekday: 1, endOfMonth: null }), version: 3 });
      const foreign = await documented('PUT', '/api/recurring/{id}', `/api/recurring/${rule.id}`, {
        key: w.a.key.accountant,
        body: { options: { dayOfMonth: 3 } },
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.fields).toEqual({ 'options.dayOfMonth': ['dayOfMonth does not apply to a weekly rule: remove it'] });
      const amount = await documented('PUT', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.accountant, body: { payload: { amount: '-5.00' } } });
      expect(Object.keys(amount.body.fields)).toEqual(['payload.amount']);
      expect((await documented('GET', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.viewer })).body.version).toBe(3);
      // nextRunAt moves when the rule wakes up; its occurrences keep their dates.
      const moved = await documented('PUT', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.accountant, body: { nextRunAt: '2026-03-20T12:00:00+01:00' } });
      expect(moved.body).toMatchObject({ nextRunAt: '2026-03-20T11:00:00.000Z', nextOccurrence: weekly.body.nextOccurrence, version: 4 });
      const badInstant = await documented('PUT', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.accountant, body: { nextRunAt: '2026-03-20' } });
      expect(badInstant.body.fields).toEqual({ nextRunAt: ['Give an ISO 8601 instant with an offset, like 2026-12-01T05:00:00Z'] });
    });

    it('PUT: a stale version in the body is 409, a stale If-Match 412, and nothing changes', async () => {
      const rule = await create(invoiceBody({ name: 'Contended rule' }));
      const put = (options: Parameters<typeof call>[3]) => documented('PUT', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.accountant, ...options });
      expect((await put({ body: { name: 'Renamed', version: 1 } })).status).toBe(200);
      const stale = await put({ body: { name: 'Again', version: 1 } });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'conflict', status: 409 });
      const staleTag = await put({ body: { name: 'Again' }, headers: { 'if-match': '"v1"' } });
      expect(staleTag.status).toBe(412);
      const current = await documented('GET', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.viewer });
      expect(current.body).toMatchObject({ name: 'Renamed', version: 2 });
      expect((await put({ body: { name: 'Again' }, headers: { 'if-match': '"v2"' } })).body).toMatchObject({ name: 'Again', version: 3 });
    });

    it('two PUTs with the same If-Match: exactly one succeeds, the other is 412', async () => {
      const rule = await create(invoiceBody({ name: 'Raced rule' }));
      const answers = await Promise.all(
        ['First', 'Second'].map((name) =>
          documented('PUT', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.accountant, body: { name }, headers: { 'if-match': '"v1"' } }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const winner = answers.find((a) => a.status === 200)!;
      const current = await documented('GET', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.viewer });
      expect(current.body).toMatchObject({ name: winner.body.name, version: 2 });
    });

    it('DELETE is soft: 204, then 404 and out of the list, listed under status=deleted, its history still readable; a stale If-Match is 412', async () => {
      const rule = await create(invoiceBody({ name: 'Doomed rule' }));
      const stale = await documented('DELETE', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.accountant, headers: { 'if-match': '"v9"' } });
      expect(stale.status).toBe(412);
      const gone = await documented('DELETE', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.accountant, headers: { 'if-match': '"v1"' } });
      expect(gone.status).toBe(204);
      expect(gone.text).toBe('');
      expect((await documented('GET', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.viewer })).status).toBe(404);
      expect((await documented('DELETE', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.accountant })).status).toBe(404);
      const listed = await documented('GET', '/api/recurring', '/api/recurring?status=deleted&q=Doomed', { key: w.a.key.viewer });
      expect(listed.body.data).toEqual([expect.objectContaining({ id: rule.id, status: 'deleted', deletedAt: expect.any(String) })]);
      expect((await documented('GET', '/api/recurring', '/api/recurring?q=Doomed', { key: w.a.key.viewer })).body.data).toEqual([]);
      const history = await documented('GET', '/api/recurring/{id}/history', `/api/recurring/${rule.id}/history`, { key: w.a.key.viewer });
      expect(history.status).toBe(200);
    });

    it('a viewer is refused every write (403), by key and by session, and nothing changes', async () => {
      const rule = await create(invoiceBody({ name: 'Guarded rule' }));
      const before = await ruleCount();
      const writes: [string, string, string, unknown][] = [
        ['POST', '/api/recurring', '/api/recurring', invoiceBody()],
        ['PUT', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { name: 'Viewer was here' }],
        ['DELETE', '/api/recurring/{id}', `/api/recurring/${rule.id}`, undefined],
        ['POST', '/api/recurring/{id}/pause', `/api/recurring/${rule.id}/pause`, {}],
        ['POST', '/api/recurring/{id}/resume', `/api/recurring/${rule.id}/resume`, undefined],
        ['POST', '/api/recurring/{id}/skip-next', `/api/recurring/${rule.id}/skip-next`, undefined],
        ['POST', '/api/recurring/{id}/force', `/api/recurring/${rule.id}/force`, undefined],
        ['POST', '/api/recurring/run', '/api/recurring/run', { dryRun: true }],
      ];
      for (const [method, template, p, body] of writes) {
        for (const auth of [{ key: w.a.key.viewer }, { cookie: w.a.cookie.viewer }]) {
          const answer = await documented(method, template, p, { ...auth, body });
          expect(answer.status, `${method} ${p}`).toBe(403);
        }
      }
      expect(await ruleCount()).toBe(before);
      expect((await documented('GET', '/api/recurring/{id}', `/api/recurring/${rule.id}`, { key: w.a.key.viewer })).body).toMatchObject({ name: 'Guarded rule', version: 1, status: 'active' });
    });
  });

  describe('lifecycle', () => {
    it('pause, resume, skip-next and force each answer the rule and what was posted or skipped', async () => {
      // Due on the 10th of each month from January: today (March 10) and the two before are due.
      const rule = await create(invoiceBody({ name: 'Lifecycle rule', startDate: '2026-01-10', options: { dayOfMonth: 10, dueDays: 30 } }));
      const act = (action: string, body?: unknown) =>
        documented('POST', `/api/recurring/{id}/${action}`, `/api/recurring/${rule.id}/${action}`, { key: w.a.key.accountant, body });

      const paused = await act('pause', { resumeOn: '2026-03-20' });
      expect(paused.status, paused.text).toBe(200);
      expect(paused.body).toMatchObject({ rule: { status: 'paused', options: expect.objectContaining({ resumeOn: '2026-03-20' }), version: 2 }, posted: [], skipped: [], duplicates: [] });
      expect((await act('pause', { resumeOn: '2026-02-31' })).body.fields).toEqual({ resumeOn: ['Enter a real date as YYYY-MM-DD'] });

      // Resuming today: the dates before today are skipped as paused; today's is left for the sweep.
      const resumed = await act('resume');
      expect(resumed.status, resumed.text).toBe(200);
      expect(resumed.body.skipped).toEqual([
        { occurrenceDate: '2026-01-10', reason: 'paused' },
        { occurrenceDate: '2026-02-10', reason: 'paused' },
      ]);
      expect(resumed.body.posted).toEqual([]);
      expect(resumed.body.rule).toMatchObject({ status: 'active', nextOccurrence: '2026-03-10', occurrencesPosted: 0, version: 3 });

      const skipped = await act('skip-next');
      expect(skipped.body).toMatchObject({ posted: [], skipped: [{ occurrenceDate: '2026-03-10', reason: 'skipped_by_user' }], rule: { nextOccurrence: '2026-04-10' } });

      const forced = await act('force');
      expect(forced.body.posted).toEqual([
        {
          occurrenceDate: '2026-04-10',
          dueDate: '2026-05-10',
          documentId: expect.any(Number),
          number: expect.stringMatching(/^INV-/),
          reference: `REC-${rule.id}-2026-04-10`,
          amount: '1250.00',
          amountMinor: 125000,
          currency: 'USD',
        },
      ]);
      expect(forced.body.rule).toMatchObject({ nextOccurrence: '2026-05-10', occurrencesPosted: 1 });
      const [doc] = await w.db.select().from(journalEntries).where(eq(journalEntries.id, forced.body.posted[0].documentId));
      expect(doc).toMatchObject({ number: forced.body.posted[0].number, entryDate: '2026-04-10', dueDate: '2026-05-10', amountMinor: 125000, ruleId: rule.id });

      // Another company's rule is 404, a resume of an active rule 409.
      expect((await documented('POST', '/api/recurring/{id}/force', `/api/recurring/${rule.id}/force`, { key: w.b.key.accountant })).status).toBe(404);
      expect((await act('resume')).status).toBe(409);

      // The history lists every outcome, oldest first, a page at a time.
      const seen: unknown[] = [];
      let next: string | null = `/api/recurring/${rule.id}/history?limit=2`;
      while (next) {
        const page = await documented('GET', '/api/recurring/{id}/history', next, { key: w.a.key.viewer });
        seen.push(...page.body.data.map((e: { outcome: string; occurrenceDate: string; reason: string | null; document: { reference: string } | null }) => [e.outcome, e.occurrenceDate, e.reason ?? e.document?.reference]));
        next = page.body.nextCursor ? `/api/recurring/${rule.id}/history?limit=2&cursor=${page.body.nextCursor}` : null;
      }
      expect(seen).toEqual([
        ['skipped', '2026-01-10', 'paused'],
        ['skipped', '2026-02-10', 'paused'],
        ['skipped', '2026-03-10', 'skipped_by_user'],
        ['posted', '2026-04-10', `REC-${rule.id}-2026-04-10`],
      ]);
    });
  });

  describe('occurrences and preview', () => {
    it('lists the next occurrences with due dates, run instants, references and clamp notes; count outside 1–100 is 400', async () => {
      const rule = await create(invoiceBody({ name: 'Clamped rule', startDate: '2027-01-31', options: { dayOfMonth: 31, dueDays: 10 } }));
      const answer = await documented('GET', '/api/recurring/{id}/occurrences', `/api/recurring/${rule.id}/occurrences?count=3`, { key: w.a.key.viewer });
      expect(answer.body.data).toEqual([
        { date: '2027-01-31', dueDate: '2027-02-10', runAt: '2027-01-31T05:00:00.000Z', reference: `REC-${rule.id}-2027-01-31`, amount: '1250.00', amountMinor: 125000, currency: 'USD', skipReason: null, note: null, notes: [] },
        { date: '2027-02-28', dueDate: '2027-03-10', runAt: '2027-02-28T05:00:00.000Z', reference: `REC-${rule.id}-2027-02-28`, amount: '1250.00', amountMinor: 125000, currency: 'USD', skipReason: null, note: '31st → Feb 28', notes: ['31st → Feb 28'] },
        { date: '2027-03-31', dueDate: '2027-04-10', runAt: '2027-03-31T04:00:00.000Z', reference: `REC-${rule.id}-2027-03-31`, amount: '1250.00', amountMinor: 125000, currency: 'USD', skipReason: null, note: null, notes: [] },
      ]);
      expect((await documented('GET', '/api/recurring/{id}/occurrences', `/api/recurring/${rule.id}/occurrences`, { key: w.a.key.viewer })).body.data).toHaveLength(5);
      expect((await documented('GET', '/api/recurring/{id}/occurrences', `/api/recurring/${rule.id}/occurrences?count=100`, { key: w.a.key.viewer })).body.data).toHaveLength(100);
      for (const count of ['0', '101', 'x', '2.5']) {
        const bad = await documented('GET', '/api/recurring/{id}/occurrences', `/api/recurring/${rule.id}/occurrences?count=${count}`, { key: w.a.key.viewer });
        expect(bad.status, count).toBe(400);
        expect(bad.body.fields).toEqual({ count: ['Give a whole number from 1 to 100'] });
      }
      expect((await documented('GET', '/api/recurring/{id}/occurrences', `/api/recurring/${rule.id}/occurrences`, { key: w.b.key.viewer })).status).toBe(404);
      // An ended rule has none left.
      const ended = await create(invoiceBody({ name: 'Short rule', startDate: '2027-01-31', endDate: '2027-02-28', options: { endOfMonth: true } }));
      const few = await documented('GET', '/api/recurring/{id}/occurrences', `/api/recurring/${ended.id}/occurrences?count=5`, { key: w.a.key.viewer });
      expect(few.body.data.map((o: { date: string }) => o.date)).toEqual(['2027-01-31', '2027-02-28']);
    });

    it('previews an unsaved body with each occurrence’s journal lines, and writes nothing', async () => {
      const before = await ruleCount();
      const answer = await documented('POST', '/api/recurring/preview', '/api/recurring/preview?count=2', {
        key: w.a.key.viewer,
        body: invoiceBody({ startDate: '2027-01-31', options: { dayOfMonth: 31, dueDays: 10 } }),
      });
      expect(answer.status, answer.text).toBe(200);
      const line = (side: string, code: string) => expect.objectContaining({ side, accountCode: code, amount: '1250.00', amountMinor: 125000, currency: 'USD' });
      expect(answer.body.data).toEqual([
        expect.objectContaining({ date: '2027-01-31', dueDate: '2027-02-10', reference: null, amount: '1250.00', note: null, lines: [line('Dr', '1100'), line('Cr', '4100')] }),
        expect.objectContaining({ date: '2027-02-28', dueDate: '2027-03-10', reference: null, note: '31st → Feb 28', lines: [line('Dr', '1100'), line('Cr', '4100')] }),
      ]);
      expect(answer.body.data[0].document).toEqual({ kind: 'invoice', partyId: w.a.customer.id, partyName: 'Company A rec Customer', categoryId: w.a.byCode('4100'), memo: 'Monthly retainer' });
      const bad = await documented('POST', '/api/recurring/preview', '/api/recurring/preview', { key: w.a.key.viewer, body: invoiceBody({ cadence: 'daily' }) });
      expect(bad.body.fields).toEqual({ 'options.endOfMonth': ['endOfMonth does not apply to a daily rule: remove it'] });
      expect(await ruleCount()).toBe(before);
    });
  });

  describe('POST /api/recurring/run', () => {
    let r: World;
    beforeAll(async () => {
      r = await buildWorld(api.h, 'run');
    });
    /** A daily expense rule that ran its whole course in January 2024: exactly three occurrences are due. */
    const pastRule = (t: World['a'], name: string) =>
      call(api.server.url, 'POST', '/api/recurring', {
        key: t.key.accountant,
        body: { name, type: 'expense', cadence: 'daily', startDate: '2024-01-01', endDate: '2024-01-03', payload: { partyId: t.vendor.id, amount: '19.99', categoryId: t.byCode('5000') } },
      }).then((a) => a.body as { id: number });
    const postedDates = async (ruleId: number) =>
      (await w.db.select({ d: journalEntries.occurrenceDate }).from(journalEntries).where(eq(journalEntries.ruleId, ruleId)).orderBy(journalEntries.occurrenceDate)).map((x) => x.d);

    it('an accountant runs their own company’s due rules only; dryRun lists exactly what would post and writes nothing', async () => {
      const mine = await pastRule(r.a, 'Mine');
      const theirs = await pastRule(r.b, 'Theirs');
      const dry = await documented('POST', '/api/recurring/run', '/api/recurring/run', { key: r.a.key.accountant, body: { dryRun: true } });
      expect(dry.status, dry.text).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, companies: 1, rules: 1, posted: 3, failures: 0, errors: [] });
      const posting = (date: string) => ({ occurrenceDate: date, dueDate: date, documentId: null, reference: `REC-${mine.id}-${date}`, amount: '19.99', amountMinor: 1999, currency: 'USD' });
      expect(dry.body.outcomes).toEqual([
        expect.objectContaining({ ruleId: mine.id, companyId: r.a.company.id, posted: ['2024-01-01', '2024-01-02', '2024-01-03'].map(posting), skipped: [], status: 'ended' }),
      ]);
      expect(await postedDates(mine.id)).toEqual([]);

      const run = await documented('POST', '/api/recurring/run', '/api/recurring/run', { cookie: r.a.cookie.accountant, body: {} });
      expect(run.status, run.text).toBe(200);
      expect(run.body).toMatchObject({ dryRun: false, companies: 1, rules: 1, posted: 3 });
      expect(run.body.outcomes[0].posted.map((p: { documentId: number | null }) => typeof p.documentId)).toEqual(['number', 'number', 'number']);
      expect(await postedDates(mine.id)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
      expect(await postedDates(theirs.id)).toEqual([]);
      const again = await documented('GET', '/api/recurring/{id}', `/api/recurring/${mine.id}`, { key: r.a.key.viewer });
      expect(again.body).toMatchObject({ status: 'ended', occurrencesPosted: 3, lastOccurrence: '2024-01-03', nextOccurrence: null });
    });

    it('runs one rule by ruleId; another company’s rule is 404 and a viewer 403; the job key runs every company', async () => {
      const one = await pastRule(r.a, 'One');
      const other = await pastRule(r.a, 'Other');
      const theirs = await pastRule(r.b, 'Theirs too');
      const single = await documented('POST', '/api/recurring/run', '/api/recurring/run', { key: r.a.key.accountant, body: { ruleId: one.id } });
      expect(single.body).toMatchObject({ rules: 1, posted: 3, outcomes: [expect.objectContaining({ ruleId: one.id })] });
      expect(await postedDates(other.id)).toEqual([]);
      const stranger = await documented('POST', '/api/recurring/run', '/api/recurring/run', { key: r.a.key.accountant, body: { ruleId: theirs.id } });
      expect(stranger.body).toMatchObject({ status: 404, detail: 'Rule not found' });
      expect((await documented('POST', '/api/recurring/run', '/api/recurring/run', { key: r.a.key.viewer, body: {} })).status).toBe(403);
      expect((await documented('POST', '/api/recurring/run', '/api/recurring/run', { key: r.a.key.accountant, body: { ruleId: 'x' } })).body.fields).toEqual({ ruleId: ['Choose a record'] });

      const all = await documented('POST', '/api/recurring/run', '/api/recurring/run', { key: JOB_KEY, body: {} });
      expect(all.status, all.text).toBe(200);
      expect(all.body.outcomes).toBeUndefined();
      expect(await postedDates(other.id)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
      expect(await postedDates(theirs.id)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    });

    it('a run in which a rule fails answers 207 with the failure listed, and the history records it', async () => {
      const stuck = await pastRule(r.b, 'Stuck');
      await w.db.execute(sql`update accounts set archived_at = now() where id = ${r.b.byCode('5000')}`);
      const message = 'Its category was archived: choose another category';
      const run = await documented('POST', '/api/recurring/run', '/api/recurring/run', { key: r.b.key.accountant, body: {} });
      expect(run.status, run.text).toBe(207);
      expect(run.body).toMatchObject({ rules: 1, posted: 0, failures: 1, errors: [{ ruleId: stuck.id, companyId: r.b.company.id, message, pausedRule: false }], outcomes: [] });
      const rule = await documented('GET', '/api/recurring/{id}', `/api/recurring/${stuck.id}`, { key: r.b.key.viewer });
      expect(rule.body).toMatchObject({ status: 'active', consecutiveFailures: 1, lastError: message, nextOccurrence: '2024-01-01' });
      const history = await documented('GET', '/api/recurring/{id}/history', `/api/recurring/${stuck.id}/history`, { key: r.b.key.viewer });
      expect(history.body.data).toEqual([{ outcome: 'failed', occurrenceDate: null, reason: null, message, document: null, recordedAt: expect.any(String) }]);
      expect(await postedDates(stuck.id)).toEqual([]);
    });
  });

  it('checked every answer above against the contract', () => {
    expect(api.contract.checked).toBeGreaterThan(100);
  });
});
