import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { journalEntries } from '@/db/schema/ledger';
import { recurringReminders } from '@/db/schema/recurring';
import { useApiTestBed, type call, type Answer } from './support/api-client';
import { HAS_POSTGRES } from './support/test-db';

// The reminder endpoints over real HTTP (tests/support/api-server.ts on PostgreSQL), with the database clock at
// 2026-03-10 10:00 in New York, the world's companies' zone: every date and amount below is a literal.

vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));

describe.skipIf(!HAS_POSTGRES)('the /api/recurring/reminders endpoints over HTTP', () => {
  const bed = useApiTestBed('rem', { clockAt: '2026-03-10T15:00:00Z' });
  const documented = (method: string, template: string, pathAndQuery: string, options: Parameters<typeof call>[3] = {}): Promise<Answer> =>
    bed.documented(method, template, pathAndQuery, options);

  it('a remind rule made through the API leaves reminders that list, post (once, idempotently) and skip', async () => {
    const created = await documented('POST', '/api/recurring', '/api/recurring', {
      key: bed.w.a.key.accountant,
      body: {
        name: 'Cleaning',
        type: 'expense',
        mode: 'remind',
        cadence: 'weekly',
        startDate: '2026-02-16',
        payload: { partyId: bed.w.a.vendor.id, amount: '80.00', categoryId: bed.w.a.byCode('5000') },
        options: { weekday: 1, dueDays: 7 },
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ mode: 'remind', nextOccurrence: '2026-02-16' });
    const ruleId = created.body.id as number;
    const run = await documented('POST', '/api/recurring/run', '/api/recurring/run', { key: bed.w.a.key.accountant, body: {} });
    expect(run.body).toMatchObject({ posted: 0, reminded: 4 }); // Feb 16, 23, Mar 2, 9

    const first = await documented('GET', '/api/recurring/reminders', '/api/recurring/reminders?limit=3', { key: bed.w.a.key.viewer });
    expect(first.status).toBe(200);
    const rows = first.body.data as { id: number; occurrenceDate: string; dueDate: string; amount: string; amountMinor: number; partyName: string; waitingDays: number; ruleName: string }[];
    expect(rows.map((r) => [r.occurrenceDate, r.dueDate, r.amount, r.amountMinor, r.partyName, r.waitingDays, r.ruleName])).toEqual([
      ['2026-02-16', '2026-02-23', '80.00', 8000, bed.w.a.vendor.name, 22, 'Cleaning'],
      ['2026-02-23', '2026-03-02', '80.00', 8000, bed.w.a.vendor.name, 15, 'Cleaning'],
      ['2026-03-02', '2026-03-09', '80.00', 8000, bed.w.a.vendor.name, 8, 'Cleaning'],
    ]);
    const second = await documented('GET', '/api/recurring/reminders', `/api/recurring/reminders?limit=3&cursor=${first.body.nextCursor}`, { key: bed.w.a.key.viewer });
    expect(second.body.data.map((r: { occurrenceDate: string }) => r.occurrenceDate)).toEqual(['2026-03-09']);
    expect(second.body.nextCursor).toBeNull();
    // Company B sees none of them.
    expect((await documented('GET', '/api/recurring/reminders', '/api/recurring/reminders', { key: bed.w.b.key.viewer })).body.data).toEqual([]);

    const [feb16, feb23, mar2] = rows.map((r) => r.id) as [number, number, number];
    const postPath = `/api/recurring/reminders/${feb23}/post`;
    const post = () => documented('POST', '/api/recurring/reminders/{id}/post', postPath, { key: bed.w.a.key.accountant, body: { amount: '95.25', date: '2026-02-25' }, headers: { 'idempotency-key': 'remind-post-1' } });
    const posted = await post();
    expect(posted.status, posted.text).toBe(200);
    expect(posted.body).toMatchObject({ id: feb23, ruleId, occurrenceDate: '2026-02-23', status: 'posted', reference: `REC-${ruleId}-2026-02-23`, reason: null });
    // The same key replays the first answer; without it, a second post is a 409.
    const replayed = await post();
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual(posted.body);
    const again = await documented('POST', '/api/recurring/reminders/{id}/post', postPath, { key: bed.w.a.key.accountant, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('This reminder was already posted.');
    const docs = await bed.w.db
      .select({ reference: journalEntries.reference, entryDate: journalEntries.entryDate, dueDate: journalEntries.dueDate, amountMinor: journalEntries.amountMinor })
      .from(journalEntries)
      .where(and(eq(journalEntries.companyId, bed.w.a.company.id), eq(journalEntries.ruleId, ruleId)));
    expect(docs).toEqual([{ reference: `REC-${ruleId}-2026-02-23`, entryDate: '2026-02-25', dueDate: '2026-03-04', amountMinor: 9525 }]);

    // A field sent empty is refused (a 400 at the field), not read as "as scheduled": nothing is posted.
    const emptyAmount = await documented('POST', '/api/recurring/reminders/{id}/post', `/api/recurring/reminders/${feb16}/post`, { key: bed.w.a.key.accountant, body: { amount: '' } });
    expect(emptyAmount.status).toBe(400);
    expect(emptyAmount.body.fields).toEqual({ amount: ['Enter an amount'] });
    const emptyDate = await documented('POST', '/api/recurring/reminders/{id}/post', `/api/recurring/reminders/${feb16}/post`, { key: bed.w.a.key.accountant, body: { date: '' } });
    expect(emptyDate.status).toBe(400);
    expect(Object.keys(emptyDate.body.fields)).toEqual(['date']);

    const asScheduled = await documented('POST', '/api/recurring/reminders/{id}/post', `/api/recurring/reminders/${feb16}/post`, { key: bed.w.a.key.accountant, body: {} });
    expect(asScheduled.body).toMatchObject({ status: 'posted', reference: `REC-${ruleId}-2026-02-16` });

    const bad = await documented('POST', '/api/recurring/reminders/{id}/skip', `/api/recurring/reminders/${mar2}/skip`, { key: bed.w.a.key.accountant, body: { reason: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ reason: ['Enter a reason'] });
    const viewer = await documented('POST', '/api/recurring/reminders/{id}/skip', `/api/recurring/reminders/${mar2}/skip`, { key: bed.w.a.key.viewer, body: { reason: 'No' } });
    expect(viewer.status).toBe(403);
    const stranger = await documented('POST', '/api/recurring/reminders/{id}/skip', `/api/recurring/reminders/${mar2}/skip`, { key: bed.w.b.key.accountant, body: { reason: 'No' } });
    expect(stranger.status).toBe(404);
    const skipped = await documented('POST', '/api/recurring/reminders/{id}/skip', `/api/recurring/reminders/${mar2}/skip`, { key: bed.w.a.key.accountant, body: { reason: 'Office closed' } });
    expect(skipped.body).toMatchObject({ id: mar2, status: 'skipped', documentId: null, reference: null, reason: 'Office closed' });

    const states = await bed.w.db
      .select({ date: recurringReminders.occurrenceDate, status: recurringReminders.status })
      .from(recurringReminders)
      .where(eq(recurringReminders.ruleId, ruleId))
      .orderBy(asc(recurringReminders.occurrenceDate));
    expect(states.map((s) => `${s.date}:${s.status}`)).toEqual(['2026-02-16:posted', '2026-02-23:posted', '2026-03-02:skipped', '2026-03-09:pending']);
  });
});
