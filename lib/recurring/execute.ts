import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf, sqlArray } from '@/db/sql-batch';
import { instantText } from '@/lib/dates/instant-text';
import { occurrenceReference } from '@/lib/ledger/numbering';
import { lockDocumentCounters } from '@/lib/ledger/document-counters';
import { MAX_DOCUMENTS_PER_STATEMENT, writeDocuments } from '@/lib/ledger/posting';
import type { EventOutcome, RuleMode, SkipReason } from './constants';
import { contextAt, decide, type Decision, type RuleState } from './lifecycle';
import { ruleDocuments } from './rule-documents';
import type { RuleRow } from './rule-state';

interface PostedOccurrence {
  occurrenceDate: string;
  dueDate: string;
  documentId: number;
  reference: string;
}

/** An occurrence of a remind rule that came due: a reminder row (recurring_reminders), no document. */
interface RemindedOccurrence {
  occurrenceDate: string;
  dueDate: string;
  reminderId: number;
}

export interface RuleOutcome {
  ruleId: number;
  companyId: string;
  posted: PostedOccurrence[];
  /** A remind rule's occurrences: written as reminders where a post rule's are documents. */
  reminded: RemindedOccurrence[];
  /** Occurrences already posted before (by any process): nothing was written for them. */
  duplicates: string[];
  skipped: { occurrenceDate: string; reason: SkipReason }[];
  status: RuleRow['status'];
  nextOccurrence: string | null;
  nextRunAt: string | null;
  review?: string;
}

/**
 * A rule as `applyPlans` receives it: its state when decided (locked by the caller), its mode, its zone, the
 * database's now.
 */
export type AppliedRule = RuleState & { mode: RuleMode; timeZone: string | null; dbNow: Date };

/** The events whose decisions `applyPlans` writes: those that post or skip occurrences. */
export type AppliedEvent = 'sweep' | 'force' | 'skipNext' | 'resume' | 'edit';

/**
 * Writes a batch of lifecycle decisions (one event kind) inside the caller's transaction, set-based, in a constant
 * number of statements whatever the batch's size: the skip records, one statement for the documents with their
 * numbers and journal lines (ON CONFLICT on the posting identity skips what is already posted), and one advancing
 * every rule. Each column travels as one array parameter. The rules must be locked by the caller. A posting that
 * turns out to exist already is a `duplicates` event for the lifecycle, whose answer is written instead.
 */
export async function applyPlans(tx: Db, of: AppliedEvent, plans: Decision[], rules: ReadonlyMap<number, AppliedRule>): Promise<RuleOutcome[]> {
  if (plans.length === 0) return [];
  // Skips (and reviews) first, so that the document counters are locked for less time.
  await recordSkipsAndReviews(tx, plans);
  const documentIds = await writePostings(tx, plans, rules);
  const { outcomes, decided } = outcomesOf(of, plans, rules, documentIds);
  await advanceRules(tx, outcomes, decided);
  return outcomes;
}

/** The skips and reviews of decisions, each recorded once. */
async function recordSkipsAndReviews(tx: Db, plans: Decision[]): Promise<void> {
  const events: EventRow[] = [];
  for (const plan of plans) {
    // The advance resets the failure count: only decisions that say so are written by applyPlans.
    if (plan.consecutiveFailures !== 0 || plan.failure !== null || plan.keepNextRunAt) throw new Error(`rule ${plan.ruleId}: this decision goes through writeDecisions or applyFailures`);
    for (const s of plan.skips) events.push({ companyId: plan.companyId, ruleId: plan.ruleId, occurrenceDate: s.occurrenceDate, outcome: 'skipped', reason: s.reason, message: null });
    if (plan.review !== null) events.push({ companyId: plan.companyId, ruleId: plan.ruleId, occurrenceDate: plan.nextOccurrence, outcome: 'needs_review', reason: null, message: plan.review });
  }
  await insertEvents(tx, events);
}

/**
 * The documents of the decisions' postings and their lines, in plan order, built by the database from the locked
 * rules; a remind rule's postings are reminders instead. Returns each posting's document id (a remind rule's: its
 * reminder id), or undefined where it had been posted (reminded) before.
 */
async function writePostings(tx: Db, plans: Decision[], rules: ReadonlyMap<number, AppliedRule>): Promise<(number | undefined)[]> {
  const postings: { ruleId: number; occurrenceDate: string; dueDate: string }[] = [];
  // Positions of remind rules' postings; a batch of post rules (the herd) never fills it and runs as before.
  const reminderAt: number[] = [];
  for (const plan of plans) {
    const remind = plan.postings.length > 0 && rules.get(plan.ruleId)?.mode === 'remind';
    for (const p of plan.postings) {
      if (remind) reminderAt.push(postings.length);
      postings.push({ ruleId: plan.ruleId, occurrenceDate: p.occurrenceDate, dueDate: p.dueDate });
    }
  }
  if (reminderAt.length > 0) return writePostingsWithReminders(tx, postings, reminderAt);
  return writeDocumentPostings(tx, postings);
}

/** Documents for postings of post rules, in order: each one's id, or undefined where it was posted before. */
async function writeDocumentPostings(tx: Db, postings: { ruleId: number; occurrenceDate: string; dueDate: string }[]): Promise<(number | undefined)[]> {
  const documentIds: (number | undefined)[] = new Array(postings.length);
  // Several statements: lock every counter of the batch first, in key order, or two sweepers deadlock across them
  // (one posting per rule names its counter).
  if (postings.length > MAX_DOCUMENTS_PER_STATEMENT) {
    await lockDocumentCounters(tx, ruleDocuments(postings.filter((p, i) => p.ruleId !== postings[i - 1]?.ruleId)));
  }
  for (let start = 0; start < postings.length; start += MAX_DOCUMENTS_PER_STATEMENT) {
    const chunk = postings.slice(start, start + MAX_DOCUMENTS_PER_STATEMENT);
    const inserted = await writeDocuments(tx, ruleDocuments(chunk), { skipDuplicates: true });
    for (const row of inserted) documentIds[start + row.index] = row.id;
  }
  return documentIds;
}

/** A batch with remind rules: their postings become reminders, the others documents, ids in the batch's order. */
async function writePostingsWithReminders(
  tx: Db,
  postings: { ruleId: number; occurrenceDate: string; dueDate: string }[],
  reminderAt: number[],
): Promise<(number | undefined)[]> {
  const isReminder = new Set(reminderAt);
  const documentAt = postings.map((_, i) => i).filter((i) => !isReminder.has(i));
  const ids: (number | undefined)[] = new Array(postings.length);
  const documentIds = await writeDocumentPostings(tx, documentAt.map((i) => postings[i]!));
  documentAt.forEach((at, i) => (ids[at] = documentIds[i]));
  const reminders = reminderAt.map((i) => postings[i]!);
  const reminderIds = await insertReminders(tx, reminders);
  reminderAt.forEach((at, i) => (ids[at] = reminderIds[i]));
  return ids;
}

/**
 * One reminder per remind occurrence, its amount the locked rule's: a reminder already written for its rule and
 * date (by any process) is left as it was and answered undefined, a duplicate like a posted document.
 */
async function insertReminders(tx: Db, reminders: { ruleId: number; occurrenceDate: string; dueDate: string }[]): Promise<(number | undefined)[]> {
  const ids: (number | undefined)[] = new Array(reminders.length);
  for (let start = 0; start < reminders.length; start += MAX_DOCUMENTS_PER_STATEMENT) {
    const chunk = reminders.slice(start, start + MAX_DOCUMENTS_PER_STATEMENT);
    const inserted = rowsOf<{ id: number | string; rule_id: number | string; occurrence_date: string }>(
      await tx.execute(sql`
        insert into recurring_reminders (company_id, rule_id, occurrence_date, due_date, amount_minor)
        select r.company_id, r.id, p.occurrence_date, p.due_date, r.amount_minor
        from unnest(${sqlArray(chunk.map((p) => p.ruleId), 'bigint')}, ${sqlArray(chunk.map((p) => p.occurrenceDate), 'date')},
          ${sqlArray(chunk.map((p) => p.dueDate), 'date')}) with ordinality as p(rule_id, occurrence_date, due_date, ord)
        join recurring_rules r on r.id = p.rule_id
        order by p.ord
        on conflict (rule_id, occurrence_date) do nothing
        returning id, rule_id, occurrence_date::text as occurrence_date`),
    );
    const byKey = new Map(inserted.map((row) => [`${row.rule_id}|${row.occurrence_date}`, Number(row.id)]));
    chunk.forEach((p, i) => (ids[start + i] = byKey.get(`${p.ruleId}|${p.occurrenceDate}`)));
  }
  return ids;
}

/**
 * Each rule's outcome, from what was really written. A plan with duplicates goes back to the lifecycle, which
 * decides on what was written: `decided` is the decision to apply for each plan.
 */
function outcomesOf(
  of: AppliedEvent,
  plans: Decision[],
  rules: ReadonlyMap<number, AppliedRule>,
  documentIds: (number | undefined)[],
): { outcomes: RuleOutcome[]; decided: Decision[] } {
  let docIndex = 0;
  const decided = plans.slice();
  const outcomes = plans.map((planned, i): RuleOutcome => {
    const rule = rules.get(planned.ruleId);
    if (!rule) throw new Error(`plan for unknown rule ${planned.ruleId}`);
    let plan = planned;
    const posted: PostedOccurrence[] = [];
    const reminded: RemindedOccurrence[] = [];
    const duplicates: string[] = [];
    for (const p of plan.postings) {
      const id = documentIds[docIndex++];
      if (id === undefined) duplicates.push(p.occurrenceDate);
      else if (rule.mode === 'remind') reminded.push({ occurrenceDate: p.occurrenceDate, dueDate: p.dueDate, reminderId: id });
      else posted.push({ occurrenceDate: p.occurrenceDate, dueDate: p.dueDate, documentId: id, reference: occurrenceReference(rule.id, p.occurrenceDate) });
    }
    if (duplicates.length > 0 && of !== 'skipNext') {
      plan = decide(rule, { kind: 'duplicates', of, planned, written: posted.length + reminded.length }, contextAt(rule.dbNow, rule.timeZone));
      decided[i] = plan;
    }
    return {
      ruleId: rule.id,
      companyId: rule.companyId,
      posted,
      reminded,
      duplicates,
      skipped: plan.skips,
      status: plan.status,
      nextOccurrence: plan.nextOccurrence,
      nextRunAt: plan.nextRunAt ? instantText(plan.nextRunAt) : null,
      ...(plan.review !== null ? { review: plan.review } : {}),
    };
  });
  return { outcomes, decided };
}

/** Advances every rule in one statement, as decided. */
async function advanceRules(tx: Db, outcomes: RuleOutcome[], decided: Decision[]): Promise<void> {
  const column = <T extends string | number | boolean | null>(pick: (o: RuleOutcome, plan: Decision) => T) => outcomes.map((o, i) => pick(o, decided[i]!));
  await tx.execute(sql`
    update recurring_rules r set
      next_occurrence = v.next_occurrence,
      next_run_at = v.next_run_at,
      status = v.status,
      status_reason = v.status_reason,
      pause_until = v.pause_until,
      resume_on = v.resume_on,
      last_occurrence = coalesce(v.last_occurrence, r.last_occurrence),
      occurrences_posted = r.occurrences_posted + v.posted,
      last_run_at = case when v.decided then now() else r.last_run_at end,
      consecutive_failures = 0,
      last_error = null,
      version = r.version + 1,
      updated_at = now()
    from unnest(
      ${sqlArray(column((o) => o.ruleId), 'bigint')}, ${sqlArray(column((o) => o.nextOccurrence), 'date')},
      ${sqlArray(column((o) => o.nextRunAt), 'timestamptz')}, ${sqlArray(column((o) => o.status), 'rule_status')},
      ${sqlArray(column((_, plan) => plan.statusReason), 'text')},
      ${sqlArray(column((_, plan) => plan.pauseUntil), 'date')}, ${sqlArray(column((_, plan) => plan.resumeOn), 'date')},
      ${sqlArray(column((_, plan) => plan.lastDecided), 'date')}, ${sqlArray(column((o) => o.posted.length + o.reminded.length), 'int')},
      ${sqlArray(column((_, plan) => plan.lastDecided !== null), 'boolean')}
    ) as v(id, next_occurrence, next_run_at, status, status_reason, pause_until, resume_on, last_occurrence, posted, decided)
    where r.id = v.id`);
}

/**
 * Writes decisions that post and skip nothing (pause, delete, pauseUntil, a moved wake-up, a zone change, failures):
 * the rule's state columns as decided, in one statement per MAX_DOCUMENTS_PER_STATEMENT rules. A deleted rule's
 * `deleted_at` is set here, once.
 */
export async function writeDecisions(tx: Db, decisions: Decision[]): Promise<void> {
  for (let start = 0; start < decisions.length; start += MAX_DOCUMENTS_PER_STATEMENT) {
    const chunk = decisions.slice(start, start + MAX_DOCUMENTS_PER_STATEMENT);
    if (chunk.some((d) => d.postings.length > 0 || d.skips.length > 0 || d.review !== null)) throw new Error('a decision that posts or skips goes through applyPlans');
    const column = <T extends string | number | boolean | null>(pick: (d: Decision) => T) => chunk.map(pick);
    await tx.execute(sql`
      update recurring_rules r set
        status = v.status,
        status_reason = v.status_reason,
        next_occurrence = v.next_occurrence,
        next_run_at = case when v.keep_next_run_at then r.next_run_at else v.next_run_at end,
        pause_until = v.pause_until,
        resume_on = v.resume_on,
        consecutive_failures = v.consecutive_failures,
        last_error = v.last_error,
        deleted_at = case when v.status = 'deleted' then coalesce(r.deleted_at, now()) end,
        version = r.version + 1,
        updated_at = now()
      from unnest(
        ${sqlArray(column((d) => d.ruleId), 'bigint')}, ${sqlArray(column((d) => d.status), 'rule_status')},
        ${sqlArray(column((d) => d.statusReason), 'text')}, ${sqlArray(column((d) => d.nextOccurrence), 'date')},
        ${sqlArray(column((d) => (d.nextRunAt ? instantText(d.nextRunAt) : null)), 'timestamptz')},
        ${sqlArray(column((d) => d.pauseUntil), 'date')}, ${sqlArray(column((d) => d.resumeOn), 'date')},
        ${sqlArray(column((d) => d.consecutiveFailures), 'int')}, ${sqlArray(column((d) => d.lastError), 'text')},
        ${sqlArray(column((d) => d.keepNextRunAt), 'boolean')}
      ) as v(id, status, status_reason, next_occurrence, next_run_at, pause_until, resume_on, consecutive_failures, last_error, keep_next_run_at)
      where r.id = v.id`);
  }
}

/**
 * Writes failure decisions (rules locked by the caller): the rule's state as decided, and its history (`failed`,
 * and `paused_after_failures` when it paused itself). A decision that records no failure (a deleted rule's) writes
 * nothing at all.
 */
export async function applyFailures(tx: Db, decisions: Decision[]): Promise<void> {
  const recorded = decisions.filter((d) => d.failure !== null);
  if (recorded.length === 0) return;
  await writeDecisions(tx, recorded);
  const events: EventRow[] = [];
  for (const d of recorded) {
    events.push({ companyId: d.companyId, ruleId: d.ruleId, occurrenceDate: null, outcome: 'failed', reason: null, message: d.failure });
    if (d.pausedAfterFailures) events.push({ companyId: d.companyId, ruleId: d.ruleId, occurrenceDate: null, outcome: 'paused_after_failures', reason: null, message: d.failure });
  }
  await insertEvents(tx, events);
}

interface EventRow {
  companyId: string;
  ruleId: number;
  occurrenceDate: string | null;
  outcome: EventOutcome;
  reason: SkipReason | null;
  message: string | null;
}

/**
 * Records history rows, one statement per MAX_DOCUMENTS_PER_STATEMENT rows; a skip already recorded for its date
 * is left as it was.
 */
async function insertEvents(tx: Db, events: EventRow[]): Promise<void> {
  for (let start = 0; start < events.length; start += MAX_DOCUMENTS_PER_STATEMENT) {
    const chunk = events.slice(start, start + MAX_DOCUMENTS_PER_STATEMENT);
    await tx.execute(sql`
      insert into recurring_events (company_id, rule_id, occurrence_date, outcome, reason, message)
      select * from unnest(
        ${sqlArray(chunk.map((e) => e.companyId), 'uuid')}, ${sqlArray(chunk.map((e) => e.ruleId), 'bigint')},
        ${sqlArray(chunk.map((e) => e.occurrenceDate), 'date')}, ${sqlArray(chunk.map((e) => e.outcome), 'event_outcome')},
        ${sqlArray(chunk.map((e) => e.reason), 'skip_reason')}, ${sqlArray(chunk.map((e) => e.message), 'text')})
      on conflict do nothing`);
  }
}
