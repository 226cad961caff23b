import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { journalEntries } from '@/db/schema/ledger';
import { recurringRules } from '@/db/schema/recurring';
import type { RuleListData } from '@/components/recurring/rule-list-data';
import type { RunSummaryView } from '@/components/recurring/run-summary';
import { addDays, todayInZone } from '@/lib/dates/calendar-date';
import { formatCalendarDate } from '@/lib/dates/display-date';
import { resetEnvCache } from '@/lib/env';
import type { ActionResult } from '@/lib/http/action';
import { createRule } from '@/lib/recurring/rules';
import { ruleLogPage } from '@/lib/recurring/rule-log';
import { buildWorld, fingerprint, type World } from './support/auth-world';
import { actAs } from './support/next-request';
import { ruleFor } from './support/recurring-fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));
vi.mock('next/cache', () => import('./support/next-request').then((m) => m.nextCache));

const actions = await import('@/app/(app)/settings/recurring/actions');

/** A date as the messages write it: in the company's date format (the world's companies are en-US). */
const shown = (date: string) => formatCalendarDate(date, 'en-US');
type Action = (previous: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/** Calls a Settings → Recurring action as company A's accountant (or `cookie`) and gives its result. */
async function call<T>(w: World, action: Action, fields: Record<string, string>, cookie = w.a.cookie.accountant): Promise<ActionResult<T>> {
  actAs(cookie);
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return (await action(null, form)) as ActionResult<T>;
}

async function ok<T>(promise: Promise<ActionResult<T>>): Promise<{ data: T; message?: string }> {
  const result = await promise;
  if (!result.ok) throw new Error(`action failed: ${JSON.stringify(result.error)}`);
  return { data: result.data, message: result.message };
}

function setDevTools(on: boolean) {
  if (on) process.env.AILEGR_DEV_TOOLS = 'true';
  else delete process.env.AILEGR_DEV_TOOLS;
  resetEnvCache();
}

const ZONE = 'America/New_York';

describe.each(BACKENDS)('the Settings → Recurring actions on %s', (backend) => {
  let h: TestDatabase;
  let w: World;
  let today: string;
  const rule = (name: string, overrides: Record<string, unknown> = {}) =>
    createRule(w.db, w.a.company.id, ruleFor(w.a, { name, startDate: addDays(today, 30), ...overrides }));
  const list = async (fields: Record<string, string> = {}) => (await ok(call<RuleListData>(w, actions.listRulesAction, fields))).data;
  /** The rule's row, found by searching for its name as the screen would. */
  const rowOf = async (id: number, q: string) => (await list({ q })).rows.find((r) => r.id === id);

  beforeAll(async () => {
    h = await openTestDatabase(backend);
    w = await buildWorld(h, backend);
    today = todayInZone(new Date(), ZONE);
  });
  afterEach(() => setDevTools(false));
  afterAll(async () => {
    await h?.close();
  });

  it('pauses with a resume date (badge "Paused until …"), resumes (Active), and both show in the list', async () => {
    const { id } = await rule('Pause me');
    const resumeOn = addDays(today, 10);
    const paused = await ok(call(w, actions.pauseRuleAction, { ruleId: String(id), resumeOn }));
    expect(paused.message).toBe(`Paused until ${shown(resumeOn)}`);
    expect((await rowOf(id, 'Pause me'))?.badge).toEqual({ label: `Paused until ${shown(resumeOn)}`, tone: 'warning' });
    expect((await rowOf(id, 'Pause me'))?.can).toEqual({ pause: false, resume: true, skipNext: true, force: true });

    const resumed = await ok(call(w, actions.resumeRuleAction, { ruleId: String(id) }));
    expect(resumed.message).toBe(`Resumed; next on ${shown(addDays(today, 30))}`);
    expect((await rowOf(id, 'Pause me'))?.badge).toEqual({ label: 'Active', tone: 'success' });
  });

  it('refuses a resume date that is not a date, at its field, and changes nothing', async () => {
    const { id } = await rule('Bad resume date');
    const before = await fingerprint(w.db);
    const result = await call(w, actions.pauseRuleAction, { ruleId: String(id), resumeOn: '2027-02-30' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fields ?? {})).toEqual(['resumeOn']);
    expect(await fingerprint(w.db)).toEqual(before);
  });

  it('skips the next occurrence: the list moves to the date after, the log says "skipped by hand"', async () => {
    const start = addDays(today, 30);
    const { id } = await rule('Skip me');
    const skipped = await ok(call(w, actions.skipNextOccurrenceAction, { ruleId: String(id) }));
    expect(skipped.message).toBe(`Skipped ${shown(start)}; next on ${shown(addDays(start, 1))}`);
    expect((await rowOf(id, 'Skip me'))?.next?.date).toBe(addDays(start, 1));
    const log = await ruleLogPage(w.db, w.a.company.id, id);
    expect(log.entries.map((e) => [e.outcome, e.occurrenceDate, 'reason' in e ? e.reason : null])).toEqual([['skipped', start, 'skipped_by_user']]);
  });

  it('deletes a rule: it leaves the list and refuses further operations, and the documents it posted stay', async () => {
    setDevTools(true);
    const { id } = await rule('Delete me', { type: 'invoice' });
    const forced = await ok(call(w, actions.forceNextOccurrenceAction, { ruleId: String(id) }));
    const reference = `REC-${id}-${addDays(today, 30)}`;
    expect(forced.message).toBe(`Posted ${reference} dated ${shown(addDays(today, 30))}`);

    expect((await ok(call(w, actions.deleteRuleAction, { ruleId: String(id) }))).message).toBe('Deleted; the documents it posted stay');
    expect(await rowOf(id, 'Delete me')).toBeUndefined();
    const [docs] = await w.db.select({ n: count() }).from(journalEntries).where(and(eq(journalEntries.reference, reference), eq(journalEntries.companyId, w.a.company.id)));
    expect(docs?.n).toBe(1);
    // Acting on it again answers as for a rule that does not exist.
    const again = await call(w, actions.skipNextOccurrenceAction, { ruleId: String(id) });
    expect(again.ok ? null : again.error.code).toBe('not_found');
  });

  it('filters by type and status (Failing too), searches rule and party names, and pages 25 at a time both ways', async () => {
    const tag = `Paging ${backend}`;
    const ids: number[] = [];
    for (let i = 0; i < 27; i++) ids.push((await rule(`${tag} ${String(i).padStart(2, '0')}`, i % 3 === 0 ? { type: 'invoice' } : {})).id);
    await w.db.update(recurringRules).set({ consecutiveFailures: 2, lastError: 'Party archived' }).where(eq(recurringRules.id, ids[4]!));

    const first = await list({ q: tag });
    expect(first.total).toBe(27);
    expect(first.rows.map((r) => r.name)).toEqual(ids.slice(0, 25).map((_, i) => `${tag} ${String(i).padStart(2, '0')}`));
    expect(first.previous).toBeNull();
    const second = await list({ q: tag, after: first.next! });
    expect(second.rows.map((r) => r.name)).toEqual([`${tag} 25`, `${tag} 26`]);
    expect(second.next).toBeNull();
    const back = await list({ q: tag, before: second.previous! });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.previous).toBeNull();

    expect((await list({ q: tag, type: 'invoice' })).rows.map((r) => r.id)).toEqual(ids.filter((_, i) => i % 3 === 0));
    const failing = await list({ q: tag, status: 'failing' });
    expect(failing.rows.map((r) => [r.id, r.badge.label, r.reason])).toEqual([[ids[4], 'Failing', 'Party archived']]);
    // A value the list does not know is dropped, not refused: a stale bookmark still opens the list.
    expect((await list({ q: tag, status: 'sleeping', after: 'not a cursor!' })).total).toBe(27);
  });

  it('the Failing filter and the Failing badge agree: a rule the filter counts shows the badge, and one with the badge is in the filter', async () => {
    const tag = `Failing agree ${backend}`;
    const made: Record<string, number> = {};
    for (const name of ['active', 'paused', 'needs_review', 'ended', 'completed', 'healthy']) made[name] = (await rule(`${tag} ${name}`)).id;
    for (const status of ['active', 'paused', 'needs_review', 'ended', 'completed'] as const) {
      await w.db.update(recurringRules).set({ status, consecutiveFailures: 3, lastError: 'Party archived' }).where(eq(recurringRules.id, made[status]!));
    }
    const all = await list({ q: tag });
    const withBadge = all.rows.filter((r) => r.badge.label === 'Failing').map((r) => r.name);
    const filtered = await list({ q: tag, status: 'failing' });
    expect(filtered.rows.map((r) => r.name)).toEqual(withBadge);
    expect(filtered.rows.map((r) => r.badge.label)).toEqual(filtered.rows.map(() => 'Failing'));
    expect(filtered.total).toBe(withBadge.length);
    // Failing is a live rule whose last pass failed: an ended, completed or review-held rule shows its own status.
    expect(withBadge).toEqual([`${tag} active`, `${tag} paused`]);
    expect(all.counts.failing - (await list({ status: 'failing' })).total).toBe(0);
  });

  it('formats each row on the server in the company zone: amount, cadence in words, next run', async () => {
    const start = addDays(today, 30);
    const { id } = await rule('Formatted', { amount: '1234.50', cadence: 'weekly', weekday: 1, intervalWeeks: 2 });
    const row = await rowOf(id, 'Formatted');
    expect(row).toMatchObject({ amount: '$1,234.50', cadence: 'Every 2 weeks on Monday', partyName: w.a.vendor.name, type: 'expense', lastRun: null });
    expect(row?.next?.runAt).toMatch(/ 12:00 AM E[SD]T$/);
    // The first Monday on or after the start.
    const monday = addDays(start, (8 - new Date(`${start}T12:00:00Z`).getUTCDay()) % 7);
    expect(row?.next?.date).toBe(monday);
  });

  it('lets a viewer list and preview, and refuses them every write (403)', async () => {
    const { id } = await rule('Viewer sees');
    const viewer = w.a.cookie.viewer;
    expect((await call<RuleListData>(w, actions.listRulesAction, { q: 'Viewer sees' }, viewer)).ok).toBe(true);
    const preview = await ok(call<{ date: string; weekday: string }[]>(w, actions.previewRuleAction, { ruleId: String(id) }, viewer));
    expect(preview.data.slice(0, 2).map((p) => p.date)).toEqual([addDays(today, 30), addDays(today, 31)]);
    for (const action of [actions.pauseRuleAction, actions.resumeRuleAction, actions.skipNextOccurrenceAction, actions.deleteRuleAction]) {
      const result = await call(w, action, { ruleId: String(id) }, viewer);
      expect(result.ok ? null : result.error.code).toBe('forbidden');
    }
  });

  it('simulates a due rule without writing, then Run now posts exactly what the simulation said', async () => {
    setDevTools(true);
    const { id } = await rule('Due now', { type: 'invoice', startDate: addDays(today, -2) });
    const before = await fingerprint(w.db);
    const simulated = await ok(call<RunSummaryView>(w, actions.simulateRuleAction, { ruleId: String(id) }));
    expect(await fingerprint(w.db)).toEqual(before);
    const dates = [addDays(today, -2), addDays(today, -1), today];
    expect(simulated.data.dryRun).toBe(true);
    expect(simulated.data.rules.flatMap((r) => r.posted.map((p) => p.reference))).toEqual(dates.map((d) => `REC-${id}-${d}`));
    expect(simulated.message).toBe('Would post 3, skip 0 (1 rule)');

    const ran = await ok(call<RunSummaryView>(w, actions.runRuleNowAction, { ruleId: String(id) }));
    expect(ran.message).toBe('Posted 3, skipped 0 (1 rule)');
    const log = await ruleLogPage(w.db, w.a.company.id, id);
    expect(log.entries.map((e) => (e.outcome === 'posted' ? e.document.reference : e.outcome))).toEqual([...dates].reverse().map((d) => `REC-${id}-${d}`));

    const nothing = await ok(call<RunSummaryView>(w, actions.simulateRuleAction, { ruleId: String(id) }));
    expect(nothing.message).toMatch(new RegExp(`^Nothing is due; next on ${shown(addDays(today, 1))} \\(runs `));
    const raw = JSON.parse((await ok(call<string>(w, actions.rawRuleAction, { ruleId: String(id) }))).data) as { id: number; occurrencesPosted: number };
    expect(raw).toMatchObject({ id, occurrencesPosted: 3 });
  });

  it('shows the sweep run log with the developer tools on, and nothing of it with them off', async () => {
    expect((await list()).runs).toBeNull();
    setDevTools(true);
    await ok(call(w, actions.runDueNowAction, {}));
    const runs = (await list()).runs!;
    expect(runs[0]).toMatchObject({ trigger: 'manual', companyOnly: true, ruleId: null, errors: [] });
    expect(runs[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe.each(BACKENDS)('the rule log on %s', (backend) => {
  let h: TestDatabase;
  let w: World;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
    w = await buildWorld(h, backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('pages a rule log newest date first, and clamps a page past the end to the last', async () => {
    const today = todayInZone(new Date(), ZONE);
    const { id } = await createRule(w.db, w.a.company.id, ruleFor(w.a, { name: 'Long log', startDate: addDays(today, 5) }));
    setDevTools(true);
    try {
      // Force, skip, force, skip, force: five dates, three posted.
      for (let i = 0; i < 5; i++) await ok(call(w, i % 2 === 0 ? actions.forceNextOccurrenceAction : actions.skipNextOccurrenceAction, { ruleId: String(id) }));
    } finally {
      setDevTools(false);
    }
    const dates = [0, 1, 2, 3, 4].map((i) => addDays(today, 5 + i));
    const page1 = await ruleLogPage(w.db, w.a.company.id, id, 1, 2);
    const page3 = await ruleLogPage(w.db, w.a.company.id, id, 3, 2);
    expect([page1.total, page1.pages]).toEqual([5, 3]);
    expect(page1.entries.map((e) => [e.occurrenceDate, e.outcome])).toEqual([
      [dates[4], 'posted'],
      [dates[3], 'skipped'],
    ]);
    expect(page3.entries.map((e) => [e.occurrenceDate, e.outcome])).toEqual([[dates[0], 'posted']]);
    expect((await ruleLogPage(w.db, w.a.company.id, id, 99, 2)).page).toBe(3);
    // Another company's rule is not found.
    await expect(ruleLogPage(w.db, w.b.company.id, id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
