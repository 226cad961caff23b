import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts } from '@/db/schema/ledger';
import { sqlArray } from '@/db/sql-batch';
import type { SystemAccounts } from '@/lib/ledger/accounts';
import { insertDocuments, MAX_DOCUMENTS_PER_STATEMENT, reserveNumberBlocks, type NewDocument } from '@/lib/ledger/posting';
import type { EventOutcome, SkipReason } from './constants';
import { runAtFor, type RulePlan } from './plan';
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

/**
 * Writes a batch of plans inside the caller's transaction, set-based, in a constant number of statements whatever
 * the batch's size: the skip records, one reservation of document numbers for every (company, kind), one
 * statement for the documents and their journal lines (ON CONFLICT on the posting identity skips what is already
 * posted), and one advancing every rule. Each column travels as one array parameter. The rules must be locked by
 * the caller.
 */
export async function applyPlans(
  tx: Db,
  plans: RulePlan[],
  rules: ReadonlyMap<number, RuleRow & { timeZone: string | null }>,
): Promise<RuleOutcome[]> {
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

  // 2. Documents and their lines, in plan order; numbers come from one block per (company, kind).
  const docs: NewDocument[] = [];
  for (const plan of plans) {
    if (plan.postings.length === 0) continue;
    const rule = ruleOf(plan.ruleId);
    const kind = DOCUMENT_KIND_OF[rule.type];
    for (const posting of plan.postings) {
      docs.push({
        companyId: rule.companyId,
        kind,
        number: '',
        reference: occurrenceReference(rule.id, posting.occurrenceDate),
        partyId: rule.partyId,
        categoryAccountId: rule.categoryAccountId,
        amountMinor: rule.amountMinor,
        entryDate: posting.occurrenceDate,
        dueDate: posting.dueDate,
        memo: rule.memo || rule.name,
        ruleId: rule.id,
        occurrenceDate: posting.occurrenceDate,
      });
    }
  }
  const documentIds: (number | undefined)[] = new Array(docs.length);
  if (docs.length > 0) {
    const system = await systemAccountsByCompany(tx, [...new Set(docs.map((d) => d.companyId))]);
    const groups = new Map<string, NewDocument[]>(); // Map.groupBy needs node 21
    for (const doc of docs) {
      const key = `${doc.companyId}|${doc.kind}`;
      const list = groups.get(key);
      if (list) list.push(doc);
      else groups.set(key, [doc]);
    }
    const lists = [...groups.values()];
    const blocks = await reserveNumberBlocks(tx, lists.map((list) => ({ companyId: list[0]!.companyId, kind: list[0]!.kind, count: list.length })));
    lists.forEach((list, g) => list.forEach((doc, i) => (doc.number = blocks[g]!.numbers[i]!)));
    for (const row of await insertDocuments(tx, docs, system, { skipDuplicates: true })) documentIds[row.index] = row.id;
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
      else posted.push({ ...p, documentId, reference: docs[i]!.reference });
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
      nextRunAt: nextRunAt?.toISOString() ?? null,
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

async function systemAccountsByCompany(tx: Db, companyIds: string[]) {
  const rows = await tx
    .select({ companyId: accounts.companyId, id: accounts.id, role: accounts.role })
    .from(accounts)
    .where(and(inArray(accounts.companyId, companyIds), isNotNull(accounts.role), inArray(accounts.role, ['receivable', 'payable'])));
  const found = new Map<string, Partial<Pick<SystemAccounts, 'receivable' | 'payable'>>>();
  for (const r of rows) {
    const entry = found.get(r.companyId) ?? {};
    if (r.role === 'receivable' || r.role === 'payable') entry[r.role] = r.id;
    found.set(r.companyId, entry);
  }
  const map = new Map<string, Pick<SystemAccounts, 'receivable' | 'payable'>>();
  for (const companyId of companyIds) {
    const { receivable, payable } = found.get(companyId) ?? {};
    if (receivable === undefined || payable === undefined) throw new Error(`company ${companyId} lacks A/R or A/P`);
    map.set(companyId, { receivable, payable });
  }
  return map;
}
