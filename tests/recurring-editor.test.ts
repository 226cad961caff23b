import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recurringRules } from '@/db/schema/recurring';
import { AppError } from '@/lib/errors';
import { updateCompanyProfile } from '@/lib/services/company-profile';
import { createRuleFromEditor, previewEditorDraft, previewEditorEdit, updateRuleFromEditor } from '@/lib/recurring/editor';
import { previewDraft, previewRule, type PreviewOccurrence } from '@/lib/recurring/preview';
import { getRuleOrThrow } from '@/lib/recurring/rules';
import { previewZoneChange } from '@/lib/recurring/zone-moves';
import { setDatabaseClock } from './support/db-clock';
import { rejection, seedCompany } from './support/fixtures';
import { postedDates, ruleFor, skippedOf } from './support/recurring-fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// The rule editor's previews against the saves they announce: what the editor shows before saving must be what the
// save does. The clock is the database's, moved per case (New York; 2027-01-10 is a Sunday).

/** An occurrence as the editor lists it: date, due date, skip and notes. */
const row = (o: PreviewOccurrence) => [o.occurrenceDate, o.dueDate, o.skipReason, o.notes.join('; ')];

describe.each(BACKENDS)('the rule editor on %s', (backend) => {
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
    await setDatabaseClock(h.db, '2027-01-10T15:00:00Z');
    seeded = await seedCompany(h.db, `Editor ${backend} ${n++}`, 'America/New_York');
  });

  it('previews Monthly on the 31st from 2027-01-31 with exact dates, Net 30 due dates, clamp notes, journal lines and the total', async () => {
    const input = ruleFor(seeded, { type: 'invoice', amount: '1,250.00', cadence: 'monthly', dayOfMonth: 31, startDate: '2027-01-31', dueDays: 30 });
    const preview = await previewEditorDraft(h.db, seeded.company.id, input);
    expect(preview.today).toBe('2027-01-10');
    expect(preview.occurrences.map(row)).toEqual([
      ['2027-01-31', '2027-03-02', null, ''],
      ['2027-02-28', '2027-03-30', null, '31st → Feb 28'],
      ['2027-03-31', '2027-04-30', null, ''],
      ['2027-04-30', '2027-05-30', null, '31st → Apr 30'],
      ['2027-05-31', '2027-06-30', null, ''],
      ['2027-06-30', '2027-07-30', null, '31st → Jun 30'],
      ['2027-07-31', '2027-08-30', null, ''],
      ['2027-08-31', '2027-09-30', null, ''],
      ['2027-09-30', '2027-10-30', null, '31st → Sep 30'],
      ['2027-10-31', '2027-11-30', null, ''],
      ['2027-11-30', '2027-12-30', null, '31st → Nov 30'],
      ['2027-12-31', '2028-01-30', null, ''],
    ]);
    expect(preview.occurrences[0]!.lines.map((l) => [l.side, l.accountCode, l.accountName, l.amountMinor])).toEqual([
      ['Dr', '1100', 'Accounts Receivable', 125000],
      ['Cr', '4100', 'Consulting Revenue', 125000],
    ]);
    expect(preview.totalMinor).toBe(12 * 125000);
    // Without flow controls it is the engine's own draft preview, unchanged.
    expect(preview.occurrences).toEqual(await previewDraft(h.db, seeded.company.id, input, 12));
  });

  it('previews Monthly on the last Friday with exact dates', async () => {
    const input = ruleFor(seeded, { cadence: 'monthly', nthWeek: 5, nthWeekday: 5, startDate: '2027-01-01' });
    const preview = await previewEditorDraft(h.db, seeded.company.id, input);
    expect(preview.occurrences.map((o) => o.occurrenceDate)).toEqual([
      '2027-01-29', '2027-02-26', '2027-03-26', '2027-04-30', '2027-05-28', '2027-06-25',
      '2027-07-30', '2027-08-27', '2027-09-24', '2027-10-29', '2027-11-26', '2027-12-31',
    ]);
  });

  it('refuses an incomplete draft with field errors from the shared schema, and an amount the currency cannot hold', async () => {
    const missing = await rejection(previewEditorDraft(h.db, seeded.company.id, { cadence: 'monthly', startDate: '' } as never));
    expect(missing).toBeInstanceOf(AppError);
    expect(Object.keys((missing as AppError).fieldErrors ?? {}).sort()).toEqual(['amount', 'categoryId', 'name', 'partyId', 'startDate', 'type']);
    const cents = await rejection(previewEditorDraft(h.db, seeded.company.id, ruleFor(seeded, { amount: '12.345' })));
    expect((cents as AppError).fieldErrors).toEqual({ amount: ['Use at most 2 decimal places'] });
  });

  it('previews pause-until and resume-on as skips, and saves them as previewed', async () => {
    const input = { ...ruleFor(seeded, { cadence: 'monthly', dayOfMonth: 31, startDate: '2027-01-31', amount: '10.00' }), pauseUntil: '2027-03-31' };
    const preview = await previewEditorDraft(h.db, seeded.company.id, input);
    expect(preview.occurrences.slice(0, 4).map(row)).toEqual([
      ['2027-01-31', '2027-01-31', 'pause_until', ''],
      ['2027-02-28', '2027-02-28', 'pause_until', '31st → Feb 28'],
      ['2027-03-31', '2027-03-31', 'pause_until', ''],
      ['2027-04-30', '2027-04-30', null, '31st → Apr 30'],
    ]);
    expect(preview.totalMinor).toBe(9 * 1000);
    const saved = await createRuleFromEditor(h.db, seeded.company.id, input);
    expect(saved).toMatchObject({ status: 'active', pauseUntil: '2027-03-31', nextOccurrence: '2027-01-31' });
    expect((await previewRule(h.db, seeded.company.id, saved.id, 12)).map(row)).toEqual(preview.occurrences.map(row));

    const paused = { ...ruleFor(seeded, { cadence: 'weekly', weekday: 1, startDate: '2027-01-11' }), resumeOn: '2027-01-25' };
    const pausedPreview = await previewEditorDraft(h.db, seeded.company.id, paused);
    expect(pausedPreview.occurrences.slice(0, 3).map(row)).toEqual([
      ['2027-01-11', '2027-01-11', 'paused', ''],
      ['2027-01-18', '2027-01-18', 'paused', ''],
      ['2027-01-25', '2027-01-25', null, ''],
    ]);
    const pausedRule = await createRuleFromEditor(h.db, seeded.company.id, paused);
    expect(pausedRule).toMatchObject({ status: 'paused', resumeOn: '2027-01-25', statusReason: 'Paused until 2027-01-25' });
    expect((await previewRule(h.db, seeded.company.id, pausedRule.id, 12)).map(row)).toEqual(pausedPreview.occurrences.map(row));
  });

  it('creates nothing when a flow control is refused (one transaction)', async () => {
    const before = await h.db.select({ id: recurringRules.id }).from(recurringRules).where(eq(recurringRules.companyId, seeded.company.id));
    const bad = { ...ruleFor(seeded, {}), resumeOn: '2027-02-30' };
    const error = await rejection(createRuleFromEditor(h.db, seeded.company.id, bad));
    expect((error as AppError).fieldErrors).toEqual({ resumeOn: ['Enter a real date as YYYY-MM-DD'] });
    const after = await h.db.select({ id: recurringRules.id }).from(recurringRules).where(eq(recurringRules.companyId, seeded.company.id));
    expect(after).toEqual(before);
  });

  it('previews an edit of amount and schedule before and after, names the dates it passes over, and the save records exactly those', async () => {
    await setDatabaseClock(h.db, '2026-10-20T15:00:00Z');
    const input = ruleFor(seeded, { name: 'Retainer', type: 'invoice', cadence: 'monthly', dayOfMonth: 1, startDate: '2026-11-01', dueDays: 30 });
    const rule = await createRuleFromEditor(h.db, seeded.company.id, input);
    // Five months later, nothing has run (no sweep): Nov 1 … Mar 1 are due and undecided.
    await setDatabaseClock(h.db, '2027-03-20T15:00:00Z');
    const edit = { ...input, amount: '200.00', dayOfMonth: 15, ruleId: rule.id, version: rule.version };
    const preview = await previewEditorEdit(h.db, seeded.company.id, edit);
    expect(preview).toMatchObject({ today: '2027-03-20', version: rule.version, replans: true });
    expect(preview.before.map((o) => o.occurrenceDate).slice(0, 6)).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01', '2027-03-01', '2027-04-01']);
    expect(preview.before[0]!.document.amountMinor).toBe(10000);
    expect(preview.after.map((o) => [o.occurrenceDate, o.dueDate, o.document.amountMinor]).slice(0, 3)).toEqual([
      ['2027-04-15', '2027-05-15', 20000],
      ['2027-05-15', '2027-06-14', 20000],
      ['2027-06-15', '2027-07-15', 20000],
    ]);
    expect(preview.passedOver).toEqual(['2026-11-15', '2026-12-15', '2027-01-15', '2027-02-15', '2027-03-15']);
    expect(preview.afterTotalMinor).toBe(12 * 20000);

    const saved = await updateRuleFromEditor(h.db, seeded.company.id, edit);
    expect(saved).toMatchObject({ amountMinor: 20000, dayOfMonth: 15, nextOccurrence: '2027-04-15', version: rule.version + 1 });
    expect(await skippedOf(h.db, rule.id)).toEqual(preview.passedOver.map((d) => `${d}:edited`));
    expect(await previewRule(h.db, seeded.company.id, rule.id, 12)).toEqual(preview.after);
  });

  it('posts the passed-over dates instead when asked, as the preview said', async () => {
    await setDatabaseClock(h.db, '2026-10-20T15:00:00Z');
    const input = ruleFor(seeded, { cadence: 'monthly', dayOfMonth: 1, startDate: '2026-11-01' });
    const rule = await createRuleFromEditor(h.db, seeded.company.id, input);
    await setDatabaseClock(h.db, '2027-01-20T15:00:00Z');
    const edit = { ...input, dayOfMonth: 15, ruleId: rule.id, version: rule.version, catchUpPassed: 'on' };
    const preview = await previewEditorEdit(h.db, seeded.company.id, edit);
    expect(preview.passedOver).toEqual(['2026-11-15', '2026-12-15', '2027-01-15']);
    await updateRuleFromEditor(h.db, seeded.company.id, edit);
    expect(await postedDates(h.db, seeded.company.id, rule.id)).toEqual(preview.passedOver);
    expect(await skippedOf(h.db, rule.id)).toEqual([]);
  });

  it('refuses a stale version and changes nothing: someone else saved since the form was opened', async () => {
    const input = ruleFor(seeded, { cadence: 'weekly', weekday: 1, startDate: '2027-01-11', amount: '50.00' });
    const rule = await createRuleFromEditor(h.db, seeded.company.id, input);
    const theirs = await updateRuleFromEditor(h.db, seeded.company.id, { ...input, amount: '60.00', ruleId: rule.id, version: rule.version });
    expect(theirs.version).toBe(rule.version + 1);
    const preview = await previewEditorEdit(h.db, seeded.company.id, { ...input, amount: '70.00', ruleId: rule.id, version: rule.version });
    expect(preview.version).toBe(theirs.version);
    const error = await rejection(updateRuleFromEditor(h.db, seeded.company.id, { ...input, amount: '70.00', pauseUntil: '2027-02-01', ruleId: rule.id, version: rule.version }));
    expect(error).toMatchObject({ code: 'conflict', message: 'This rule was changed by someone else since you opened it. Reload to see the changes.' });
    expect(await getRuleOrThrow(h.db, seeded.company.id, rule.id)).toMatchObject({ amountMinor: 6000, pauseUntil: null, version: theirs.version });
  });

  it('changes a paused rule’s resume date, and an empty one keeps it paused until resumed by hand', async () => {
    const input = ruleFor(seeded, { cadence: 'daily', startDate: '2027-01-11' });
    const rule = await createRuleFromEditor(h.db, seeded.company.id, { ...input, resumeOn: '2027-02-01' });
    const moved = await updateRuleFromEditor(h.db, seeded.company.id, { ...input, resumeOn: '2027-03-01', ruleId: rule.id, version: rule.version });
    expect(moved).toMatchObject({ status: 'paused', resumeOn: '2027-03-01', statusReason: 'Paused until 2027-03-01' });
    const held = await updateRuleFromEditor(h.db, seeded.company.id, { ...input, resumeOn: '', ruleId: rule.id, version: moved.version });
    expect(held).toMatchObject({ status: 'paused', resumeOn: null, statusReason: 'Paused by hand', nextRunAt: null });
  });

  it('previews a zone change as the moves the re-plan then makes', async () => {
    const rent = await createRuleFromEditor(h.db, seeded.company.id, ruleFor(seeded, { name: 'Rent', cadence: 'monthly', dayOfMonth: 31, startDate: '2027-01-31' }));
    const payroll = await createRuleFromEditor(h.db, seeded.company.id, ruleFor(seeded, { name: 'Payroll', cadence: 'monthly', nthWeek: 5, nthWeekday: 5, startDate: '2027-01-01', createDaysAhead: 3 }));
    const held = await createRuleFromEditor(h.db, seeded.company.id, { ...ruleFor(seeded, { name: 'Held', cadence: 'daily', startDate: '2027-01-11' }), resumeOn: '2027-02-01' });
    await createRuleFromEditor(h.db, seeded.company.id, { ...ruleFor(seeded, { name: 'Stopped', cadence: 'daily', startDate: '2027-01-11' }), resumeOn: '' }).then((r) =>
      updateRuleFromEditor(h.db, seeded.company.id, { ...ruleFor(seeded, { name: 'Stopped', cadence: 'daily', startDate: '2027-01-11' }), ruleId: r.id, resumeOn: '2027-01-20' }).then((p) =>
        updateRuleFromEditor(h.db, seeded.company.id, { ...ruleFor(seeded, { name: 'Stopped', cadence: 'daily', startDate: '2027-01-11' }), ruleId: p.id, resumeOn: '' }),
      ),
    );
    const preview = await previewZoneChange(h.db, seeded.company.id, { timeZone: 'Europe/Paris' });
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    // The paused rule without a resume date has no next run and is not re-planned.
    expect(preview.total).toBe(3);
    expect(preview.moves.map((m) => [m.name, m.nextOccurrence, iso(m.from), iso(m.to)])).toEqual([
      ['Payroll', '2027-01-29', '2027-01-26T05:00:00.000Z', '2027-01-25T23:00:00.000Z'],
      ['Rent', '2027-01-31', '2027-01-31T05:00:00.000Z', '2027-01-30T23:00:00.000Z'],
      ['Held', '2027-01-11', '2027-02-01T05:00:00.000Z', '2027-01-31T23:00:00.000Z'],
    ]);
    await updateCompanyProfile(h.db, seeded.company.id, { name: seeded.company.name, baseCurrency: 'USD', timeZone: 'Europe/Paris' });
    for (const [id, name] of [[payroll.id, 'Payroll'], [rent.id, 'Rent'], [held.id, 'Held']] as const) {
      const stored = await getRuleOrThrow(h.db, seeded.company.id, id);
      expect(iso(stored.nextRunAt), name).toBe(iso(preview.moves.find((m) => m.name === name)!.to));
    }
    const bad = await rejection(previewZoneChange(h.db, seeded.company.id, { timeZone: 'Mars/Olympus' }));
    expect((bad as AppError).fieldErrors).toEqual({ timeZone: ['Use an IANA time zone, like America/New_York'] });
  });
});
