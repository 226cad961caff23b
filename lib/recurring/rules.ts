import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { preparedFor } from '@/db/prepared';
import { databaseNow } from '@/db/clock';
import { companies, journalEntries } from '@/db/schema/ledger';
import { recurringEvents, recurringRules } from '@/db/schema/recurring';
import { parseTimestamptz } from '@/db/sql-batch';
import { AppError, notFound, parseOrThrow } from '@/lib/errors';
import { getCompanyOrThrow } from '@/lib/ledger/companies';
import { applyPlans, writeDecisions, type AppliedEvent, type RuleOutcome } from './execute';
import { contextAt, decide, type Decision, type LifecycleEvent } from './lifecycle';
import { draftStateOf, editedValuesOf, ruleStateOf, type RuleRow } from './rule-state';
import { nextRunAtInput, pauseInput, pauseUntilInput, ruleUpdateOptions, type RuleInput, type RuleUpdateInput } from './schemas';
import { validateRuleInput } from './validate';

/**
 * The rule service: every action, route and script changes rules through these functions. Each takes the
 * company id and filters by it; another company's rule is "not found". What a rule becomes is decided by the
 * lifecycle (`decide` in lifecycle.ts) on the locked row, with "today" from the database's clock; these functions
 * only lock, ask and write.
 */

export type RuleWithZone = RuleRow & { timeZone: string | null };
/** A rule locked for a change, with its company's zone and the database's clock of this transaction. */
export type LockedRule = RuleWithZone & { dbNow: Date };

/** Creates an active rule planned from its start date (a past start catches up per its policy). */
export async function createRule(db: Db, companyId: string, input: RuleInput): Promise<RuleRow> {
  const company = await getCompanyOrThrow(db, companyId);
  const { values, schedule } = await validateRuleInput(db, company, input);
  return db.transaction(async (tx) => {
    const created = decide(draftStateOf(companyId, values, schedule), { kind: 'create' }, contextAt(await databaseNow(tx), company.timeZone));
    const [row] = await tx
      .insert(recurringRules)
      .values({
        ...values,
        companyId,
        status: created.status,
        statusReason: created.statusReason,
        nextOccurrence: created.nextOccurrence,
        nextRunAt: created.nextRunAt,
        pauseUntil: created.pauseUntil,
        resumeOn: created.resumeOn,
      })
      .returning();
    if (!row) throw new Error('rule insert returned no row');
    return row;
  });
}

/**
 * Updates a rule. A changed schedule (or an ended or completed rule made live again) re-plans from the edit, and
 * the dates the edit passes over are recorded as skipped for `edited`, or posted with `catchUpPassed` (see the
 * lifecycle's `edit`). Pass `version` to refuse overwriting someone else's edit.
 */
export async function updateRule(db: Db, companyId: string, ruleId: number, input: RuleUpdateInput) {
  const company = await getCompanyOrThrow(db, companyId);
  const { values, schedule } = await validateRuleInput(db, company, input);
  const { version, catchUpPassed } = parseOrThrow(ruleUpdateOptions, input);
  return db.transaction(async (tx) => {
    const current = await lockRuleOrThrow(tx, companyId, ruleId);
    const edited = editedValuesOf(values, schedule);
    const decision = decide(ruleStateOf(current), { kind: 'edit', values: edited, lastOccurrence: current.lastOccurrence, catchUpPassed }, contextAt(current.dbNow, current.timeZone));
    if (version !== undefined && version !== current.version) {
      throw new AppError('conflict', 'This rule was changed by someone else since you opened it. Reload to see the changes.');
    }
    // The new values first: documents posted by the edit are built from the rule row as edited.
    await tx.update(recurringRules).set({ ...values, updatedAt: sql`now()` }).where(eq(recurringRules.id, current.id));
    await applyPlans(tx, 'edit', [decision], new Map([[current.id, { ...ruleStateOf(current), ...edited, mode: values.mode, timeZone: current.timeZone, dbNow: current.dbNow }]]));
    return ruleRowOrThrow(tx, current.id);
  });
}

/** Pauses a rule, optionally until `resumeOn` (then the sweep resumes it). */
export async function pauseRule(db: Db, companyId: string, ruleId: number, input: { resumeOn?: string | null } = {}) {
  const { resumeOn } = parseOrThrow(pauseInput, input);
  return writeEvent(db, companyId, ruleId, { kind: 'pause', resumeOn: resumeOn ?? null });
}

/**
 * Resumes a paused rule (or one waiting for review): active again, with a next occurrence (or ended if none is
 * left). Occurrences dated before today are recorded as skipped for `paused`; today's and later ones post as usual.
 */
export async function resumeRule(db: Db, companyId: string, ruleId: number): Promise<RuleOutcome> {
  return applyEvent(db, companyId, ruleId, 'resume');
}

/** Records the next occurrence as skipped by the user and advances past it. */
export async function skipNextOccurrence(db: Db, companyId: string, ruleId: number): Promise<RuleOutcome> {
  return applyEvent(db, companyId, ruleId, 'skipNext');
}

/**
 * Posts the next scheduled occurrence now, dated on its scheduled date with its due terms, and advances. If that
 * date is already posted it posts nothing and the outcome lists it under `duplicates`.
 */
export async function forceNextOccurrence(db: Db, companyId: string, ruleId: number): Promise<RuleOutcome> {
  return applyEvent(db, companyId, ruleId, 'force');
}

/** Soft delete: the rule stops and disappears from lists; its history and documents stay. */
export async function deleteRule(db: Db, companyId: string, ruleId: number) {
  return writeEvent(db, companyId, ruleId, { kind: 'delete' });
}

/** Sets or clears pauseUntil: occurrences dated on or before it are skipped while the rule stays active. */
export async function setPauseUntil(db: Db, companyId: string, ruleId: number, input: { pauseUntil?: string | null }) {
  const { pauseUntil } = parseOrThrow(pauseUntilInput, input);
  return writeEvent(db, companyId, ruleId, { kind: 'setPauseUntil', pauseUntil: pauseUntil ?? null });
}

/**
 * Moves when an active rule next wakes up. The occurrences themselves keep their dates: a later `nextRunAt`
 * delays their posting (then the catch-up policy applies), an earlier one makes the sweep look sooner.
 */
export async function setNextRunAt(db: Db, companyId: string, ruleId: number, input: { nextRunAt: string }) {
  const { nextRunAt } = parseOrThrow(nextRunAtInput, input);
  return writeEvent(db, companyId, ruleId, { kind: 'moveWakeUp', nextRunAt: new Date(nextRunAt) });
}

/** Locks the rule, decides an event that posts or skips, and writes it. */
async function applyEvent(db: Db, companyId: string, ruleId: number, kind: Exclude<AppliedEvent, 'sweep' | 'edit'>): Promise<RuleOutcome> {
  return db.transaction(async (tx) => {
    const rule = await lockRuleOrThrow(tx, companyId, ruleId);
    const state = ruleStateOf(rule);
    const decision = decide(state, { kind }, contextAt(rule.dbNow, rule.timeZone));
    const [outcome] = await applyPlans(tx, kind, [decision], new Map([[rule.id, { ...state, mode: rule.mode, timeZone: rule.timeZone, dbNow: rule.dbNow }]]));
    return outcome!;
  });
}

/** Locks the rule, decides an event that only changes its state, writes it, and returns the row. */
async function writeEvent(db: Db, companyId: string, ruleId: number, event: LifecycleEvent): Promise<RuleRow> {
  return db.transaction(async (tx) => {
    const rule = await lockRuleOrThrow(tx, companyId, ruleId);
    const decision: Decision = decide(ruleStateOf(rule), event, contextAt(rule.dbNow, rule.timeZone));
    await writeDecisions(tx, [decision]);
    return ruleRowOrThrow(tx, rule.id);
  });
}

async function ruleRowOrThrow(tx: Db, ruleId: number): Promise<RuleRow> {
  const [row] = await tx.select().from(recurringRules).where(eq(recurringRules.id, ruleId));
  if (!row) throw notFound('Rule');
  return row;
}

const ruleWithZone = preparedFor((db) =>
  db
    .select({ rule: recurringRules, timeZone: companies.timeZone })
    .from(recurringRules)
    .innerJoin(companies, eq(companies.id, recurringRules.companyId))
    .where(
      and(
        eq(recurringRules.companyId, sql.placeholder('companyId')),
        eq(recurringRules.id, sql.placeholder('ruleId')),
        ne(recurringRules.status, 'deleted'),
      ),
    )
    .prepare('rule_with_zone'),
);

export async function getRuleOrThrow(db: Db, companyId: string, ruleId: number): Promise<RuleWithZone> {
  const [row] = await ruleWithZone(db).execute({ companyId, ruleId });
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

/** Locks a rule of the company for a change, with its company's zone and the database's clock. */
export async function lockRuleOrThrow(tx: Db, companyId: string, ruleId: number): Promise<LockedRule> {
  const [row] = await tx
    .select({ rule: recurringRules, timeZone: companies.timeZone, dbNow: sql<string>`now()::text` })
    .from(recurringRules)
    .innerJoin(companies, eq(companies.id, recurringRules.companyId))
    .where(and(eq(recurringRules.companyId, companyId), eq(recurringRules.id, ruleId)))
    .for('update', { of: recurringRules });
  if (!row) throw notFound('Rule');
  return { ...row.rule, timeZone: row.timeZone, dbNow: parseTimestamptz(row.dbNow) };
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
