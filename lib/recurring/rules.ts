import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { companies, journalEntries } from '@/db/schema/ledger';
import { recurringEvents, recurringRules } from '@/db/schema/recurring';
import { addDays, todayInZone } from '@/lib/dates/calendar-date';
import { startOfLocalDay } from '@/lib/dates/local-day';
import { AppError, fieldError, notFound, parseOrThrow } from '@/lib/errors';
import { getCompanyOrThrow } from '@/lib/ledger/companies';
import { firstOccurrence, nextOccurrence } from './calendar';
import { applyPlans, type RuleOutcome } from './execute';
import { planForce, planResume, planSkipNext, runAtFor } from './plan';
import { ruleStateOf, scheduleOf, type RuleRow } from './rule-state';
import { nextRunAtInput, pauseInput, pauseUntilInput, type RuleInput } from './schemas';
import { validateRuleInput } from './validate';

/**
 * The rule service: every action, route and script changes rules through these functions. Each takes the
 * company id and filters by it; another company's rule is "not found".
 */

export type RuleWithZone = RuleRow & { timeZone: string | null };

/** Creates an active rule planned from its start date (a past start catches up per its policy). */
export async function createRule(db: Db, companyId: string, input: RuleInput): Promise<RuleRow> {
  const company = await getCompanyOrThrow(db, companyId);
  const { values, schedule } = await validateRuleInput(db, company, input);
  const first = firstOccurrence(schedule);
  if (first === null) throw fieldError('endDate', 'No occurrence falls between the start and end dates');
  const [row] = await db
    .insert(recurringRules)
    .values({
      ...values,
      companyId,
      status: 'active',
      nextOccurrence: first,
      nextRunAt: runAtFor(first, values.createDaysAhead, company.timeZone ?? undefined),
    })
    .returning();
  if (!row) throw new Error('rule insert returned no row');
  return row;
}

/**
 * Updates a rule. A changed schedule re-plans from the edit: the next occurrence is the first one of the new
 * schedule after both yesterday and the last decided date, so nothing already posted is posted again (the
 * posting identity would refuse it anyway). Pass `version` to refuse overwriting someone else's edit.
 */
export async function updateRule(db: Db, companyId: string, ruleId: number, input: RuleInput & { version?: number | string }, now = new Date()) {
  const company = await getCompanyOrThrow(db, companyId);
  const { values, schedule } = await validateRuleInput(db, company, input);
  return db.transaction(async (tx) => {
    const current = await lockRuleOrThrow(tx, companyId, ruleId);
    if (current.status === 'deleted') throw notFound('Rule');
    if (input.version !== undefined && input.version !== '' && Number(input.version) !== current.version) {
      throw new AppError('conflict', 'This rule was changed by someone else since you opened it. Reload to see the changes.');
    }
    const zone = company.timeZone ?? undefined;
    const scheduleChanged = JSON.stringify(schedule) !== JSON.stringify(scheduleOf(current));
    let next = current.nextOccurrence;
    if (scheduleChanged || next === null) {
      // From the edit: after yesterday, and after the last decided date (which may lie ahead with days-ahead).
      const yesterday = addDays(todayInZone(now, zone), -1);
      next = nextOccurrence(schedule, current.lastOccurrence && current.lastOccurrence > yesterday ? current.lastOccurrence : yesterday);
    }
    const reachedMax = values.maxOccurrences !== null && current.occurrencesPosted >= values.maxOccurrences;
    let status = current.status;
    let statusReason = current.statusReason;
    if (status === 'ended' || status === 'completed' || status === 'active') {
      status = reachedMax ? 'completed' : next === null ? 'ended' : 'active';
      statusReason = status === 'active' ? null : status === 'completed' ? 'Reached the maximum number of occurrences' : 'No occurrence left before the end date';
    }
    const nextRunAt =
      status === 'active' && next
        ? runAtFor(next, values.createDaysAhead, zone)
        : status === 'paused' && current.resumeOn
          ? startOfLocalDay(current.resumeOn, zone)
          : null;
    const [row] = await tx
      .update(recurringRules)
      .set({ ...values, nextOccurrence: next, nextRunAt, status, statusReason, version: current.version + 1, updatedAt: now })
      .where(eq(recurringRules.id, current.id))
      .returning();
    return row!;
  });
}

/** Pauses a rule, optionally until `resumeOn` (then the sweep resumes it). */
export async function pauseRule(db: Db, companyId: string, ruleId: number, input: { resumeOn?: string | null } = {}) {
  const { resumeOn } = parseOrThrow(pauseInput, input);
  return db.transaction(async (tx) => {
    const rule = await lockRuleOrThrow(tx, companyId, ruleId);
    if (rule.status !== 'active' && rule.status !== 'paused') {
      throw new AppError('conflict', `A rule that is ${rule.status.replace('_', ' ')} cannot be paused`);
    }
    const [row] = await tx
      .update(recurringRules)
      .set({
        status: 'paused',
        statusReason: resumeOn ? `Paused until ${resumeOn}` : 'Paused by hand',
        resumeOn: resumeOn ?? null,
        nextRunAt: resumeOn ? startOfLocalDay(resumeOn, rule.timeZone ?? undefined) : null,
        version: rule.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(recurringRules.id, rule.id))
      .returning();
    return row!;
  });
}

/**
 * Resumes a paused rule (or one waiting for review). Occurrences dated before today that fell during the pause
 * are recorded as skipped for `paused`; today's and later ones post as usual.
 */
export async function resumeRule(db: Db, companyId: string, ruleId: number, now = new Date()): Promise<RuleOutcome> {
  return db.transaction(async (tx) => {
    const rule = await lockRuleOrThrow(tx, companyId, ruleId);
    if (rule.status !== 'paused' && rule.status !== 'needs_review') {
      throw new AppError('conflict', `Only a paused rule can be resumed; this one is ${rule.status.replace('_', ' ')}`);
    }
    const zone = rule.timeZone ?? undefined;
    const plan = planResume({ ...ruleStateOf(rule), status: 'paused' }, { today: todayInZone(now, zone), timeZone: zone });
    const [outcome] = await applyPlans(tx, [plan], new Map([[rule.id, rule]]));
    return outcome!;
  });
}

/** Records the next occurrence as skipped by the user and advances past it. */
export async function skipNextOccurrence(db: Db, companyId: string, ruleId: number, now = new Date()): Promise<RuleOutcome> {
  return db.transaction(async (tx) => {
    const rule = await lockRuleOrThrow(tx, companyId, ruleId);
    assertCanAct(rule);
    const zone = rule.timeZone ?? undefined;
    const [outcome] = await applyPlans(tx, [planSkipNext(ruleStateOf(rule), { today: todayInZone(now, zone), timeZone: zone })], new Map([[rule.id, rule]]));
    return outcome!;
  });
}

/**
 * Posts the next scheduled occurrence now, dated on its scheduled date with its due terms, and advances. If that
 * date is already posted it posts nothing and the outcome lists it under `duplicates`.
 */
export async function forceNextOccurrence(db: Db, companyId: string, ruleId: number, now = new Date()): Promise<RuleOutcome> {
  return db.transaction(async (tx) => {
    const rule = await lockRuleOrThrow(tx, companyId, ruleId);
    assertCanAct(rule);
    const zone = rule.timeZone ?? undefined;
    const [outcome] = await applyPlans(tx, [planForce(ruleStateOf(rule), { today: todayInZone(now, zone), timeZone: zone })], new Map([[rule.id, rule]]));
    return outcome!;
  });
}

/** Soft delete: the rule stops and disappears from lists; its history and documents stay. */
export async function deleteRule(db: Db, companyId: string, ruleId: number) {
  return db.transaction(async (tx) => {
    const rule = await lockRuleOrThrow(tx, companyId, ruleId);
    if (rule.status === 'deleted') throw notFound('Rule');
    const now = new Date();
    const [row] = await tx
      .update(recurringRules)
      .set({ status: 'deleted', statusReason: 'Deleted', deletedAt: now, nextRunAt: null, version: rule.version + 1, updatedAt: now })
      .where(eq(recurringRules.id, rule.id))
      .returning();
    return row!;
  });
}

/** Sets or clears pauseUntil: occurrences dated on or before it are skipped while the rule stays active. */
export async function setPauseUntil(db: Db, companyId: string, ruleId: number, input: { pauseUntil?: string | null }) {
  const { pauseUntil } = parseOrThrow(pauseUntilInput, input);
  return db.transaction(async (tx) => {
    const rule = await lockRuleOrThrow(tx, companyId, ruleId);
    assertCanAct(rule);
    const [row] = await tx
      .update(recurringRules)
      .set({ pauseUntil: pauseUntil ?? null, version: rule.version + 1, updatedAt: new Date() })
      .where(eq(recurringRules.id, rule.id))
      .returning();
    return row!;
  });
}

/**
 * Moves when an active rule next wakes up. The occurrences themselves keep their dates: a later `nextRunAt`
 * delays their posting (then the catch-up policy applies), an earlier one makes the sweep look sooner.
 */
export async function setNextRunAt(db: Db, companyId: string, ruleId: number, input: { nextRunAt: string }) {
  const { nextRunAt } = parseOrThrow(nextRunAtInput, input);
  return db.transaction(async (tx) => {
    const rule = await lockRuleOrThrow(tx, companyId, ruleId);
    if (rule.status !== 'active') throw new AppError('conflict', 'Only an active rule has a next run to move');
    const [row] = await tx
      .update(recurringRules)
      .set({ nextRunAt: new Date(nextRunAt), version: rule.version + 1, updatedAt: new Date() })
      .where(eq(recurringRules.id, rule.id))
      .returning();
    return row!;
  });
}

export async function getRuleOrThrow(db: Db, companyId: string, ruleId: number): Promise<RuleWithZone> {
  const [row] = await db
    .select({ rule: recurringRules, timeZone: companies.timeZone })
    .from(recurringRules)
    .innerJoin(companies, eq(companies.id, recurringRules.companyId))
    .where(and(eq(recurringRules.companyId, companyId), eq(recurringRules.id, ruleId), ne(recurringRules.status, 'deleted')));
  if (!row) throw notFound('Rule');
  return { ...row.rule, timeZone: row.timeZone };
}

export async function listRules(db: Db, companyId: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(recurringRules)
    .where(and(eq(recurringRules.companyId, companyId), ne(recurringRules.status, 'deleted')))
    .orderBy(asc(recurringRules.name), asc(recurringRules.id));
}

/** Locks a rule of the company for a change, with its company's zone. */
export async function lockRuleOrThrow(tx: Db, companyId: string, ruleId: number): Promise<RuleWithZone> {
  const [row] = await tx
    .select({ rule: recurringRules, timeZone: companies.timeZone })
    .from(recurringRules)
    .innerJoin(companies, eq(companies.id, recurringRules.companyId))
    .where(and(eq(recurringRules.companyId, companyId), eq(recurringRules.id, ruleId)))
    .for('update', { of: recurringRules });
  if (!row) throw notFound('Rule');
  return { ...row.rule, timeZone: row.timeZone };
}

function assertCanAct(rule: RuleRow) {
  if (rule.status === 'deleted') throw notFound('Rule');
  if (rule.status !== 'active' && rule.status !== 'paused') {
    throw new AppError('conflict', `This rule is ${rule.status.replace('_', ' ')}: nothing is left to post`);
  }
  if (rule.nextOccurrence === null) throw new AppError('conflict', 'This rule has no next occurrence');
}

export interface HistoryItem {
  occurrenceDate: string | null;
  outcome: 'posted' | 'skipped' | 'failed' | 'needs_review' | 'paused_after_failures';
  reason: string | null;
  message: string | null;
  documentId: number | null;
  documentNumber: string | null;
  reference: string | null;
  at: string;
}

/** Every occurrence outcome of a rule, newest first: postings from the ledger, the rest from the event log. */
export async function ruleHistory(db: Db, companyId: string, ruleId: number, limit = 200): Promise<HistoryItem[]> {
  await getRuleOrThrow(db, companyId, ruleId);
  const [docs, events] = await Promise.all([
    db
      .select({
        occurrenceDate: journalEntries.occurrenceDate,
        documentId: journalEntries.id,
        documentNumber: journalEntries.number,
        reference: journalEntries.reference,
        at: journalEntries.createdAt,
      })
      .from(journalEntries)
      .where(and(eq(journalEntries.companyId, companyId), eq(journalEntries.ruleId, ruleId)))
      .orderBy(desc(journalEntries.occurrenceDate))
      .limit(limit),
    db
      .select()
      .from(recurringEvents)
      .where(and(eq(recurringEvents.companyId, companyId), eq(recurringEvents.ruleId, ruleId)))
      .orderBy(desc(recurringEvents.createdAt))
      .limit(limit),
  ]);
  const items: HistoryItem[] = [
    ...docs.map((d) => ({ ...d, outcome: 'posted' as const, reason: null, message: null, at: d.at.toISOString() })),
    ...events.map((e) => ({
      occurrenceDate: e.occurrenceDate,
      outcome: e.outcome,
      reason: e.reason,
      message: e.message,
      documentId: null,
      documentNumber: null,
      reference: null,
      at: e.createdAt.toISOString(),
    })),
  ];
  items.sort((a, b) => (b.occurrenceDate ?? '').localeCompare(a.occurrenceDate ?? '') || b.at.localeCompare(a.at));
  return items.slice(0, limit);
}
