import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts } from '@/db/schema/ledger';
import { recurringEvents } from '@/db/schema/recurring';
import type { SystemAccounts } from '@/lib/ledger/accounts';
import { insertDocuments, reserveNumbers, type NewDocument } from '@/lib/ledger/posting';
import type { SkipReason } from './constants';
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
 * Writes a batch of plans inside the caller's transaction, set-based: one statement for the documents (ON
 * CONFLICT on the posting identity skips what is already posted), one for their journal lines, one for skip
 * records and one advancing every rule. The rules must be locked by the caller.
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

  // 1. Documents and their lines.
  const wanted = plans.flatMap((plan) => plan.postings.map((p) => ({ plan, posting: p, rule: ruleOf(plan.ruleId) })));
  const inserted = new Map<string, number>();
  if (wanted.length > 0) {
    const companyIds = [...new Set(wanted.map((w) => w.rule.companyId))];
    const system = await systemAccountsByCompany(tx, companyIds);
    const numbers = new Map<string, string[]>();
    const groups = new Map<string, typeof wanted>(); // Map.groupBy needs node 21
    for (const w of wanted) {
      const key = `${w.rule.companyId}|${DOCUMENT_KIND_OF[w.rule.type]}`;
      const list = groups.get(key);
      if (list) list.push(w);
      else groups.set(key, [w]);
    }
    for (const [key, list] of groups) {
      const [companyId, kind] = key.split('|') as [string, 'invoice' | 'bill'];
      numbers.set(key, await reserveNumbers(tx, companyId, kind, list.length));
    }
    const docs: NewDocument[] = [];
    for (const [key, list] of groups) {
      const reserved = numbers.get(key)!;
      list.forEach(({ rule, posting }, i) =>
        docs.push({
          companyId: rule.companyId,
          kind: DOCUMENT_KIND_OF[rule.type],
          number: reserved[i]!,
          reference: occurrenceReference(rule.id, posting.occurrenceDate),
          partyId: rule.partyId,
          categoryAccountId: rule.categoryAccountId,
          amountMinor: rule.amountMinor,
          entryDate: posting.occurrenceDate,
          dueDate: posting.dueDate,
          memo: rule.memo || rule.name,
          ruleId: rule.id,
          occurrenceDate: posting.occurrenceDate,
        }),
      );
    }
    for (const row of await insertDocuments(tx, docs, system, { skipDuplicates: true })) {
      inserted.set(`${row.companyId}|${row.reference}`, row.id);
    }
  }

  // 2. Skips (and reviews), each recorded once.
  const events = plans.flatMap((plan) => [
    ...plan.skips.map((s) => ({
      companyId: plan.companyId,
      ruleId: plan.ruleId,
      occurrenceDate: s.occurrenceDate,
      outcome: 'skipped' as const,
      reason: s.reason,
    })),
    ...(plan.review
      ? [{ companyId: plan.companyId, ruleId: plan.ruleId, occurrenceDate: plan.advance.nextOccurrence, outcome: 'needs_review' as const, reason: null, message: plan.review }]
      : []),
  ]);
  if (events.length > 0) await tx.insert(recurringEvents).values(events).onConflictDoNothing();

  // 3. Outcomes, with the final status decided on what was really written.
  const outcomes = plans.map((plan): RuleOutcome => {
    const rule = ruleOf(plan.ruleId);
    const posted: PostedOccurrence[] = [];
    const duplicates: string[] = [];
    for (const p of plan.postings) {
      const reference = occurrenceReference(rule.id, p.occurrenceDate);
      const documentId = inserted.get(`${rule.companyId}|${reference}`);
      if (documentId === undefined) duplicates.push(p.occurrenceDate);
      else posted.push({ ...p, documentId, reference });
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
  const advances = outcomes.map((o, i) => {
    const plan = plans[i]!;
    return {
      id: o.ruleId,
      next_occurrence: o.nextOccurrence,
      next_run_at: o.nextRunAt,
      status: o.status,
      status_reason: o.status === plan.advance.status ? plan.advance.statusReason : o.status === 'completed' ? 'Reached the maximum number of occurrences' : null,
      pause_until: plan.advance.pauseUntil,
      resume_on: plan.advance.resumeOn,
      last_occurrence: plan.advance.lastDecided,
      posted: o.posted.length,
      decided: plan.advance.lastDecided !== null,
    };
  });
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
    from jsonb_to_recordset(${JSON.stringify(advances)}::jsonb) as v(
      id bigint, next_occurrence date, next_run_at timestamptz, status rule_status, status_reason text,
      pause_until date, resume_on date, last_occurrence date, posted int, decided boolean)
    where r.id = v.id`);
  return outcomes;
}

async function systemAccountsByCompany(tx: Db, companyIds: string[]) {
  const rows = await tx
    .select({ companyId: accounts.companyId, id: accounts.id, role: accounts.role })
    .from(accounts)
    .where(and(inArray(accounts.companyId, companyIds), isNotNull(accounts.role), inArray(accounts.role, ['receivable', 'payable'])));
  const map = new Map<string, Pick<SystemAccounts, 'receivable' | 'payable'>>();
  for (const companyId of companyIds) {
    const receivable = rows.find((r) => r.companyId === companyId && r.role === 'receivable')?.id;
    const payable = rows.find((r) => r.companyId === companyId && r.role === 'payable')?.id;
    if (receivable === undefined || payable === undefined) throw new Error(`company ${companyId} lacks A/R or A/P`);
    map.set(companyId, { receivable, payable });
  }
  return map;
}

