/**
 * Dates the database or the engine cannot handle (issue 9). Year 0000 passed validation and reached PostgreSQL,
 * which has no year 0: a 500. A rule starting near 9999 broke the recurring list and the preview, whose date maths
 * ran past 9999-12-31. Every date typed in is now bounded to 0101-01-02 … 9989-12-31 and schedules end by the last
 * of those days, leaving room for a due date 3650 days later, and for a run-at 365 days earlier whose instant must
 * lie in year 0100 or later (the driver reads an instant of years 0001–0099 back as 19xx or 20xx).
 */
import { count, eq } from 'drizzle-orm';
import { isValidElement, type ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RuleListRow } from '@/components/recurring/rule-list-data';
import type { PreviewRow } from '@/components/recurring/rule-preview-data';
import { journalEntries } from '@/db/schema/ledger';
import { recurringRules } from '@/db/schema/recurring';
import { AppError } from '@/lib/errors';
import type { ActionResult } from '@/lib/http/action';
import { updateCompanyProfile } from '@/lib/services/company-profile';
import { previewDraft, previewRule } from '@/lib/recurring/preview';
import { createRule, forceNextOccurrence, getRuleOrThrow } from '@/lib/recurring/rules';
import { buildWorld, fingerprint, type World } from './support/auth-world';
import { rejection } from './support/fixtures';
import { actAs } from './support/next-request';
import { ruleFor } from './support/recurring-fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));
vi.mock('next/cache', () => import('./support/next-request').then((m) => m.nextCache));

const FIRST = '0101-01-02';
const LAST = '9989-12-31';
/** Each refused: no year 0 in PostgreSQL, the first day it has, five digits, a day before the first, a day after the last. */
const OUTSIDE = ['0000-01-01', '0001-01-01', '10000-01-01', '0101-01-01', '9990-01-01'];

/**
 * The props of the first element in a server component's tree that has `key` (its own elements only; client
 * components are not run, so this reads what the server hands them: the list's rows, the preview's occurrences).
 */
function propsWith<T>(node: ReactNode, key: string): T | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = propsWith<T>(child, key);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement<Record<string, unknown> & { children?: ReactNode }>(node)) return null;
  if (key in node.props) return node.props as T;
  return propsWith<T>(node.props.children, key);
}

/** The rows the recurring list page renders first (and hands to its client list). */
async function renderedListRows(cookie: string): Promise<RuleListRow[]> {
  actAs(cookie);
  const { default: RecurringPage } = await import('@/app/(app)/settings/recurring/page');
  const tree = await RecurringPage({ searchParams: Promise.resolve({}) });
  return propsWith<{ initial: { data: { rows: RuleListRow[] } } }>(tree, 'initial')!.initial.data.rows;
}

/** The upcoming occurrences the rule's page renders. */
async function renderedPreview(cookie: string, ruleId: number): Promise<PreviewRow[]> {
  actAs(cookie);
  const { default: RulePage } = await import('@/app/(app)/settings/recurring/[id]/page');
  const tree = await RulePage({ params: Promise.resolve({ id: String(ruleId) }), searchParams: Promise.resolve({}) });
  return propsWith<{ rows: PreviewRow[] }>(tree, 'rows')!.rows;
}

async function callAction(name: 'createInvoiceAction' | 'recordInvoicePaymentAction', cookie: string, form: Record<string, string>): Promise<ActionResult> {
  actAs(cookie);
  const actions = await import('@/app/(app)/invoices/actions');
  const data = new FormData();
  for (const [key, value] of Object.entries(form)) data.set(key, value);
  return actions[name](null, data);
}

describe.each(BACKENDS)('dates the database cannot store, on %s', (backend) => {
  let h: TestDatabase;
  let w: World;
  const ruleCount = async () => (await w.db.select({ n: count() }).from(recurringRules))[0]!.n;

  beforeAll(async () => {
    h = await openTestDatabase(backend);
    w = await buildWorld(h, `dates-${backend}`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses an invoice date outside 0101-01-02 … 9989-12-31 with a field error, changing nothing', async () => {
    const invoice = { partyId: String(w.a.customer.id), categoryId: String(w.a.byCode('4100')), amount: '10.00' };
    for (const date of OUTSIDE) {
      for (const form of [
        { ...invoice, issueDate: date, dueDate: '2026-01-01' },
        { ...invoice, issueDate: '2026-01-01', dueDate: date },
      ]) {
        const field = form.issueDate === date ? 'issueDate' : 'dueDate';
        const before = await fingerprint(w.db);
        const result = await callAction('createInvoiceAction', w.a.cookie.accountant, form);
        expect(result.ok, `${field} = ${date}`).toBe(false);
        if (result.ok) continue;
        expect(result.error.code, `${field} = ${date}`).toBe('validation');
        expect(result.error.fields, `${field} = ${date}`).toEqual({ [field]: [expect.any(String)] });
        expect(await fingerprint(w.db)).toEqual(before);
      }
    }
  });

  it('refuses a payment date outside the bounds with a field error, changing nothing', async () => {
    for (const date of OUTSIDE) {
      const before = await fingerprint(w.db);
      const result = await callAction('recordInvoicePaymentAction', w.a.cookie.accountant, {
        documentId: String(w.a.invoice.id),
        amount: '1.00',
        date,
      });
      expect(result, date).toMatchObject({ ok: false, error: { code: 'validation', fields: { date: [expect.any(String)] } } });
      expect(await fingerprint(w.db)).toEqual(before);
    }
  });

  it('refuses a rule date outside the bounds with a field error, changing nothing', async () => {
    for (const date of OUTSIDE) {
      for (const [field, overrides] of [
        ['startDate', { startDate: date }],
        ['endDate', { startDate: FIRST, endDate: date }],
        ['dueDate', { dueDate: date }],
      ] as const) {
        const rulesBefore = await ruleCount();
        const before = await fingerprint(w.db);
        const error = await rejection(createRule(w.db, w.a.company.id, ruleFor(w.a, overrides)));
        expect(error, `${field} = ${date}`).toBeInstanceOf(AppError);
        expect(error, `${field} = ${date}`).toMatchObject({ code: 'validation', fieldErrors: { [field]: [expect.any(String)] } });
        expect(await ruleCount()).toBe(rulesBefore);
        expect(await fingerprint(w.db)).toEqual(before);
      }
    }
  });

  it('accepts the first and the last allowed day on an invoice, a payment and a rule', async () => {
    const invoice = { partyId: String(w.a.customer.id), categoryId: String(w.a.byCode('4100')), amount: '10.00' };
    for (const [issueDate, dueDate] of [
      [FIRST, FIRST],
      [LAST, LAST],
      [FIRST, LAST],
    ]) {
      const created = await callAction('createInvoiceAction', w.a.cookie.accountant, { ...invoice, issueDate: issueDate!, dueDate: dueDate! });
      expect(created, `${issueDate} → ${dueDate}`).toMatchObject({ ok: true, data: { issueDate, dueDate } });
    }
    const first = await callAction('createInvoiceAction', w.a.cookie.accountant, { ...invoice, issueDate: FIRST, dueDate: FIRST });
    if (!first.ok) throw new Error('invoice not created');
    const documentId = String((first.data as { id: number }).id);
    for (const date of [FIRST, LAST]) {
      const paid = await callAction('recordInvoicePaymentAction', w.a.cookie.accountant, { documentId, amount: '1.00', date });
      expect(paid, date).toMatchObject({ ok: true, data: { entryDate: date } });
    }
    const rule = await createRule(w.db, w.a.company.id, ruleFor(w.a, { startDate: FIRST, endDate: LAST }));
    expect(rule).toMatchObject({ startDate: FIRST, endDate: LAST, nextOccurrence: FIRST });
  });

  it('plans a rule at the earliest allowed start, 365 days ahead, with a run-at that reads back as stored', async () => {
    // The run-at date is 0100-01-02. In year 100 every zone keeps its local mean time: Pacific/Apia's was +12:33:04,
    // the furthest east, which puts the run-at on 0100-01-01 UTC, still in year 0100.
    for (const [zone, runAt] of [
      ['Pacific/Apia', '0100-01-01T11:26:56.000Z'],
      ['Pacific/Kiritimati', '0100-01-02T10:29:20.000Z'],
      [null, '0100-01-02T00:00:00.000Z'],
    ] as const) {
      await updateCompanyProfile(w.db, w.b.company.id, { name: w.b.company.name, baseCurrency: 'USD', timeZone: zone });
      const rule = await createRule(w.db, w.b.company.id, ruleFor(w.b, { startDate: FIRST, createDaysAhead: 365, catchUp: 'none' }));
      const stored = await getRuleOrThrow(w.db, w.b.company.id, rule.id);
      expect(stored.nextOccurrence).toBe(FIRST);
      expect(stored.nextRunAt?.toISOString(), zone ?? 'UTC').toBe(runAt);
    }
  });

  it('shows a rule at the latest allowed start in the recurring list, its page and its preview, and posts it', async () => {
    await updateCompanyProfile(w.db, w.a.company.id, { name: w.a.company.name, baseCurrency: 'USD', timeZone: 'Pacific/Chatham' });
    const monthly = await createRule(
      w.db,
      w.a.company.id,
      ruleFor(w.a, { name: 'Last monthly', cadence: 'monthly', startDate: LAST, dueDays: 3650, createDaysAhead: 365 }),
    );
    const daily = await createRule(
      w.db,
      w.a.company.id,
      ruleFor(w.a, { name: 'Last daily', cadence: 'daily', startDate: '9989-12-29', dueDays: 3650 }),
    );
    expect(monthly).toMatchObject({ status: 'active', nextOccurrence: LAST });

    // What the list page shows: the next date of each; the daily rule's page shows its dates, which stop at the
    // last day a schedule can fall on.
    const rows = await renderedListRows(w.a.cookie.accountant);
    expect(rows.find((r) => r.id === monthly.id)?.next?.date).toBe(LAST);
    expect(rows.find((r) => r.id === daily.id)?.next?.date).toBe('9989-12-29');
    expect((await renderedPreview(w.a.cookie.accountant, daily.id)).map((p) => p.date)).toEqual(['9989-12-29', '9989-12-30', '9989-12-31']);

    // What the rule's page and the editor's preview show: one occurrence, due 3650 days later.
    const expected = { occurrenceDate: LAST, dueDate: '9999-12-29', runAt: '9988-12-30T10:15:00.000Z' };
    expect(await previewRule(w.db, w.a.company.id, monthly.id, 5)).toEqual([expect.objectContaining(expected)]);
    const draft = ruleFor(w.a, { cadence: 'monthly', startDate: LAST, dueDays: 3650, createDaysAhead: 365 });
    expect(await previewDraft(w.db, w.a.company.id, draft, 5)).toEqual([expect.objectContaining(expected)]);
    expect((await renderedPreview(w.a.cookie.accountant, monthly.id)).map((p) => [p.date, p.dueDate])).toEqual([[LAST, '9999-12-29']]);

    // Posting it now writes a due date of 9999-12-29, and the rule ends there, still listed without error.
    const outcome = await forceNextOccurrence(w.db, w.a.company.id, monthly.id);
    expect(outcome).toMatchObject({ posted: [expect.objectContaining({ occurrenceDate: LAST })], status: 'ended', nextOccurrence: null });
    const [posted] = await w.db
      .select({ entryDate: journalEntries.entryDate, dueDate: journalEntries.dueDate })
      .from(journalEntries)
      .where(eq(journalEntries.ruleId, monthly.id));
    expect(posted).toEqual({ entryDate: LAST, dueDate: '9999-12-29' });
    expect(await getRuleOrThrow(w.db, w.a.company.id, monthly.id)).toMatchObject({ status: 'ended', nextOccurrence: null });
    expect((await renderedListRows(w.a.cookie.accountant)).find((r) => r.id === monthly.id)?.badge.label).toBe('Ended');
    expect(await previewRule(w.db, w.a.company.id, monthly.id, 5)).toEqual([]);
  });
});
