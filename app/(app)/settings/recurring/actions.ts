'use server';

import { z } from 'zod';
import { loadRuleList } from '@/components/recurring/rule-list-data';
import { ruleListQuery } from '@/components/recurring/rule-list-query';
import { previewRowsOf } from '@/components/recurring/rule-preview-data';
import { runSummaryView } from '@/components/recurring/run-summary';
import { toastDates } from '@/lib/dates/display-date';
import { devToolsEnabled, requireDevTools } from '@/lib/dev-tools';
import { parseOrThrow } from '@/lib/errors';
import { formObject, runCompanyAction } from '@/lib/http/action';
import { runCompanyDueNow, runRuleNow, simulateCompanyDue, simulateRuleNow, storedRule } from '@/lib/recurring/manual-runs';
import { previewRule } from '@/lib/recurring/preview';
import { deleteRule, forceNextOccurrence, pauseRule, resumeRule, skipNextOccurrence } from '@/lib/recurring/rules';
import { recordId } from '@/lib/schemas/common';

// The Settings → Recurring list's actions: each authenticates and authorizes in runCompanyAction, parses its form
// with a shared schema, and makes one call into lib/recurring. The screen refreshes its list after each one.

/** Which rule a row action is about. */
const ruleRef = z.object({ ruleId: recordId });
const ruleIdOf = (formData: FormData) => parseOrThrow(ruleRef, formObject(formData)).ruleId;

/** One page of the list for the screen's filters: its every refresh (the first one is rendered with the page). */
export async function listRulesAction(_previous: unknown, formData: FormData) {
  return runCompanyAction({ name: 'listRulesAction', role: 'viewer' }, ({ db, company }) =>
    loadRuleList(db, company, parseOrThrow(ruleListQuery, formObject(formData)), { devTools: devToolsEnabled() }),
  );
}

/** The rule's next twelve occurrences: date and weekday, due date, notes, journal lines. */
export async function previewRuleAction(_previous: unknown, formData: FormData) {
  return runCompanyAction({ name: 'previewRuleAction', role: 'viewer' }, async ({ db, company }) =>
    previewRowsOf(await previewRule(db, company.id, ruleIdOf(formData), 12), company.baseCurrency, company.timeZone, company.locale),
  );
}

/** Pauses the rule, until its resume date when one is given (then the sweep resumes it). */
export async function pauseRuleAction(_previous: unknown, formData: FormData) {
  const dates = toastDates();
  return runCompanyAction(
    { name: 'pauseRuleAction', role: 'accountant' },
    ({ db, company }) => {
      dates.seen(company);
      const form = formObject(formData);
      return pauseRule(db, company.id, parseOrThrow(ruleRef, form).ruleId, { resumeOn: form.resumeOn });
    },
    (rule) => (rule.resumeOn ? `Paused until ${dates.date(rule.resumeOn)}` : 'Paused until resumed by hand'),
  );
}

export async function resumeRuleAction(_previous: unknown, formData: FormData) {
  const dates = toastDates();
  return runCompanyAction(
    { name: 'resumeRuleAction', role: 'accountant' },
    ({ db, company }) => {
      dates.seen(company);
      return resumeRule(db, company.id, ruleIdOf(formData));
    },
    (o) =>
      (o.status === 'ended' ? 'Resumed, and ended: no date is left to post' : `Resumed; next on ${o.nextOccurrence ? dates.date(o.nextOccurrence) : '—'}`) +
      (o.skipped.length ? `. ${o.skipped.length} date${o.skipped.length === 1 ? '' : 's'} before today recorded as skipped` : ''),
  );
}

export async function skipNextOccurrenceAction(_previous: unknown, formData: FormData) {
  const dates = toastDates();
  return runCompanyAction(
    { name: 'skipNextOccurrenceAction', role: 'accountant' },
    ({ db, company }) => {
      dates.seen(company);
      return skipNextOccurrence(db, company.id, ruleIdOf(formData));
    },
    (o) => `Skipped ${o.skipped.map((s) => dates.date(s.occurrenceDate)).join(', ')}${o.nextOccurrence ? `; next on ${dates.date(o.nextOccurrence)}` : '; no date is left'}`,
  );
}

/** Deletes the rule (softly: its history and the documents it posted stay). */
export async function deleteRuleAction(_previous: unknown, formData: FormData) {
  return runCompanyAction(
    { name: 'deleteRuleAction', role: 'accountant' },
    ({ db, company }) => deleteRule(db, company.id, ruleIdOf(formData)),
    () => 'Deleted; the documents it posted stay',
  );
}

// Developer tools: each refuses (403) while they are off, whoever calls it (lib/dev-tools.ts).

/** Runs this rule's due occurrences now. */
export async function runRuleNowAction(_previous: unknown, formData: FormData) {
  return runCompanyAction(
    { name: 'runRuleNowAction', role: 'accountant' },
    async ({ db, company }) => {
      requireDevTools();
      return runSummaryView(await runRuleNow(db, company.id, ruleIdOf(formData)), null, company.timeZone, company.locale);
    },
    (view) => view.headline,
  );
}

/** Posts the rule's next occurrence now, dated on its scheduled date. */
export async function forceNextOccurrenceAction(_previous: unknown, formData: FormData) {
  const dates = toastDates();
  return runCompanyAction(
    { name: 'forceNextOccurrenceAction', role: 'accountant' },
    ({ db, company }) => {
      requireDevTools();
      dates.seen(company);
      return forceNextOccurrence(db, company.id, ruleIdOf(formData));
    },
    (o) =>
      o.posted.length
        ? `Posted ${o.posted.map((p) => `${p.reference} dated ${dates.date(p.occurrenceDate)}`).join(', ')}`
        : `${o.duplicates.join(', ')} was already posted: nothing written`,
  );
}

/** What Run now would post and skip for this rule at this moment, written nowhere. */
export async function simulateRuleAction(_previous: unknown, formData: FormData) {
  return runCompanyAction(
    { name: 'simulateRuleAction', role: 'viewer' },
    async ({ db, company }) => {
      requireDevTools();
      const simulation = await simulateRuleNow(db, company.id, ruleIdOf(formData));
      return runSummaryView(simulation.summary, { date: simulation.nextOccurrence, runAt: simulation.nextRunAt }, company.timeZone, company.locale);
    },
    (view) => view.headline,
  );
}

/** The rule as stored, as JSON. */
export async function rawRuleAction(_previous: unknown, formData: FormData) {
  return runCompanyAction({ name: 'rawRuleAction', role: 'viewer' }, async ({ db, company }) => {
    requireDevTools();
    return JSON.stringify(await storedRule(db, company.id, ruleIdOf(formData)), null, 2);
  });
}

/** Runs every due rule of the company now. */
export async function runDueNowAction() {
  return runCompanyAction(
    { name: 'runDueNowAction', role: 'accountant' },
    async ({ db, company }) => {
      requireDevTools();
      return runSummaryView(await runCompanyDueNow(db, company.id), null, company.timeZone, company.locale);
    },
    (view) => view.headline,
  );
}

/** What a run of the company's due rules would post and skip now, written nowhere. */
export async function simulateDueAction() {
  return runCompanyAction(
    { name: 'simulateDueAction', role: 'viewer' },
    async ({ db, company }) => {
      requireDevTools();
      return runSummaryView(await simulateCompanyDue(db, company.id), null, company.timeZone, company.locale);
    },
    (view) => view.headline,
  );
}
