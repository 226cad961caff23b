import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { previewZoneChangeAction } from '@/app/(app)/settings/company/actions';
import { createRuleAction, previewRuleDraftAction, previewRuleEditAction, updateRuleAction } from '@/app/(app)/settings/recurring/_editor/actions';
import { recurringRules } from '@/db/schema/recurring';
import { blankRuleForm, payloadOf, type RuleFormValues } from '@/components/recurring/editor/rule-form-values';
import type { ActionResult } from '@/lib/http/action';
import { previewRule } from '@/lib/recurring/preview';
import { getRuleOrThrow } from '@/lib/recurring/rules';
import { buildWorld, type World } from './support/auth-world';
import { setDatabaseClock } from './support/db-clock';
import { actAs } from './support/next-request';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// The editor's server actions fed the editor's own form text (payloadOf), as the browser posts it: the preview they
// answer is the save they then make, and errors come back by field. The clock is the database's (New York).

vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));
vi.mock('next/cache', () => import('./support/next-request').then((m) => m.nextCache));

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** The action's data, or a failure that names the error (so a wrong answer reads well). */
function dataOf<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.data;
}

describe.each(BACKENDS)('the rule editor’s actions on %s', (backend) => {
  let h: TestDatabase;
  let w: World;
  let n = 0;
  beforeAll(async () => {
    h = await openTestDatabase(backend, { clock: true });
    w = await buildWorld(h, `editor-${backend}`);
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await setDatabaseClock(h.db, '2027-01-10T15:00:00Z');
    actAs(w.a.cookie.accountant);
  });

  /** Monthly on the 31st from 2027-01-31, Net 30, as the form holds it once filled in. */
  const rentForm = (overrides: Partial<RuleFormValues> = {}): RuleFormValues => ({
    ...blankRuleForm('2027-01-31'),
    name: `Rent ${n++}`,
    partyId: String(w.a.customer.id),
    categoryId: String(w.a.byCode('4100')),
    amount: '1,250.00',
    dayOfMonth: '31',
    dueTerm: '30',
    ...overrides,
  });
  const rulesOfA = async () => (await h.db.select({ n: count() }).from(recurringRules).where(eq(recurringRules.companyId, w.a.company.id)))[0]!.n;

  it('previews the form as typed with exact dates and due dates, and creating it saves what was previewed', async () => {
    const form = rentForm();
    const preview = dataOf(await previewRuleDraftAction(null, formData(payloadOf(form))));
    expect(preview.cadenceText).toBe('Monthly on the 31st, or the last day of shorter months');
    expect(preview.occurrences.slice(0, 4).map((o) => [o.occurrenceDate, o.dueDate, o.notes.join('; ')])).toEqual([
      ['2027-01-31', '2027-03-02', ''],
      ['2027-02-28', '2027-03-30', '31st → Feb 28'],
      ['2027-03-31', '2027-04-30', ''],
      ['2027-04-30', '2027-05-30', '31st → Apr 30'],
    ]);
    expect(preview.totalMinor).toBe(12 * 125_000);

    const created = dataOf(await createRuleAction(null, formData(payloadOf(form))));
    expect(await previewRule(h.db, w.a.company.id, created.id, 12)).toEqual(preview.occurrences.map((o) => ({ ...o, document: { ...o.document, reference: expect.any(String) } })));
  });

  it('answers the last Friday of each month, from the form’s weekday-of-week choice', async () => {
    const form = rentForm({ startDate: '2027-01-01', monthlyBy: 'nthWeekday', nthWeek: '5', nthWeekday: '5' });
    const preview = dataOf(await previewRuleDraftAction(null, formData(payloadOf(form))));
    expect(preview.cadenceText).toBe('Monthly on the last Friday');
    expect(preview.occurrences.map((o) => o.occurrenceDate)).toEqual([
      '2027-01-29', '2027-02-26', '2027-03-26', '2027-04-30', '2027-05-28', '2027-06-25',
      '2027-07-30', '2027-08-27', '2027-09-24', '2027-10-29', '2027-11-26', '2027-12-31',
    ]);
  });

  it('answers field errors the form shows at its fields, and creates nothing', async () => {
    const before = await rulesOfA();
    const decimals = await createRuleAction(null, formData(payloadOf(rentForm({ amount: '10.005' }))));
    expect(decimals.ok).toBe(false);
    expect(!decimals.ok && Object.keys(decimals.error.fields ?? {})).toEqual(['amount']);
    // A vendor is not a customer: the party must be of the type's kind.
    const vendor = await previewRuleDraftAction(null, formData(payloadOf(rentForm({ partyId: String(w.a.vendor.id) }))));
    expect(!vendor.ok && vendor.error).toMatchObject({ code: 'validation', fields: { partyId: [expect.any(String)] } });
    const schema = await createRuleAction(null, formData(payloadOf(rentForm({ name: ' ', dayOfMonth: '32' }))));
    expect(!schema.ok && schema.error.fields).toEqual({ name: ['Enter a name'], dayOfMonth: ['Day of month must be between 1 and 31'] });
    expect(await rulesOfA()).toBe(before);
  });

  it('previews an edit against the saved rule, refuses a stale save with conflict and keeps the saved rule as it was', async () => {
    const form = rentForm();
    const created = dataOf(await createRuleAction(null, formData(payloadOf(form))));
    const saved = await getRuleOrThrow(h.db, w.a.company.id, created.id);
    const edit = (values: RuleFormValues, version: number) => ({ ...payloadOf(values), ruleId: String(created.id), version: String(version) });

    const preview = dataOf(await previewRuleEditAction(null, formData(edit({ ...form, amount: '1,300.00', dayOfMonth: '15' }, saved.version))));
    expect(preview.cadenceText).toEqual({ before: 'Monthly on the 31st, or the last day of shorter months', after: 'Monthly on the 15th' });
    expect(preview.before.slice(0, 2).map((o) => o.occurrenceDate)).toEqual(['2027-01-31', '2027-02-28']);
    expect(preview.after.slice(0, 2).map((o) => [o.occurrenceDate, o.document.amountMinor])).toEqual([
      ['2027-02-15', 130_000],
      ['2027-03-15', 130_000],
    ]);
    expect(preview).toMatchObject({ replans: true, passedOver: [], version: saved.version });

    // Someone else saves first; the form still holds the version it was opened at.
    dataOf(await updateRuleAction(null, formData(edit({ ...form, amount: '1,111.00' }, saved.version))));
    const stale = await updateRuleAction(null, formData(edit({ ...form, amount: '2,222.00' }, saved.version)));
    expect(!stale.ok && stale.error).toMatchObject({ code: 'conflict' });
    expect(await getRuleOrThrow(h.db, w.a.company.id, created.id)).toMatchObject({ amountMinor: 111_100, version: saved.version + 1 });
    // The preview says which version is saved now, so the form can offer to reload it.
    expect(dataOf(await previewRuleEditAction(null, formData(edit(form, saved.version)))).version).toBe(saved.version + 1);
    const retried = dataOf(await updateRuleAction(null, formData(edit({ ...form, amount: '2,222.00' }, saved.version + 1))));
    expect(retried.version).toBe(saved.version + 2);
  });

  it('previews how a zone change moves each rule’s next run, for owners, writing nothing', async () => {
    const created = dataOf(await createRuleAction(null, formData(payloadOf(rentForm()))));
    actAs(w.a.cookie.owner);
    const moves = dataOf(await previewZoneChangeAction(null, formData({ timeZone: 'Europe/Paris' })));
    const move = moves.moves.find((m) => m.ruleId === created.id);
    // Midnight of Jan 31 in New York is 05:00 UTC; in Paris it is 23:00 UTC the day before. The date stays.
    expect(move).toMatchObject({ nextOccurrence: '2027-01-31', from: new Date('2027-01-31T05:00:00Z'), to: new Date('2027-01-30T23:00:00Z') });
    expect((await getRuleOrThrow(h.db, w.a.company.id, created.id)).nextRunAt).toEqual(new Date('2027-01-31T05:00:00Z'));
    const bad = await previewZoneChangeAction(null, formData({ timeZone: 'Mars/Olympus' }));
    expect(!bad.ok && Object.keys(bad.error.fields ?? {})).toEqual(['timeZone']);
  });
});
