import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres, type DatabaseHandle } from '@/db/client';
import { journalEntries } from '@/db/schema/ledger';
import { recurringReminders } from '@/db/schema/recurring';
import { AppError } from '@/lib/errors';
import { listPendingReminders, postReminder, postReminders, skipReminder, skipReminders } from '@/lib/recurring/reminders';
import { createRule, getRuleOrThrow, ruleHistory } from '@/lib/recurring/rules';
import { runDueRules } from '@/lib/recurring/sweep';
import { setDatabaseClock } from './support/db-clock';
import { ledgerRowCounts, rejection, seedCompany } from './support/fixtures';
import { postedBy, ruleFor, skippedOf } from './support/recurring-fixtures';
import { BACKENDS, HAS_POSTGRES, openTestDatabase, type TestDatabase } from './support/test-db';

const sweep = (h: TestDatabase, companyId: string) => runDueRules(h.db, { trigger: 'manual', companyId, keepOutcomes: true });

/** The pending list as the screen shows it: date, party, amount, waited days (and the id, to act on). */
async function pending(h: TestDatabase, companyId: string) {
  const page = await listPendingReminders(h.db, companyId, { limit: 50 });
  return page.items.map((r) => ({ id: r.id, date: r.occurrenceDate, due: r.dueDate, party: r.partyName, amountMinor: r.amountMinor, waitingDays: r.waitingDays }));
}

/** Every reminder row of a rule, by date: date, status, document, reason. */
async function remindersOf(h: TestDatabase, ruleId: number) {
  const rows = await h.db.select().from(recurringReminders).where(eq(recurringReminders.ruleId, ruleId)).orderBy(asc(recurringReminders.occurrenceDate));
  return rows.map((r) => `${r.occurrenceDate}:${r.status}${r.reason ? `:${r.reason}` : ''}`);
}

describe.each(BACKENDS)('reminder-only rules on %s', (backend) => {
  let h: TestDatabase;
  let seeded: Awaited<ReturnType<typeof seedCompany>>;
  let n = 0;
  beforeAll(async () => {
    h = await openTestDatabase(backend, { clock: true });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    seeded = await seedCompany(h.db, `Reminders ${backend} ${n++}`, 'America/New_York');
  });

  it('a remind rule’s due occurrences are listed, not posted; one posts as scheduled, one with another amount and date, one is skipped', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { type: 'invoice', mode: 'remind', cadence: 'monthly', dayOfMonth: 15, startDate: '2026-01-15', dueDays: 10, amount: '250.00' }));
    expect(rule.mode).toBe('remind');
    await setDatabaseClock(h.db, '2026-03-20T12:00:00Z'); // 08:00 in New York: today is 2026-03-20
    const before = await ledgerRowCounts(h.db);
    const run = await sweep(h, seeded.company.id);
    expect(run).toMatchObject({ posted: 0, reminded: 3, skipped: 0, duplicates: 0, failures: 0 });
    expect(await ledgerRowCounts(h.db)).toEqual(before);
    // Advanced exactly as a posting rule would be: next is April, three occurrences decided.
    expect(await getRuleOrThrow(h.db, seeded.company.id, rule.id)).toMatchObject({ nextOccurrence: '2026-04-15', occurrencesPosted: 3, lastOccurrence: '2026-03-15' });

    const party = `${seeded.company.name} Customer`;
    const listed = await pending(h, seeded.company.id);
    expect(listed.map((r) => ({ date: r.date, due: r.due, party: r.party, amountMinor: r.amountMinor, waitingDays: r.waitingDays }))).toEqual([
      { date: '2026-01-15', due: '2026-01-25', party, amountMinor: 25000, waitingDays: 64 },
      { date: '2026-02-15', due: '2026-02-25', party, amountMinor: 25000, waitingDays: 33 },
      { date: '2026-03-15', due: '2026-03-25', party, amountMinor: 25000, waitingDays: 5 },
    ]);
    const [jan, feb, mar] = listed.map((r) => r.id) as [number, number, number];

    const posted = await postReminder(h.db, seeded.company.id, jan);
    expect(posted.reference).toBe(`REC-${rule.id}-2026-01-15`);
    // Posted with changes: dated the 20th for 275.50, due as many days later as the terms say; the identity stays
    // the occurrence's (2026-02-15).
    await postReminder(h.db, seeded.company.id, feb, { amount: '275.50', date: '2026-02-20' });
    expect(await postedBy(h.db, seeded.company.id, rule.id)).toEqual([
      { occurrenceDate: '2026-01-15', issueDate: '2026-01-15', dueDate: '2026-01-25', reference: `REC-${rule.id}-2026-01-15` },
      { occurrenceDate: '2026-02-15', issueDate: '2026-02-20', dueDate: '2026-03-02', reference: `REC-${rule.id}-2026-02-15` },
    ]);
    const amounts = await h.db
      .select({ reference: journalEntries.reference, amountMinor: journalEntries.amountMinor })
      .from(journalEntries)
      .where(and(eq(journalEntries.companyId, seeded.company.id), eq(journalEntries.ruleId, rule.id)))
      .orderBy(asc(journalEntries.occurrenceDate));
    expect(amounts.map((a) => a.amountMinor)).toEqual([25000, 27550]);

    await skipReminder(h.db, seeded.company.id, mar, { reason: 'Client away in March' });
    expect(await skippedOf(h.db, rule.id)).toEqual(['2026-03-15:skipped_by_user']);
    const history = await ruleHistory(h.db, seeded.company.id, rule.id);
    expect(history.map((i) => `${i.occurrenceDate}:${i.outcome}:${i.message ?? i.reference}`)).toEqual([
      '2026-03-15:skipped:Client away in March',
      `2026-02-15:posted:REC-${rule.id}-2026-02-15`,
      `2026-01-15:posted:REC-${rule.id}-2026-01-15`,
    ]);
    expect(await remindersOf(h, rule.id)).toEqual(['2026-01-15:posted', '2026-02-15:posted', '2026-03-15:skipped:Client away in March']);
    expect(await pending(h, seeded.company.id)).toEqual([]);
    expect(await sweep(h, seeded.company.id)).toMatchObject({ posted: 0, reminded: 0, rules: 0 });
  });

  it('a reminder posts once: a second post or a skip after it is refused and writes nothing', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { mode: 'remind', cadence: 'daily', startDate: '2026-03-20' }));
    await setDatabaseClock(h.db, '2026-03-20T12:00:00Z');
    await sweep(h, seeded.company.id);
    const [only] = await pending(h, seeded.company.id);
    await postReminder(h.db, seeded.company.id, only!.id);
    const after = await ledgerRowCounts(h.db);
    const again = await rejection(postReminder(h.db, seeded.company.id, only!.id, { amount: '1.00' }));
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).code).toBe('conflict');
    expect((again as AppError).message).toBe('This reminder was already posted.');
    expect(((await rejection(skipReminder(h.db, seeded.company.id, only!.id, { reason: 'late' }))) as AppError).code).toBe('conflict');
    expect(await ledgerRowCounts(h.db)).toEqual(after);
    expect(await remindersOf(h, rule.id)).toEqual(['2026-03-20:posted']);
    // Another company's reminder is not found.
    const other = await seedCompany(h.db, `Other ${backend} ${n++}`);
    expect(((await rejection(postReminder(h.db, other.company.id, only!.id))) as AppError).code).toBe('not_found');
  });

  it('bad input is a field error and changes nothing', async () => {
    await createRule(h.db, seeded.company.id, ruleFor(seeded, { mode: 'remind', cadence: 'daily', startDate: '2026-03-20' }));
    await setDatabaseClock(h.db, '2026-03-20T12:00:00Z');
    await sweep(h, seeded.company.id);
    const [only] = await pending(h, seeded.company.id);
    const badAmount = (await rejection(postReminder(h.db, seeded.company.id, only!.id, { amount: '12.345' }))) as AppError;
    expect(Object.keys(badAmount.fieldErrors ?? {})).toEqual(['amount']);
    const badDate = (await rejection(postReminder(h.db, seeded.company.id, only!.id, { date: '2026-02-30' }))) as AppError;
    expect(Object.keys(badDate.fieldErrors ?? {})).toEqual(['date']);
    const noReason = (await rejection(skipReminder(h.db, seeded.company.id, only!.id, { reason: '  ' }))) as AppError;
    expect(noReason.fieldErrors).toEqual({ reason: ['Enter a reason'] });
    expect((await pending(h, seeded.company.id)).map((r) => r.id)).toEqual([only!.id]);
  });

  it('catch-up policies apply to reminders: latest reminds only the latest missed date, none only today’s', async () => {
    const latest = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'Latest', mode: 'remind', catchUp: 'latest', cadence: 'monthly', dayOfMonth: 15, startDate: '2026-01-15' }));
    const none = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'None', mode: 'remind', catchUp: 'none', cadence: 'daily', startDate: '2026-03-17' }));
    const all = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'All', mode: 'remind', catchUp: 'all', cadence: 'weekly', weekday: 1, startDate: '2026-03-01' }));
    await setDatabaseClock(h.db, '2026-03-20T12:00:00Z');
    expect(await sweep(h, seeded.company.id)).toMatchObject({ posted: 0, reminded: 1 + 1 + 3, skipped: 2 + 3 });
    expect(await remindersOf(h, latest.id)).toEqual(['2026-03-15:pending']);
    expect(await skippedOf(h.db, latest.id)).toEqual(['2026-01-15:catch_up_latest', '2026-02-15:catch_up_latest']);
    expect(await remindersOf(h, none.id)).toEqual(['2026-03-20:pending']);
    expect(await skippedOf(h.db, none.id)).toEqual(['2026-03-17:catch_up_none', '2026-03-18:catch_up_none', '2026-03-19:catch_up_none']);
    expect(await remindersOf(h, all.id)).toEqual(['2026-03-02:pending', '2026-03-09:pending', '2026-03-16:pending']);
  });

  it('a post rule and a remind rule swept in one batch: documents for one, reminders for the other', async () => {
    const post = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'Posts', cadence: 'daily', startDate: '2026-03-19' }));
    const remind = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'Reminds', mode: 'remind', cadence: 'daily', startDate: '2026-03-19' }));
    await setDatabaseClock(h.db, '2026-03-20T12:00:00Z');
    const run = await sweep(h, seeded.company.id);
    expect(run).toMatchObject({ posted: 2, reminded: 2, rules: 2 });
    expect((await postedBy(h.db, seeded.company.id, post.id)).map((d) => d.reference)).toEqual([`REC-${post.id}-2026-03-19`, `REC-${post.id}-2026-03-20`]);
    expect(await postedBy(h.db, seeded.company.id, remind.id)).toEqual([]);
    expect(await remindersOf(h, remind.id)).toEqual(['2026-03-19:pending', '2026-03-20:pending']);
    expect(await remindersOf(h, post.id)).toEqual([]);
  });

  it('bulk post and bulk skip answer per item (done, already done); an id not the company’s refuses the whole request', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { mode: 'remind', cadence: 'daily', startDate: '2026-03-16', amount: '40.00' }));
    await setDatabaseClock(h.db, '2026-03-20T12:00:00Z');
    await sweep(h, seeded.company.id);
    const ids = (await pending(h, seeded.company.id)).map((r) => r.id);
    expect(ids).toHaveLength(5);
    const [a, b, c, d, e] = ids as [number, number, number, number, number];
    await postReminder(h.db, seeded.company.id, b);
    const unknown = (await rejection(postReminders(h.db, seeded.company.id, { ids: [a, 999_999_999] }))) as AppError;
    expect(unknown.code).toBe('not_found');
    expect(await remindersOf(h, rule.id)).toEqual(['2026-03-16:pending', '2026-03-17:posted', '2026-03-18:pending', '2026-03-19:pending', '2026-03-20:pending']);
    expect(await postReminders(h.db, seeded.company.id, { ids: [a, b] })).toEqual([
      { id: a, ok: true, documentId: expect.any(Number), reference: `REC-${rule.id}-2026-03-16` },
      { id: b, ok: false, error: 'This reminder was already posted.' },
    ]);
    expect(await skipReminders(h.db, seeded.company.id, { ids: [c, d, a], reason: 'Duplicate of a manual invoice' })).toEqual([
      { id: c, ok: true },
      { id: d, ok: true },
      { id: a, ok: false, error: 'This reminder was already posted.' },
    ]);
    expect(await remindersOf(h, rule.id)).toEqual([
      '2026-03-16:posted',
      '2026-03-17:posted',
      '2026-03-18:skipped:Duplicate of a manual invoice',
      '2026-03-19:skipped:Duplicate of a manual invoice',
      '2026-03-20:pending',
    ]);
    expect((await pending(h, seeded.company.id)).map((r) => r.id)).toEqual([e]);
  });
});

describe.skipIf(!HAS_POSTGRES)('reminders on PostgreSQL, two connections at once', () => {
  let h: TestDatabase;
  let other: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase('postgres', { clock: true });
    other = await openPostgres(h.url!, { max: 2 });
  });
  afterAll(async () => {
    await other?.close();
    await h?.close();
  });

  it('two concurrent posts of one reminder write exactly one document; the other is refused', async () => {
    const seeded = await seedCompany(h.db, 'Race Reminders');
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { mode: 'remind', cadence: 'daily', startDate: '2026-03-20' }));
    await setDatabaseClock(h.db, '2026-03-20T12:00:00Z');
    await runDueRules(h.db, { trigger: 'manual', companyId: seeded.company.id });
    const [only] = (await listPendingReminders(h.db, seeded.company.id, { limit: 10 })).items;
    const results = await Promise.allSettled([
      postReminder(h.db, seeded.company.id, only!.id, { amount: '10.00' }),
      postReminder(other.db, seeded.company.id, only!.id, { amount: '20.00' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as AppError).message).toBe('This reminder was already posted.');
    expect((await postedBy(h.db, seeded.company.id, rule.id)).map((d) => d.reference)).toEqual([`REC-${rule.id}-2026-03-20`]);
  });
});
