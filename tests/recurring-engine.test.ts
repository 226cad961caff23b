import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { journalEntries, journalLines } from '@/db/schema/ledger';
import { recurringRules, recurringRuns } from '@/db/schema/recurring';
import { AppError } from '@/lib/errors';
import { updateCompanyProfile } from '@/lib/services/company-profile';
import { balanceSheet } from '@/lib/ledger/reports';
import { previewDraft, previewRule } from '@/lib/recurring/preview';
import {
  createRule,
  deleteRule,
  forceNextOccurrence,
  getRuleOrThrow,
  listRules,
  pauseRule,
  resumeRule,
  ruleHistory,
  setNextRunAt,
  setPauseUntil,
  skipNextOccurrence,
  updateRule,
} from '@/lib/recurring/rules';
import { addDays, differenceInDays } from '@/lib/dates/calendar-date';
import { MAX_SKIPS_PER_PASS } from '@/lib/recurring/lifecycle';
import { simulateDueRules } from '@/lib/recurring/dry-run';
import { runDueRules } from '@/lib/recurring/sweep';
import { setDatabaseClock } from './support/db-clock';
import { rejection, seedCompany } from './support/fixtures';
import { postedBy, postedDates, ruleFor, skippedOf } from './support/recurring-fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

const sweep = (h: TestDatabase, companyId: string) => runDueRules(h.db, { trigger: 'manual', companyId, keepOutcomes: true });

describe.each(BACKENDS)('recurring engine on %s', (backend) => {
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
    seeded = await seedCompany(h.db, `Recurring ${backend} ${n++}`, 'America/New_York');
  });

  it('a month-end rent rule posts on each month’s last day at New York midnight, anchored on the 31st', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'monthly', dayOfMonth: 31, startDate: '2024-01-31', dueDays: 5 }));
    expect(rule).toMatchObject({ nextOccurrence: '2024-01-31', status: 'active' });
    expect(rule.nextRunAt?.toISOString()).toBe('2024-01-31T05:00:00.000Z'); // 00:00 EST

    await setDatabaseClock(h.db, '2024-01-31T04:59:59Z');
    expect((await sweep(h, seeded.company.id)).posted).toBe(0);

    await setDatabaseClock(h.db, '2024-01-31T05:00:00Z');
    const first = await sweep(h, seeded.company.id);
    expect(first).toMatchObject({ posted: 1, skipped: 0, duplicates: 0, failures: 0 });
    // The run row's end comes from the database's clock (the test clock here), not the app's.
    const [run] = await h.db.select({ finishedAt: recurringRuns.finishedAt }).from(recurringRuns).where(eq(recurringRuns.id, first.runId!));
    expect(run?.finishedAt?.toISOString()).toBe('2024-01-31T05:00:00.000Z');
    expect(await postedBy(h.db, seeded.company.id, rule.id)).toEqual([
      { occurrenceDate: '2024-01-31', issueDate: '2024-01-31', dueDate: '2024-02-05', reference: `REC-${rule.id}-2024-01-31` },
    ]);
    const after = await getRuleOrThrow(h.db, seeded.company.id, rule.id);
    expect(after).toMatchObject({ nextOccurrence: '2024-02-29', occurrencesPosted: 1, lastOccurrence: '2024-01-31' });
    expect(after.nextRunAt?.toISOString()).toBe('2024-02-29T05:00:00.000Z');

    // Down until 1 May (EDT): Feb 29, Mar 31 and Apr 30 post, each on its own date; back on the 31st in March.
    await setDatabaseClock(h.db, '2024-05-01T04:00:00Z');
    expect((await sweep(h, seeded.company.id)).posted).toBe(3);
    expect(await postedDates(h.db, seeded.company.id, rule.id)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    const rule2 = await getRuleOrThrow(h.db, seeded.company.id, rule.id);
    expect(rule2.nextRunAt?.toISOString()).toBe('2024-05-31T04:00:00.000Z'); // 00:00 EDT
    expect((await balanceSheet(h.db, seeded.company.id, '2024-12-31')).totalLiabilitiesMinor).toBe(40000n);

    // Running again at the same instant posts nothing.
    expect(await sweep(h, seeded.company.id)).toMatchObject({ posted: 0, duplicates: 0, rules: 0 });
  });

  it('posting an occurrence twice gives one document and reports the second as a duplicate', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'weekly', weekday: 5, startDate: '2026-01-01' }));
    await setDatabaseClock(h.db, '2025-12-01T00:00:00Z');
    const forced = await forceNextOccurrence(h.db, seeded.company.id, rule.id);
    expect(forced.posted.map((p) => p.occurrenceDate)).toEqual(['2026-01-02']);
    expect(forced.nextOccurrence).toBe('2026-01-09');
    // Point the rule back at the posted date: the posting identity refuses a second document.
    await h.db.update(recurringRules).set({ nextOccurrence: '2026-01-02' }).where(eq(recurringRules.id, rule.id));
    const again = await forceNextOccurrence(h.db, seeded.company.id, rule.id);
    expect(again).toMatchObject({ posted: [], duplicates: ['2026-01-02'], nextOccurrence: '2026-01-09' });
    expect(await postedDates(h.db, seeded.company.id, rule.id)).toEqual(['2026-01-02']);
  });

  it('catch-up policies after a 10-day outage: all, latest and none, with skips recorded', async () => {
    const make = (catchUp: string) =>
      createRule(h.db, seeded.company.id, ruleFor(seeded, { name: `daily ${catchUp}`, cadence: 'daily', startDate: '2026-03-01', catchUp }));
    const all = await make('all');
    const latest = await make('latest');
    const none = await make('none');
    await setDatabaseClock(h.db, '2026-03-10T12:00:00Z'); // 08:00 EDT on 10 March
    const summary = await sweep(h, seeded.company.id);
    expect(summary).toMatchObject({ rules: 3, posted: 10 + 1 + 1, skipped: 9 + 9 });
    expect(await postedDates(h.db, seeded.company.id, all.id)).toEqual([
      '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10',
    ]);
    expect(await postedDates(h.db, seeded.company.id, latest.id)).toEqual(['2026-03-10']);
    expect(await postedDates(h.db, seeded.company.id, none.id)).toEqual(['2026-03-10']);
    expect(await skippedOf(h.db, latest.id)).toEqual(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((d) => `2026-03-${d}:catch_up_latest`),
    );
    expect(await skippedOf(h.db, none.id)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((d) => `2026-03-${d}:catch_up_none`));
  });

  it('simulate shows exactly what the run then posts, and writes nothing', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'weekly', weekday: 1, startDate: '2026-02-01', dueDays: 14 }));
    await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'latest', cadence: 'daily', startDate: '2026-02-25', catchUp: 'latest' }));
    await setDatabaseClock(h.db, '2026-03-03T15:00:00Z');
    const dry = await simulateDueRules(h.db, { companyId: seeded.company.id });
    expect(await postedDates(h.db, seeded.company.id, rule.id)).toEqual([]);
    const real = await runDueRules(h.db, { trigger: 'manual', companyId: seeded.company.id, keepOutcomes: true });
    const view = (s: typeof dry) =>
      (s.outcomes ?? []).map((o) => ({ rule: o.ruleId, posted: o.posted.map((p) => `${p.occurrenceDate}>${p.dueDate}`), skipped: o.skipped, next: o.nextOccurrence }));
    expect(view(dry)).toEqual(view(real));
    expect(view(real).find((o) => o.rule === rule.id)?.posted).toEqual(['2026-02-02>2026-02-16', '2026-02-09>2026-02-23', '2026-02-16>2026-03-02', '2026-02-23>2026-03-09', '2026-03-02>2026-03-16']);
    expect(dry).toMatchObject({ dryRun: true, posted: real.posted, skipped: real.skipped });
  });

  it('pause, resume (skipping what fell during the pause), pauseUntil, skip next, end date and max occurrences', async () => {
    const daily = await createRule(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'daily', startDate: '2026-04-01', endDate: '2026-04-12' }));
    await setDatabaseClock(h.db, '2026-04-02T12:00:00Z');
    await sweep(h, seeded.company.id);
    await pauseRule(h.db, seeded.company.id, daily.id);
    await setDatabaseClock(h.db, '2026-04-05T12:00:00Z');
    expect((await sweep(h, seeded.company.id)).posted).toBe(0);
    const resumed = await resumeRule(h.db, seeded.company.id, daily.id); // today is 5 April by the database's clock
    expect(resumed.skipped).toEqual([
      { occurrenceDate: '2026-04-03', reason: 'paused' },
      { occurrenceDate: '2026-04-04', reason: 'paused' },
    ]);
    await setPauseUntil(h.db, seeded.company.id, daily.id, { pauseUntil: '2026-04-06' });
    await skipNextOccurrence(h.db, seeded.company.id, daily.id); // 5 April, by hand
    await setDatabaseClock(h.db, '2026-04-20T12:00:00Z');
    await sweep(h, seeded.company.id);
    expect(await postedDates(h.db, seeded.company.id, daily.id)).toEqual(['2026-04-01', '2026-04-02', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10', '2026-04-11', '2026-04-12']);
    expect(await skippedOf(h.db, daily.id)).toEqual(['2026-04-03:paused', '2026-04-04:paused', '2026-04-05:skipped_by_user', '2026-04-06:pause_until']);
    expect(await getRuleOrThrow(h.db, seeded.company.id, daily.id)).toMatchObject({ status: 'ended', nextOccurrence: null, nextRunAt: null });

    const capped = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'three', cadence: 'monthly', startDate: '2026-01-15', maxOccurrences: 3 }));
    await sweep(h, seeded.company.id);
    expect(await postedDates(h.db, seeded.company.id, capped.id)).toEqual(['2026-01-15', '2026-02-15', '2026-03-15']);
    expect(await getRuleOrThrow(h.db, seeded.company.id, capped.id)).toMatchObject({ status: 'completed', occurrencesPosted: 3, nextRunAt: null });

    const history = await ruleHistory(h.db, seeded.company.id, daily.id);
    expect(history.slice(0, 3).map((e) => `${e.occurrenceDate}:${e.outcome}`)).toEqual(['2026-04-12:posted', '2026-04-11:posted', '2026-04-10:posted']);
    expect(history.filter((e) => e.outcome === 'skipped').map((e) => `${e.occurrenceDate}:${e.reason}`)).toEqual([
      '2026-04-06:pause_until', '2026-04-05:skipped_by_user', '2026-04-04:paused', '2026-04-03:paused',
    ]);

    await deleteRule(h.db, seeded.company.id, capped.id);
    expect((await listRules(h.db, seeded.company.id)).map((r) => r.id)).toEqual([daily.id]);
    expect(await postedDates(h.db, seeded.company.id, capped.id)).toEqual(['2026-01-15', '2026-02-15', '2026-03-15']);
  });

  it('a paused rule with resumeOn resumes by itself on that date', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'daily', startDate: '2026-06-01' }));
    await pauseRule(h.db, seeded.company.id, rule.id, { resumeOn: '2026-06-04' });
    expect((await getRuleOrThrow(h.db, seeded.company.id, rule.id)).nextRunAt?.toISOString()).toBe('2026-06-04T04:00:00.000Z');
    await setDatabaseClock(h.db, '2026-06-04T04:00:00Z');
    await sweep(h, seeded.company.id);
    expect(await postedDates(h.db, seeded.company.id, rule.id)).toEqual(['2026-06-04']);
    expect(await skippedOf(h.db, rule.id)).toEqual(['2026-06-01:paused', '2026-06-02:paused', '2026-06-03:paused']);
    expect(await getRuleOrThrow(h.db, seeded.company.id, rule.id)).toMatchObject({ status: 'active', resumeOn: null, nextOccurrence: '2026-06-05' });
  });

  it('createDaysAhead posts early but dated on the occurrence; a manual due date overrides the terms', async () => {
    const rule = await createRule(
      h.db, seeded.company.id,
      ruleFor(seeded, { cadence: 'monthly', endOfMonth: 'on', startDate: '2026-07-01', createDaysAhead: 3, dueDays: 10, dueDate: '2026-08-15' }),
    );
    expect(rule.nextOccurrence).toBe('2026-07-31');
    expect(rule.nextRunAt?.toISOString()).toBe('2026-07-28T04:00:00.000Z');
    await setDatabaseClock(h.db, '2026-07-28T04:00:00Z');
    await sweep(h, seeded.company.id);
    await setDatabaseClock(h.db, '2026-08-28T04:00:00Z');
    await sweep(h, seeded.company.id);
    expect(await postedBy(h.db, seeded.company.id, rule.id)).toEqual([
      { occurrenceDate: '2026-07-31', issueDate: '2026-07-31', dueDate: '2026-08-15', reference: `REC-${rule.id}-2026-07-31` },
      { occurrenceDate: '2026-08-31', issueDate: '2026-08-31', dueDate: '2026-09-10', reference: `REC-${rule.id}-2026-08-31` },
    ]);
  });

  it('editing the cadence re-plans from the edit and never reposts; a zone change moves only the wake-up instant', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'monthly', dayOfMonth: 10, startDate: '2026-01-10' }));
    await setDatabaseClock(h.db, '2026-03-12T12:00:00Z');
    await sweep(h, seeded.company.id);
    const edited = await updateRule(
      h.db, seeded.company.id, rule.id,
      { ...ruleFor(seeded, { cadence: 'monthly', dayOfMonth: 20, startDate: '2026-01-10' }), version: rule.version + 1 },
    );
    expect(edited.nextOccurrence).toBe('2026-03-20');
    const stale = await rejection(updateRule(h.db, seeded.company.id, rule.id, { ...ruleFor(seeded, {}), version: rule.version }));
    expect(stale).toMatchObject({ code: 'conflict' });

    expect(edited.nextRunAt?.toISOString()).toBe('2026-03-20T04:00:00.000Z');
    await updateCompanyProfile(h.db, seeded.company.id, { name: seeded.company.name, baseCurrency: 'USD', timeZone: 'Asia/Tokyo' });
    const moved = await getRuleOrThrow(h.db, seeded.company.id, rule.id);
    expect(moved).toMatchObject({ nextOccurrence: '2026-03-20' });
    expect(moved.nextRunAt?.toISOString()).toBe('2026-03-19T15:00:00.000Z'); // 00:00 JST
    await setDatabaseClock(h.db, '2026-04-25T00:00:00Z');
    await sweep(h, seeded.company.id);
    expect(await postedDates(h.db, seeded.company.id, rule.id)).toEqual(['2026-01-10', '2026-02-10', '2026-03-10', '2026-03-20', '2026-04-20']);
  });

  it('preview lists the next occurrences with documents and exact journal lines; a draft previews unsaved', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { type: 'invoice', cadence: 'monthly', nthWeek: 5, nthWeekday: 5, startDate: '2026-01-01', amount: '1,234.56', dueDays: 30 }));
    const preview = await previewRule(h.db, seeded.company.id, rule.id, 3);
    expect(preview.map((p) => [p.occurrenceDate, p.dueDate, p.runAt])).toEqual([
      ['2026-01-30', '2026-03-01', '2026-01-30T05:00:00.000Z'],
      ['2026-02-27', '2026-03-29', '2026-02-27T05:00:00.000Z'],
      ['2026-03-27', '2026-04-26', '2026-03-27T04:00:00.000Z'],
    ]);
    expect(preview[0]!.lines).toEqual([
      { side: 'Dr', accountId: seeded.byCode('1100'), accountCode: '1100', accountName: 'Accounts Receivable', amountMinor: 123456 },
      { side: 'Cr', accountId: seeded.byCode('4100'), accountCode: '4100', accountName: 'Consulting Revenue', amountMinor: 123456 },
    ]);
    expect(preview[0]!.document).toMatchObject({ kind: 'invoice', reference: `REC-${rule.id}-2026-01-30`, amountMinor: 123456 });
    const draft = await previewDraft(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'annual', startDate: '2024-02-29' }), 3);
    expect(draft.map((p) => p.occurrenceDate)).toEqual(['2024-02-29', '2025-02-28', '2026-02-28']);
    expect(draft[0]!.lines.map((l) => `${l.side} ${l.accountCode} ${l.amountMinor}`)).toEqual(['Dr 5000 10000', 'Cr 2000 10000']);

    // What the sweep books (built in SQL by writeDocuments) is exactly what the preview showed.
    await setDatabaseClock(h.db, '2026-01-30T05:00:00Z');
    expect((await sweep(h, seeded.company.id)).posted).toBe(1);
    const booked = await h.db
      .select({ accountId: journalLines.accountId, amountMinor: journalLines.amountMinor })
      .from(journalLines)
      .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
      .where(eq(journalEntries.reference, `REC-${rule.id}-2026-01-30`))
      .orderBy(journalLines.lineNo);
    expect(booked).toEqual(preview[0]!.lines.map((l) => ({ accountId: l.accountId, amountMinor: l.side === 'Dr' ? l.amountMinor : -l.amountMinor })));
    expect(await postedBy(h.db, seeded.company.id, rule.id)).toEqual([
      { occurrenceDate: '2026-01-30', issueDate: '2026-01-30', dueDate: '2026-03-01', reference: `REC-${rule.id}-2026-01-30` },
    ]);
  });

  it('a rule whose vendor was deleted fails without blocking others, and pauses itself after three failures', async () => {
    const good = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'good', cadence: 'daily', startDate: '2026-09-01' }));
    const bad = await createRule(h.db, seeded.company.id, ruleFor(seeded, { name: 'bad', cadence: 'daily', startDate: '2026-09-01' }));
    const { parties } = await import('@/db/schema/ledger');
    await h.db.update(parties).set({ deletedAt: new Date() }).where(eq(parties.id, seeded.vendor.id));
    await h.db.update(recurringRules).set({ partyId: seeded.vendor.id }).where(eq(recurringRules.id, bad.id));
    // Both rules share the vendor here; give the good one a live vendor.
    const { createParty } = await import('@/lib/ledger/parties');
    const live = await createParty(h.db, seeded.company.id, { kind: 'vendor', name: 'Live vendor' });
    await h.db.update(recurringRules).set({ partyId: live.id }).where(eq(recurringRules.id, good.id));
    for (const [i, instant] of ['2026-09-01T12:00:00Z', '2026-09-01T12:01:00Z', '2026-09-01T12:02:00Z'].entries()) {
      await setDatabaseClock(h.db, instant);
      const summary = await sweep(h, seeded.company.id);
      expect(summary.failures).toBe(1);
      expect(summary.errors[0]).toMatchObject({ ruleId: bad.id, pausedRule: i === 2 });
      expect(summary.errors[0]!.message).toBe('Its vendor "Recurring ' + seeded.company.name.split(' ').slice(1).join(' ') + ' Vendor" was deleted: choose another vendor');
    }
    expect(await postedDates(h.db, seeded.company.id, good.id)).toEqual(['2026-09-01']);
    expect(await postedDates(h.db, seeded.company.id, bad.id)).toEqual([]);
    const paused = await getRuleOrThrow(h.db, seeded.company.id, bad.id);
    expect(paused).toMatchObject({ status: 'paused', consecutiveFailures: 3, nextRunAt: null });
    expect(paused.statusReason).toMatch(/^Paused after 3 failed attempts: Its vendor/);
  });

  it('editing nextRunAt moves only the wake-up: the occurrences keep their own dates', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'daily', startDate: '2026-10-01' }));
    const moved = await setNextRunAt(h.db, seeded.company.id, rule.id, { nextRunAt: '2026-10-03T16:00:00Z' });
    expect(moved.nextRunAt?.toISOString()).toBe('2026-10-03T16:00:00.000Z');
    // Setting (here: clearing) pauseUntil does not move the wake-up back.
    expect((await setPauseUntil(h.db, seeded.company.id, rule.id, { pauseUntil: null })).nextRunAt?.toISOString()).toBe('2026-10-03T16:00:00.000Z');
    await setDatabaseClock(h.db, '2026-10-03T15:59:59Z');
    expect((await sweep(h, seeded.company.id)).posted).toBe(0);
    await setDatabaseClock(h.db, '2026-10-03T16:00:00Z');
    await sweep(h, seeded.company.id);
    expect(await postedDates(h.db, seeded.company.id, rule.id)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
    expect((await getRuleOrThrow(h.db, seeded.company.id, rule.id)).nextRunAt?.toISOString()).toBe('2026-10-04T04:00:00.000Z');
    const bad = await rejection(setNextRunAt(h.db, seeded.company.id, rule.id, { nextRunAt: 'tomorrow' }));
    expect((bad as AppError).fieldErrors).toEqual({ nextRunAt: ['Give an ISO 8601 instant with an offset, like 2026-12-01T05:00:00Z'] });
  });

  it('an implausible gap sets the rule to needs review and posts nothing', async () => {
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'daily', startDate: '2025-01-01' }));
    await setDatabaseClock(h.db, '2026-03-01T12:00:00Z'); // 425 days due
    const summary = await sweep(h, seeded.company.id);
    expect(summary).toMatchObject({ posted: 0, needsReview: 1 });
    expect(await getRuleOrThrow(h.db, seeded.company.id, rule.id)).toMatchObject({ status: 'needs_review', nextOccurrence: '2025-01-01', nextRunAt: null });
  });

  describe('lifecycle defects (issue 9)', () => {
    const dailyFrom = (from: string, to: string) => {
      const dates: string[] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
      return dates;
    };

    it('a rule in needs_review can never be resumed', async () => {
      const id = seeded.company.id;
      // The issue's repro: daily from 2025-01-01, catch-up none, first swept on 2026-03-01. Only today's date would
      // post, so nothing is implausible: the 424 missed dates are skipped as catch_up_none and today's posts.
      const none = await createRule(h.db, id, ruleFor(seeded, { name: 'none', cadence: 'daily', startDate: '2025-01-01', catchUp: 'none' }));
      // The same with catch-up all would post 425 dates at once: that one does need review.
      const all = await createRule(h.db, id, ruleFor(seeded, { name: 'all', cadence: 'daily', startDate: '2025-01-01' }));
      await setDatabaseClock(h.db, '2026-03-01T17:00:00Z'); // 12:00 in New York
      expect(await sweep(h, id)).toMatchObject({ posted: 1, skipped: 424, needsReview: 1 });
      expect(await getRuleOrThrow(h.db, id, none.id)).toMatchObject({ status: 'active', nextOccurrence: '2026-03-02' });
      expect(await postedDates(h.db, id, none.id)).toEqual(['2026-03-01']);
      expect(await skippedOf(h.db, none.id)).toEqual(dailyFrom('2025-01-01', '2026-02-28').map((d) => `${d}:catch_up_none`));
      expect(await getRuleOrThrow(h.db, id, all.id)).toMatchObject({ status: 'needs_review', nextOccurrence: '2025-01-01', nextRunAt: null });

      // Resume leaves it active with a next occurrence; the dates before today are recorded as skipped for `paused`.
      const resumed = await resumeRule(h.db, id, all.id);
      expect(resumed).toMatchObject({ status: 'active', nextOccurrence: '2026-03-01', posted: [] });
      expect(resumed.skipped).toEqual(dailyFrom('2025-01-01', '2026-02-28').map((d) => ({ occurrenceDate: d, reason: 'paused' })));
      const active = await getRuleOrThrow(h.db, id, all.id);
      expect(active).toMatchObject({ status: 'active', statusReason: null, nextOccurrence: '2026-03-01' });
      expect(active.nextRunAt?.toISOString()).toBe('2026-03-01T05:00:00.000Z');
      expect(await sweep(h, id)).toMatchObject({ posted: 1, skipped: 0, needsReview: 0 });
      expect(await postedDates(h.db, id, all.id)).toEqual(['2026-03-01']);
      expect(await skippedOf(h.db, all.id)).toEqual(dailyFrom('2025-01-01', '2026-02-28').map((d) => `${d}:paused`));
    });

    it('a rule from 1936 skips its missed dates in bounded passes, with catch-up none or when resumed from review', async () => {
      const id = seeded.company.id;
      const none = await createRule(h.db, id, ruleFor(seeded, { name: 'none 1936', cadence: 'daily', startDate: '1936-01-01', catchUp: 'none' }));
      await setDatabaseClock(h.db, '2026-03-01T17:00:00Z');
      const missed = differenceInDays('2026-03-01', '1936-01-01'); // 1936-01-01 … 2026-02-28
      const swept = await sweep(h, id);
      // Every pass records at most MAX_SKIPS_PER_PASS skips; the rest is due at once and goes in the next batch.
      const passes = Math.ceil(missed / MAX_SKIPS_PER_PASS);
      expect(swept.outcomes!.map((o) => o.skipped.length)).toEqual([...Array(passes - 1).fill(MAX_SKIPS_PER_PASS), missed - (passes - 1) * MAX_SKIPS_PER_PASS]);
      expect(swept).toMatchObject({ posted: 1, skipped: missed, needsReview: 0, failures: 0 });
      expect(await getRuleOrThrow(h.db, id, none.id)).toMatchObject({ status: 'active', nextOccurrence: '2026-03-02' });
      const skipped = await skippedOf(h.db, none.id);
      expect([skipped.length, skipped[0], skipped.at(-1)]).toEqual([missed, '1936-01-01:catch_up_none', '2026-02-28:catch_up_none']);

      const all = await createRule(h.db, id, ruleFor(seeded, { name: 'all 1936', cadence: 'daily', startDate: '1936-01-01' }));
      expect(await sweep(h, id)).toMatchObject({ posted: 0, needsReview: 1 });
      const resumed = await resumeRule(h.db, id, all.id);
      const cut = addDays('1936-01-01', MAX_SKIPS_PER_PASS);
      expect(resumed).toMatchObject({ status: 'active', nextOccurrence: cut, posted: [] });
      expect(resumed.skipped).toHaveLength(MAX_SKIPS_PER_PASS);
      // Due at once: the sweep goes on recording the pause's skips, then posts today's.
      expect((await getRuleOrThrow(h.db, id, all.id)).nextRunAt!.getTime()).toBeLessThan(Date.parse('2026-03-01T17:00:00Z'));
      expect(await sweep(h, id)).toMatchObject({ posted: 1, skipped: missed - MAX_SKIPS_PER_PASS, needsReview: 0 });
      const paused = await skippedOf(h.db, all.id);
      expect([paused.length, paused[0], paused.at(-1)]).toEqual([missed, '1936-01-01:paused', '2026-02-28:paused']);
      expect(await getRuleOrThrow(h.db, id, all.id)).toMatchObject({ status: 'active', resumeOn: null, nextOccurrence: '2026-03-02' });
    }, 120_000);

    it('raising maxOccurrences on a completed rule posts a burst of backdated invoices', async () => {
      const id = seeded.company.id;
      const input = ruleFor(seeded, { type: 'invoice', cadence: 'monthly', startDate: '2025-01-15', maxOccurrences: 2 });
      const rule = await createRule(h.db, id, input);
      const chosen = await createRule(h.db, id, { ...input, name: 'caught up by choice' });
      await setDatabaseClock(h.db, '2025-02-15T17:00:00Z');
      await sweep(h, id);
      expect(await getRuleOrThrow(h.db, id, rule.id)).toMatchObject({ status: 'completed', nextOccurrence: '2025-03-15', occurrencesPosted: 2, nextRunAt: null });

      // On 2026-03-20 the maximum is raised to 24: re-planned from the edit, the 13 dates between skipped as `edited`.
      await setDatabaseClock(h.db, '2026-03-20T16:00:00Z');
      const between = ['2025-03-15', '2025-04-15', '2025-05-15', '2025-06-15', '2025-07-15', '2025-08-15', '2025-09-15', '2025-10-15', '2025-11-15', '2025-12-15', '2026-01-15', '2026-02-15', '2026-03-15'];
      const raised = await updateRule(h.db, id, rule.id, { ...input, maxOccurrences: 24 });
      expect(raised).toMatchObject({ status: 'active', statusReason: null, nextOccurrence: '2026-04-15', occurrencesPosted: 2 });
      expect(raised.nextRunAt?.toISOString()).toBe('2026-04-15T04:00:00.000Z');
      expect(await sweep(h, id)).toMatchObject({ posted: 0 });
      expect(await postedDates(h.db, id, rule.id)).toEqual(['2025-01-15', '2025-02-15']);
      expect(await skippedOf(h.db, rule.id)).toEqual(between.map((d) => `${d}:edited`));

      // Posting them is a choice made at the edit, whatever the rule's catch-up policy.
      await updateRule(h.db, id, chosen.id, { ...input, name: 'caught up by choice', maxOccurrences: 24, catchUp: 'none', catchUpPassed: true });
      expect(await postedBy(h.db, id, chosen.id)).toEqual(
        ['2025-01-15', '2025-02-15', ...between].map((d) => ({ occurrenceDate: d, issueDate: d, dueDate: d, reference: `REC-${chosen.id}-${d}` })),
      );
      expect(await skippedOf(h.db, chosen.id)).toEqual([]);
      expect(await getRuleOrThrow(h.db, id, chosen.id)).toMatchObject({ status: 'active', nextOccurrence: '2026-04-15', occurrencesPosted: 15 });
    });

    it('editing a schedule silently drops overdue occurrences', async () => {
      const id = seeded.company.id;
      const input = ruleFor(seeded, { cadence: 'daily', startDate: '2026-04-01' });
      const rule = await createRule(h.db, id, input);
      const ended = await createRule(h.db, id, { ...input, name: 'ended by the edit' });
      const chosen = await createRule(h.db, id, { ...input, name: 'caught up by choice' });
      // Not swept until 5 April; then each gets an end date.
      await setDatabaseClock(h.db, '2026-04-05T16:00:00Z');
      await updateRule(h.db, id, rule.id, { ...input, endDate: '2026-04-30' });
      await updateRule(h.db, id, ended.id, { ...input, name: 'ended by the edit', endDate: '2026-04-03' });
      await updateRule(h.db, id, chosen.id, { ...input, name: 'caught up by choice', endDate: '2026-04-30', catchUpPassed: 'on' });
      await sweep(h, id);
      expect(await postedDates(h.db, id, rule.id)).toEqual(['2026-04-05']);
      expect(await skippedOf(h.db, rule.id)).toEqual(['2026-04-01:edited', '2026-04-02:edited', '2026-04-03:edited', '2026-04-04:edited']);
      expect(await postedDates(h.db, id, ended.id)).toEqual([]);
      expect(await skippedOf(h.db, ended.id)).toEqual(['2026-04-01:edited', '2026-04-02:edited', '2026-04-03:edited']);
      expect(await getRuleOrThrow(h.db, id, ended.id)).toMatchObject({ status: 'ended', nextOccurrence: null, nextRunAt: null });
      expect(await postedDates(h.db, id, chosen.id)).toEqual(['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05']);
      expect(await skippedOf(h.db, chosen.id)).toEqual([]);
    });

    it('the deciders disagreed: a completed rule\'s reason depended on who completed it, and force cleared a pause\'s reason', async () => {
      const id = seeded.company.id;
      const input = ruleFor(seeded, { cadence: 'monthly', startDate: '2026-01-15', maxOccurrences: 3 });
      const swept = await createRule(h.db, id, input);
      const edited = await createRule(h.db, id, { ...input, name: 'edited', maxOccurrences: 5 });
      const paused = await createRule(h.db, id, { ...input, name: 'paused', maxOccurrences: null });
      await pauseRule(h.db, id, paused.id);
      await setDatabaseClock(h.db, '2026-03-20T16:00:00Z');
      await sweep(h, id); // posts 3 of each active rule
      await updateRule(h.db, id, edited.id, { ...input, name: 'edited', maxOccurrences: 3 });
      const reasons = await Promise.all([swept, edited].map(async (r) => (await getRuleOrThrow(h.db, id, r.id)).statusReason));
      expect(reasons).toEqual(['Reached the maximum of 3 occurrences', 'Reached the maximum of 3 occurrences']);
      // Forcing a posting of a paused rule leaves it paused, for the reason it was paused.
      await forceNextOccurrence(h.db, id, paused.id);
      expect(await getRuleOrThrow(h.db, id, paused.id)).toMatchObject({ status: 'paused', statusReason: 'Paused by hand', nextOccurrence: '2026-02-15', nextRunAt: null });
    });
  });

  describe('bad input gets a field-level error and writes nothing', () => {
    it.each([
      [{ cadence: 'monthly', dayOfMonth: 32 }, { dayOfMonth: ['Day of month must be between 1 and 31'] }],
      [{ cadence: 'weekly', weekday: 7 }, { weekday: ['Weekday must be between 0 and 6'] }],
      [{ cadence: 'daily', intervalDays: 0 }, { intervalDays: ['Every how many days must be between 1 and 3650'] }],
      [{ startDate: '2026-05-01', endDate: '2026-04-30' }, { endDate: ['The end date cannot be before the start date'] }],
      [{ amount: '0' }, { amount: ['The amount must be greater than zero'] }],
      [{ amount: '-3.00' }, { amount: ['The amount must be greater than zero'] }],
      [{ amount: '9.999' }, { amount: ['Use at most 2 decimal places'] }],
      [{ cadence: 'fortnightly' }, { cadence: ['Choose daily, weekly, monthly or annual'] }],
    ])('%o', async (overrides, fields) => {
      const error = await rejection(createRule(h.db, seeded.company.id, ruleFor(seeded, overrides)));
      expect((error as AppError).fieldErrors).toEqual(fields);
      expect(await listRules(h.db, seeded.company.id)).toEqual([]);
    });

    it('a vendor on an invoice rule and a category of the wrong kind', async () => {
      const vendor = await rejection(createRule(h.db, seeded.company.id, ruleFor(seeded, { type: 'invoice', partyId: seeded.vendor.id })));
      expect((vendor as AppError).fieldErrors).toEqual({ partyId: ['Choose a customer, not a vendor'] });
      const category = await rejection(createRule(h.db, seeded.company.id, ruleFor(seeded, { type: 'expense', categoryId: seeded.byCode('4100') })));
      expect((category as AppError).fieldErrors).toEqual({ categoryId: ['Choose an expense category'] });
      expect(await listRules(h.db, seeded.company.id)).toEqual([]);
    });

    it('an unknown time zone for the company leaves its rules untouched', async () => {
      const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { startDate: '2026-10-01' }));
      const error = await rejection(updateCompanyProfile(h.db, seeded.company.id, { name: 'x', baseCurrency: 'USD', timeZone: 'Europe/Atlantis' }));
      expect((error as AppError).fieldErrors).toEqual({ timeZone: ['Use an IANA time zone, like America/New_York'] });
      expect((await getRuleOrThrow(h.db, seeded.company.id, rule.id)).nextRunAt?.toISOString()).toBe('2026-10-01T04:00:00.000Z');
    });
  });

  it('raw SQL cannot give a rule an impossible schedule', async () => {
    const error = await rejection(
      h.db.execute(sql`update recurring_rules set day_of_month = 32 where company_id = ${seeded.company.id}`).then(async () =>
        h.db.execute(sql`insert into recurring_rules (company_id, name, type, party_id, category_account_id, amount_minor, cadence, start_date, day_of_month, next_occurrence, next_run_at)
          values (${seeded.company.id}, 'raw', 'expense', ${seeded.vendor.id}, ${seeded.byCode('5000')}, 100, 'monthly', '2026-01-01', 32, '2026-01-01', now())`),
      ),
    );
    expect(String((error as Error).cause ?? error)).toMatch(/recurring_rules_day_of_month/);
  });
});
