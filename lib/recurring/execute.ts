import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sqlArray } from '@/db/sql-batch';
import { lockDocumentCounters, MAX_DOCUMENTS_PER_STATEMENT, writeDocuments, type DocumentSource } from '@/lib/ledger/posting';
import type { EventOutcome, SkipReason } from './constants';
import { instantText, runAtFor, type RulePlan } from './plan';
import { DOCUMENT_KIND_OF, occurrenceReference, type RuleRow } from './rule-state';

export interface PostedOccurrence {
  occurrenceDate: string;
  dueDate: string;
  documentId: number;
  reference: string;
}

export interface RuleOutcome {
  ruleId: number;
  companyId: string;
  posted: PostedOccurrence[];
  /** Occurrences already posted before (by any process): nothing was written for them. */
  duplicates: string[];
  skipped: { occurrenceDate: string; reason: SkipReason }[];
  status: RuleRow['status'];
  nextOccurrence: string | null;
  nextRunAt: string | null;
  review?: string;
}

/** What `applyPlans` reads of a planned rule; everything a document needs comes from the locked row itself. */
export type AppliedRule = Pick<RuleRow, 'id' | 'companyId' | 'maxOccurrences' | 'occurrencesPosted' | 'createDaysAhead'> & { timeZone: string | null };

/**
 * Writes a batch of plans inside the caller's transaction, set-based, in a constant number of statements whatever
 * the batch's size: the skip records, one statement for the documents with their numbers and journal lines
 * (ON CONFLICT on the posting identity skips what is already posted), and one advancing every rule. Each column
 * travels as one array parameter. The rules must be locked by the caller.
 */
export async function applyPlans(tx: Db, plans: RulePlan[], rules: ReadonlyMap<number, AppliedRule>): Promise<RuleOutcome[]> {
  if (plans.length === 0) return [];
  const ruleOf = (id: number) => {
    const rule = rules.get(id);
    if (!rule) throw new Error(`plan for unknown rule ${id}`);
    return rule;
  };

  // 1. Skips (and reviews), each recorded once. First, so that the counters below are locked for less time.
  const events: EventRow[] = [];
  for (const plan of plans) {
    for (const s of plan.skips) events.push({ companyId: plan.companyId, ruleId: plan.ruleId, occurrenceDate: s.occurrenceDate, outcome: 'skipped', reason: s.reason, message: null });
    if (plan.review) events.push({ companyId: plan.companyId, ruleId: plan.ruleId, occurrenceDate: plan.advance.nextOccurrence, outcome: 'needs_review', reason: null, message: plan.review });
  }
  await insertEvents(tx, events);

  // 2. Documents and their lines, in plan order, built by the database from the locked rules.
  const postings: { ruleId: number; occurrenceDate: string; dueDate: string }[] = [];
  for (const plan of plans) for (const p of plan.postings) postings.push({ ruleId: plan.ruleId, occurrenceDate: p.occurrenceDate, dueDate: p.dueDate });
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

  // 3. Outcomes, with the final status decided on what was really written.
  let docIndex = 0;
  const outcomes = plans.map((plan): RuleOutcome => {
    const rule = ruleOf(plan.ruleId);
    const posted: PostedOccurrence[] = [];
    const duplicates: string[] = [];
    for (const p of plan.postings) {
      const i = docIndex++;
      const documentId = documentIds[i];
      if (documentId === undefined) duplicates.push(p.occurrenceDate);
      else posted.push({ occurrenceDate: p.occurrenceDate, dueDate: p.dueDate, documentId, reference: occurrenceReference(rule.id, p.occurrenceDate) });
    }
    let { status, nextRunAt } = plan.advance;
    const total = rule.occurrencesPosted + posted.length;
    if (rule.maxOccurrences !== null && total >= rule.maxOccurrences) {
      status = 'completed';
      nextRunAt = null;
    } else if (status === 'completed') {
      // Planned to complete, but some postings were duplicates counted before: one more to go.
      status = 'active';
      nextRunAt = plan.advance.nextOccurrence ? runAtFor(plan.advance.nextOccurrence, rule.createDaysAhead, rule.timeZone ?? undefined) : null;
      if (!nextRunAt) status = 'ended';
    }
    return {
      ruleId: rule.id,
      companyId: rule.companyId,
      posted,
      duplicates,
      skipped: plan.skips,
      status,
      nextOccurrence: plan.advance.nextOccurrence,
      nextRunAt: nextRunAt ? instantText(nextRunAt) : null,
      ...(plan.review ? { review: plan.review } : {}),
    };
  });

  // 4. Advance every rule in one statement.
  const column = <T extends string | number | boolean | null>(pick: (o: RuleOutcome, plan: RulePlan) => T) => outcomes.map((o, i) => pick(o, plans[i]!));
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
      ${sqlArray(column((o, plan) => (o.status === plan.advance.status ? plan.advance.statusReason : o.status === 'completed' ? 'Reached the maximum number of occurrences' : null)), 'text')},
      ${sqlArray(column((_, plan) => plan.advance.pauseUntil), 'date')}, ${sqlArray(column((_, plan) => plan.advance.resumeOn), 'date')},
      ${sqlArray(column((_, plan) => plan.advance.lastDecided), 'date')}, ${sqlArray(column((o) => o.posted.length), 'int')},
      ${sqlArray(column((_, plan) => plan.advance.lastDecided !== null), 'boolean')}
    ) as v(id, next_occurrence, next_run_at, status, status_reason, pause_until, resume_on, last_occurrence, posted, decided)
    where r.id = v.id`);
  return outcomes;
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

/**
 * The documents of rule occurrences as a `writeDocuments` source: each posting sends its rule, date and due date;
 * every other column comes from the rule row this transaction has locked. The reference is
 * `occurrenceReference` and the memo the rule's memo or else its name, as the preview shows them.
 */
function ruleDocuments(postings: { ruleId: number; occurrenceDate: string; dueDate: string }[]): DocumentSource {
  const kinds = Object.entries(DOCUMENT_KIND_OF).map(([type, kind]) => sql`when ${sql.raw(`'${type}'`)} then ${sql.raw(`'${kind}'`)}`);
  return sql`
    select r.company_id, (case r.type ${sql.join(kinds, sql` `)} end)::entry_kind as kind, p.occurrence_date as entry_date,
      'REC-' || r.id || '-' || to_char(p.occurrence_date, 'YYYY-MM-DD') as reference, coalesce(nullif(r.memo, ''), r.name) as memo,
      r.party_id, p.due_date, r.amount_minor, r.category_account_id, r.id as rule_id, p.occurrence_date, p.ord
    from unnest(${sqlArray(postings.map((p) => p.ruleId), 'bigint')}, ${sqlArray(postings.map((p) => p.occurrenceDate), 'date')},
      ${sqlArray(postings.map((p) => p.dueDate), 'date')}) with ordinality as p(rule_id, occurrence_date, due_date, ord)
    join recurring_rules r on r.id = p.rule_id`;
}
