import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts, companies, journalEntries, parties } from '@/db/schema/ledger';
import { recurringEvents, recurringRules, recurringRuns } from '@/db/schema/recurring';
import { todayInZone } from '@/lib/dates/calendar-date';
import { logger } from '@/lib/log';
import { applyPlans, type RuleOutcome } from './execute';
import { planDueRule, type RulePlan, type RuleState } from './plan';
import { occurrenceReference, ruleStateOf, type RuleRow } from './rule-state';

/** Rules claimed per transaction: large enough for set-based writes, small enough for short locks. */
export const DEFAULT_BATCH_SIZE = 500;
/** After this many failed passes in a row a rule pauses itself, with the reason shown. */
export const MAX_CONSECUTIVE_FAILURES = 3;
/** A failed rule is retried no sooner than this, so one bad rule cannot spin inside a run. */
const RETRY_DELAY = '1 minute';

export type RunTrigger = 'interval' | 'startup' | 'cli' | 'http' | 'manual';

export interface SweepOptions {
  trigger: RunTrigger;
  companyId?: string;
  ruleId?: number;
  batchSize?: number;
  /** Stop claiming new batches after this long; the rest is left for the next run. */
  timeBudgetMs?: number;
  /** Keep per-rule outcomes in the summary (for a single rule, the CLI and tests). */
  keepOutcomes?: boolean;
  /** Checked before each batch: a stopping process finishes its batch and claims no more. */
  signal?: AbortSignal;
}

export interface RuleFailure {
  ruleId: number;
  companyId: string;
  message: string;
  pausedRule: boolean;
}

export interface SweepSummary {
  runId: number | null;
  trigger: RunTrigger;
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  companies: number;
  rules: number;
  posted: number;
  skipped: number;
  duplicates: number;
  failures: number;
  needsReview: number;
  /** True when the time budget ended the run with rules still due. */
  incomplete: boolean;
  errors: RuleFailure[];
  outcomes?: RuleOutcome[];
}

type ClaimedRule = RuleRow & {
  timeZone: string | null;
  partyName: string;
  partyDeletedAt: Date | null;
  categoryArchivedAt: Date | null;
  dbNow: Date;
};

function dueFilter(options: Pick<SweepOptions, 'companyId' | 'ruleId'>): SQL | undefined {
  return and(
    lte(recurringRules.nextRunAt, sql`now()`),
    options.companyId ? eq(recurringRules.companyId, options.companyId) : undefined,
    options.ruleId ? eq(recurringRules.id, options.ruleId) : undefined,
  );
}

/** Due rules with what planning needs, by the database's clock. With `lock`, claimed for this transaction. */
async function selectDueRules(tx: Db, options: SweepOptions, limit: number, lock: boolean): Promise<ClaimedRule[]> {
  const query = tx
    .select({
      rule: recurringRules,
      timeZone: companies.timeZone,
      partyName: parties.name,
      partyDeletedAt: parties.deletedAt,
      categoryArchivedAt: accounts.archivedAt,
      dbNow: sql<Date>`now()`.mapWith((v: unknown) => new Date(v as string)),
    })
    .from(recurringRules)
    .innerJoin(companies, eq(companies.id, recurringRules.companyId))
    .innerJoin(parties, and(eq(parties.companyId, recurringRules.companyId), eq(parties.id, recurringRules.partyId)))
    .innerJoin(accounts, and(eq(accounts.companyId, recurringRules.companyId), eq(accounts.id, recurringRules.categoryAccountId)))
    .where(dueFilter(options))
    .orderBy(asc(recurringRules.nextRunAt), asc(recurringRules.id))
    .limit(limit);
  const rows = lock ? await query.for('update', { of: recurringRules, skipLocked: true }) : await query;
  return rows.map((r) => ({ ...r.rule, timeZone: r.timeZone, partyName: r.partyName, partyDeletedAt: r.partyDeletedAt, categoryArchivedAt: r.categoryArchivedAt, dbNow: r.dbNow }));
}

/** Why a claimed rule cannot post right now, or null. */
function cannotPost(rule: ClaimedRule): string | null {
  const party = rule.type === 'invoice' ? 'customer' : 'vendor';
  if (rule.partyDeletedAt) return `Its ${party} "${rule.partyName}" was deleted: choose another ${party}`;
  if (rule.categoryArchivedAt) return 'Its category was archived: choose another category';
  return null;
}

function planClaimed(rule: ClaimedRule): RulePlan {
  const zone = rule.timeZone ?? undefined;
  return planDueRule(ruleStateOf(rule), { today: todayInZone(rule.dbNow, zone), timeZone: zone });
}

/**
 * One pass over due rules: claims batches with FOR UPDATE SKIP LOCKED (so any number of processes share the
 * work), plans each rule, and writes each batch in one transaction. A rule that cannot post is recorded and
 * retried later without blocking its batch; after 3 failures in a row it pauses itself.
 */
export async function runDueRules(db: Db, options: SweepOptions): Promise<SweepSummary> {
  const started = Date.now();
  const summary = emptySummary(options, false);
  const [run] = await db
    .insert(recurringRuns)
    .values({ trigger: options.trigger, companyId: options.companyId ?? null, ruleId: options.ruleId ?? null })
    .returning({ id: recurringRuns.id });
  summary.runId = run?.id ?? null;
  const companiesSeen = new Set<string>();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let isolate = 0; // after a batch fails unexpectedly, go one rule per transaction for that many claims
  try {
    for (;;) {
      if (options.signal?.aborted || (options.timeBudgetMs !== undefined && Date.now() - started > options.timeBudgetMs)) {
        summary.incomplete = true;
        break;
      }
      const size = isolate > 0 ? 1 : batchSize;
      let claimedIds: { id: number; companyId: string }[] = [];
      try {
        const result = await db.transaction(async (tx) => {
          const claimed = await selectDueRules(tx, options, size, true);
          claimedIds = claimed.map((r) => ({ id: r.id, companyId: r.companyId }));
          const failures: RuleFailure[] = [];
          const plans: RulePlan[] = [];
          for (const rule of claimed) {
            const reason = cannotPost(rule);
            if (reason) failures.push({ ruleId: rule.id, companyId: rule.companyId, message: reason, pausedRule: rule.consecutiveFailures + 1 >= MAX_CONSECUTIVE_FAILURES });
            else plans.push(planClaimed(rule));
          }
          const outcomes = await applyPlans(tx, plans, new Map(claimed.map((r) => [r.id, r])));
          await recordFailures(tx, failures);
          return { claimed: claimed.length, outcomes, failures };
        });
        if (isolate > 0) isolate--;
        for (const { companyId } of claimedIds) companiesSeen.add(companyId);
        summary.rules += result.claimed;
        addOutcomes(summary, result.outcomes, options.keepOutcomes);
        summary.failures += result.failures.length;
        summary.errors.push(...result.failures);
        if (result.claimed < size && isolate === 0) break;
      } catch (error) {
        // Something unforeseen (a constraint, a driver error) sank the whole batch: nothing of it was written.
        // Retry its rules one by one so that only the culprit is marked failed.
        if (claimedIds.length === 0) throw error; // the claim itself failed: nothing to isolate
        if (size > 1) {
          isolate = claimedIds.length;
          logger().warn({ err: error, rules: claimedIds.length }, 'recurring batch failed; retrying its rules one by one');
          continue;
        }
        const culprit = claimedIds[0];
        if (!culprit) throw error;
        logger().error({ err: error, ruleId: culprit.id, companyId: culprit.companyId }, 'recurring rule failed');
        const [current] = await db.select({ failures: recurringRules.consecutiveFailures }).from(recurringRules).where(eq(recurringRules.id, culprit.id));
        const failure = {
          ruleId: culprit.id,
          companyId: culprit.companyId,
          message: 'Posting failed with an internal error; it has been logged and will be retried',
          pausedRule: (current?.failures ?? 0) + 1 >= MAX_CONSECUTIVE_FAILURES,
        };
        await db.transaction((tx) => recordFailures(tx, [failure]));
        summary.failures++;
        summary.errors.push(failure);
        isolate = Math.max(0, isolate - 1);
      }
    }
  } finally {
    summary.companies = companiesSeen.size;
    summary.durationMs = Date.now() - started;
    if (summary.runId !== null) {
      await db
        .update(recurringRuns)
        .set({
          finishedAt: new Date(),
          rulesProcessed: summary.rules,
          posted: summary.posted,
          skipped: summary.skipped,
          duplicates: summary.duplicates,
          failures: summary.failures,
          errors: summary.errors.length ? JSON.stringify(summary.errors.slice(0, 50)) : null,
        })
        .where(eq(recurringRuns.id, summary.runId));
    }
  }
  return summary;
}

/**
 * Dry run: exactly what a run would post and skip right now, with no writes and no locks. It plans each due
 * rule pass after pass, as the sweep would, and marks occurrences whose documents already exist as duplicates.
 */
export async function simulateDueRules(db: Db, options: Omit<SweepOptions, 'trigger'> & { trigger?: RunTrigger; maxRules?: number }): Promise<SweepSummary> {
  const started = Date.now();
  const summary = emptySummary({ trigger: options.trigger ?? 'manual', ...options }, true);
  const due = await selectDueRules(db, { trigger: 'manual', ...options }, options.maxRules ?? 10_000, false);
  const outcomes: RuleOutcome[] = [];
  for (const rule of due) {
    const reason = cannotPost(rule);
    if (reason) {
      summary.failures++;
      summary.errors.push({ ruleId: rule.id, companyId: rule.companyId, message: reason, pausedRule: rule.consecutiveFailures + 1 >= MAX_CONSECUTIVE_FAILURES });
      continue;
    }
    outcomes.push(simulateRule(rule));
  }
  const wanted = outcomes.flatMap((o) => o.posted.map((p) => p.reference));
  const existing = new Set<string>();
  for (let i = 0; i < wanted.length; i += 5000) {
    const chunk = wanted.slice(i, i + 5000);
    const rows = await db.select({ reference: journalEntries.reference }).from(journalEntries).where(inArray(journalEntries.reference, chunk));
    for (const r of rows) existing.add(r.reference);
  }
  for (const o of outcomes) {
    o.duplicates = o.posted.filter((p) => existing.has(p.reference)).map((p) => p.occurrenceDate);
    o.posted = o.posted.filter((p) => !existing.has(p.reference));
  }
  summary.rules = due.length;
  summary.companies = new Set(due.map((r) => r.companyId)).size;
  addOutcomes(summary, outcomes, true);
  summary.durationMs = Date.now() - started;
  return summary;
}

/** Plans a due rule pass after pass in memory until the sweep would leave it, as a run would. */
function simulateRule(rule: ClaimedRule): RuleOutcome {
  const zone = rule.timeZone ?? undefined;
  const today = todayInZone(rule.dbNow, zone);
  let state: RuleState = ruleStateOf(rule);
  const outcome: RuleOutcome = { ruleId: rule.id, companyId: rule.companyId, posted: [], duplicates: [], skipped: [], status: rule.status, nextOccurrence: rule.nextOccurrence, nextRunAt: null };
  for (let pass = 0; pass < 1000; pass++) {
    const plan = planDueRule(state, { today, timeZone: zone });
    outcome.posted.push(...plan.postings.map((p) => ({ ...p, documentId: 0, reference: occurrenceReference(rule.id, p.occurrenceDate) })));
    outcome.skipped.push(...plan.skips);
    if (plan.review) outcome.review = plan.review;
    outcome.status = plan.advance.status;
    outcome.nextOccurrence = plan.advance.nextOccurrence;
    outcome.nextRunAt = plan.advance.nextRunAt?.toISOString() ?? null;
    const decided = plan.postings.length + plan.skips.length;
    state = {
      ...state,
      status: plan.advance.status,
      nextOccurrence: plan.advance.nextOccurrence,
      pauseUntil: plan.advance.pauseUntil,
      resumeOn: plan.advance.resumeOn,
      occurrencesPosted: state.occurrencesPosted + plan.postings.length,
    };
    if (decided === 0 || !plan.advance.nextRunAt || plan.advance.nextRunAt > rule.dbNow) break;
  }
  return outcome;
}

async function recordFailures(tx: Db, failures: RuleFailure[]) {
  if (failures.length === 0) return;
  const rows = failures.map((f) => ({ id: f.ruleId, message: f.message }));
  await tx.execute(sql`
    update recurring_rules r set
      consecutive_failures = r.consecutive_failures + 1,
      last_error = v.message,
      status = case when r.consecutive_failures + 1 >= ${MAX_CONSECUTIVE_FAILURES} then 'paused'::rule_status else r.status end,
      status_reason = case when r.consecutive_failures + 1 >= ${MAX_CONSECUTIVE_FAILURES}
        then 'Paused after ' || (r.consecutive_failures + 1) || ' failed attempts: ' || v.message else r.status_reason end,
      resume_on = case when r.consecutive_failures + 1 >= ${MAX_CONSECUTIVE_FAILURES} then null else r.resume_on end,
      next_run_at = case when r.consecutive_failures + 1 >= ${MAX_CONSECUTIVE_FAILURES} then null else now() + ${RETRY_DELAY}::interval end,
      version = r.version + 1,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, message text)
    where r.id = v.id`);
  await tx.insert(recurringEvents).values(
    failures.flatMap((f) => [
      { companyId: f.companyId, ruleId: f.ruleId, outcome: 'failed' as const, message: f.message },
      ...(f.pausedRule ? [{ companyId: f.companyId, ruleId: f.ruleId, outcome: 'paused_after_failures' as const, message: f.message }] : []),
    ]),
  );
}

function emptySummary(options: SweepOptions, dryRun: boolean): SweepSummary {
  return {
    runId: null,
    trigger: options.trigger,
    dryRun,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    companies: 0,
    rules: 0,
    posted: 0,
    skipped: 0,
    duplicates: 0,
    failures: 0,
    needsReview: 0,
    incomplete: false,
    errors: [],
    ...(options.keepOutcomes || dryRun ? { outcomes: [] } : {}),
  };
}

function addOutcomes(summary: SweepSummary, outcomes: RuleOutcome[], keep?: boolean) {
  for (const o of outcomes) {
    summary.posted += o.posted.length;
    summary.skipped += o.skipped.length;
    summary.duplicates += o.duplicates.length;
    if (o.review) summary.needsReview++;
  }
  if (keep) (summary.outcomes ??= []).push(...outcomes);
}
