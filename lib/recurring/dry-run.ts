import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts, companies, journalEntries, parties } from '@/db/schema/ledger';
import { recurringRules } from '@/db/schema/recurring';
import { occurrenceReference } from '@/lib/ledger/numbering';
import { dueFilter, MAX_PASSES_PER_RULE, type ClaimedRule } from './claim';
import type { RunTrigger } from './constants';
import type { RuleOutcome } from './execute';
import { failureToPost } from './failures';
import { contextAt, decide, SWEEP, type LifecycleContext, type RuleState } from './lifecycle';
import { ruleStateOf } from './rule-state';
import { addFailures, addOutcomes, emptySummary, ruleFailureOf, type SweepOptions, type SweepSummary } from './summary';

/** References looked up per query when marking duplicates. */
const REFERENCES_PER_QUERY = 5000;

/**
 * Dry run: exactly what a run would post and skip right now, with no writes and no locks. It plans each due
 * rule pass after pass, as the sweep would, and marks occurrences whose documents already exist as duplicates.
 */
export async function simulateDueRules(db: Db, options: Omit<SweepOptions, 'trigger'> & { trigger?: RunTrigger; maxRules?: number }): Promise<SweepSummary> {
  const started = Date.now();
  const summary = emptySummary({ trigger: options.trigger ?? 'manual', ...options }, true);
  const due = await selectDueRules(db, options, options.maxRules ?? 10_000);
  const outcomes: RuleOutcome[] = [];
  for (const rule of due) {
    const ctx = contextAt(rule.dbNow, rule.timeZone);
    const failed = failureToPost(rule, ctx);
    if (failed !== null) addFailures(summary, [ruleFailureOf(failed)]);
    else outcomes.push(simulateRule(rule, ctx));
  }
  await markDuplicates(db, outcomes);
  summary.rules = due.length;
  summary.companies = new Set(due.map((r) => r.companyId)).size;
  addOutcomes(summary, outcomes, true);
  summary.durationMs = Date.now() - started;
  return summary;
}

/** Due rules with what planning needs, by the database's clock, oldest due first (no locks). */
async function selectDueRules(db: Db, options: Pick<SweepOptions, 'companyId' | 'ruleId'>, limit: number): Promise<ClaimedRule[]> {
  const rows = await db
    .select({
      rule: recurringRules,
      timeZone: companies.timeZone,
      partyName: parties.name,
      partyDeletedAt: parties.deletedAt,
      categoryArchivedAt: accounts.archivedAt,
      dbNow: sql<Date>`now()`.mapWith((v: unknown) => new Date(v as string)),
      dueKey: sql<string>`${recurringRules.nextRunAt}::text`,
    })
    .from(recurringRules)
    .innerJoin(companies, eq(companies.id, recurringRules.companyId))
    .innerJoin(parties, and(eq(parties.companyId, recurringRules.companyId), eq(parties.id, recurringRules.partyId)))
    .innerJoin(accounts, and(eq(accounts.companyId, recurringRules.companyId), eq(accounts.id, recurringRules.categoryAccountId)))
    .where(dueFilter(options))
    .orderBy(asc(recurringRules.nextRunAt), asc(recurringRules.id))
    .limit(limit);
  return rows.map((r) => ({
    ...ruleStateOf(r.rule),
    mode: r.rule.mode,
    timeZone: r.timeZone,
    deletedPartyName: r.partyDeletedAt ? r.partyName : null,
    categoryArchived: r.categoryArchivedAt !== null,
    dbNow: r.dbNow,
    dueKey: r.dueKey,
  }));
}

/** Decides a due rule pass after pass in memory until the sweep would leave it, as a run would. */
function simulateRule(rule: ClaimedRule, ctx: LifecycleContext): RuleOutcome {
  let state: RuleState = rule;
  const outcome: RuleOutcome = { ruleId: rule.id, companyId: rule.companyId, posted: [], reminded: [], duplicates: [], skipped: [], status: rule.status, nextOccurrence: rule.nextOccurrence, nextRunAt: null };
  for (let pass = 0; pass < MAX_PASSES_PER_RULE; pass++) {
    const plan = decide(state, SWEEP, ctx);
    if (rule.mode === 'remind') outcome.reminded.push(...plan.postings.map((p) => ({ ...p, reminderId: 0 })));
    else outcome.posted.push(...plan.postings.map((p) => ({ ...p, documentId: 0, reference: occurrenceReference(rule.id, p.occurrenceDate) })));
    outcome.skipped.push(...plan.skips);
    if (plan.review !== null) outcome.review = plan.review;
    outcome.status = plan.status;
    outcome.nextOccurrence = plan.nextOccurrence;
    outcome.nextRunAt = plan.nextRunAt?.toISOString() ?? null;
    const decided = plan.postings.length + plan.skips.length;
    state = {
      ...state,
      status: plan.status,
      statusReason: plan.statusReason,
      nextOccurrence: plan.nextOccurrence,
      pauseUntil: plan.pauseUntil,
      resumeOn: plan.resumeOn,
      occurrencesPosted: state.occurrencesPosted + plan.postings.length,
      consecutiveFailures: 0,
      lastError: null,
    };
    if (decided === 0 || !plan.nextRunAt || plan.nextRunAt > rule.dbNow) break;
  }
  return outcome;
}

/** Moves the planned postings whose documents already exist (posted by an earlier run) to `duplicates`. */
async function markDuplicates(db: Db, outcomes: RuleOutcome[]): Promise<void> {
  const wanted = outcomes.flatMap((o) => o.posted.map((p) => p.reference));
  const existing = new Set<string>();
  for (let i = 0; i < wanted.length; i += REFERENCES_PER_QUERY) {
    const chunk = wanted.slice(i, i + REFERENCES_PER_QUERY);
    const rows = await db.select({ reference: journalEntries.reference }).from(journalEntries).where(inArray(journalEntries.reference, chunk));
    for (const r of rows) existing.add(r.reference);
  }
  for (const o of outcomes) {
    o.duplicates = o.posted.filter((p) => existing.has(p.reference)).map((p) => p.occurrenceDate);
    o.posted = o.posted.filter((p) => !existing.has(p.reference));
  }
}
