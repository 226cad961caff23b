import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts, companies, journalEntries, parties } from '@/db/schema/ledger';
import { recurringRules, recurringRuns } from '@/db/schema/recurring';
import { parseTimestamptz, rowsOf, sqlArray } from '@/db/sql-batch';
import { todayInZone } from '@/lib/dates/calendar-date';
import { occurrenceReference } from '@/lib/ledger/numbering';
import { logger } from '@/lib/log';
import { applyFailures, applyPlans, type RuleOutcome } from './execute';
import { decide, SWEEP, type Decision, type LifecycleContext, type RuleState } from './lifecycle';
import { ruleStateOf, scheduleOf, type RuleRow, type ScheduleColumns } from './rule-state';
import { lockRuleOrThrow } from './rules';

/** Rules claimed per transaction: large enough for set-based writes, small enough for short locks. */
export const DEFAULT_BATCH_SIZE = 1000;
/**
 * Claims of one rule per run when the run is for that rule alone: each pass decides at most MAX_POSTINGS_PER_PASS
 * postings and MAX_SKIPS_PER_PASS skips, and a daily rule from year 1 skipping to today needs about 740 passes.
 */
const MAX_PASSES_PER_RULE = 1000;

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

/** A claimed rule: what the lifecycle reads (the rule's state, schedule included) and what the sweep checks. */
type ClaimedRule = RuleState & {
  timeZone: string | null;
  /** The name of the rule's party when it was deleted, else null. */
  deletedPartyName: string | null;
  categoryArchived: boolean;
  dbNow: Date;
  /** `next_run_at` as the database wrote it (microseconds): the company's keyset cursor after this rule. */
  dueKey: string;
};

/**
 * Fairness: a batch takes at most this many rules from one company while others have due rules, so one company
 * with 500,000 due rules gets its turn like the others instead of holding them back for the whole pass.
 */
export const MAX_RULES_PER_COMPANY_PER_BATCH = 50;
/**
 * Occurrences decided (posted or skipped) per transaction: a batch of rules each 30 days behind stops planning
 * here, so its memory and the time it holds its locks stay bounded whatever the catch-up depth.
 */
export const MAX_OCCURRENCES_PER_BATCH = 10_000;
/** Refills of the company queue per run: each finds the companies with rules still due; a pass needs one or two. */
const MAX_REFILLS = 1000;

function dueFilter(options: Pick<SweepOptions, 'companyId' | 'ruleId'>): SQL | undefined {
  return and(
    lte(recurringRules.nextRunAt, sql`now()`),
    options.companyId ? eq(recurringRules.companyId, options.companyId) : undefined,
    options.ruleId ? eq(recurringRules.id, options.ruleId) : undefined,
  );
}

/** Due rules with what planning needs, by the database's clock, oldest due first (no locks: for the dry run). */
async function selectDueRules(tx: Db, options: SweepOptions, limit: number): Promise<ClaimedRule[]> {
  const rows = await tx
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
    timeZone: r.timeZone,
    deletedPartyName: r.partyDeletedAt ? r.partyName : null,
    categoryArchived: r.categoryArchivedAt !== null,
    dbNow: r.dbNow,
    dueKey: r.dueKey,
  }));
}

/** Where a company's next claim starts: after the last rule claimed from it in this run (null: from its oldest). */
interface CompanyCursor {
  companyId: string;
  afterKey: string | null;
  afterId: number | null;
}

/**
 * The columns a claim reads: what planning, advancing and the failure checks need, and no more (the sweep decodes
 * them for every claimed rule). The documents themselves are built by the database from the locked rows.
 */
const PLANNING_COLUMNS = ['id', 'company_id', 'type', 'cadence', 'start_date', 'end_date', 'interval_days', 'weekday', 'interval_weeks', 'interval_months', 'day_of_month', 'end_of_month', 'nth_week', 'nth_weekday', 'max_occurrences', 'due_days', 'due_date', 'create_days_ahead', 'catch_up', 'status', 'status_reason', 'pause_until', 'resume_on', 'next_occurrence', 'occurrences_posted', 'consecutive_failures', 'last_error'];
/** What the lock reads: the planning columns and what the failure checks and the cursor need. */
const CLAIMED_COLUMNS = sql.raw(
  [...PLANNING_COLUMNS, 'party_id', 'category_account_id', 'next_run_at'].map((c) => `r.${c}`).join(', '),
);

/** What a claim returns of each locked rule: the planning columns and its keyset cursor, as text. */
const CLAIMED_OUTPUT = sql.raw(
  [...PLANNING_COLUMNS, 'due_key'].map((c) => `r.${c}`).join(', '),
);

/**
 * A claimed row (raw driver values from db.execute), decoded as drizzle would. Written out field by field: it runs
 * for every claimed rule, and an object built in one literal is several times cheaper than one assembled key by
 * key. A column planning needs is a type error here until it is claimed.
 */
function claimedRuleOf(r: Record<string, unknown>, dbNow: Date): ClaimedRule {
  return {
    id: Number(r.id),
    companyId: r.company_id as string,
    type: r.type as RuleRow['type'],
    schedule: scheduleOf({
      cadence: r.cadence as RuleRow['cadence'],
      startDate: r.start_date as string,
      endDate: r.end_date as string | null,
      intervalDays: r.interval_days as number | null,
      weekday: r.weekday as number | null,
      intervalWeeks: r.interval_weeks as number | null,
      intervalMonths: r.interval_months as number | null,
      dayOfMonth: r.day_of_month as number | null,
      endOfMonth: r.end_of_month as boolean,
      nthWeek: r.nth_week as number | null,
      nthWeekday: r.nth_weekday as number | null,
    } satisfies { [K in keyof ScheduleColumns]-?: ScheduleColumns[K] }),
    maxOccurrences: r.max_occurrences as number | null,
    dueDays: r.due_days as number,
    dueDate: r.due_date as string | null,
    createDaysAhead: r.create_days_ahead as number,
    catchUp: r.catch_up as RuleRow['catchUp'],
    status: r.status as RuleRow['status'],
    statusReason: r.status_reason as string | null,
    pauseUntil: r.pause_until as string | null,
    resumeOn: r.resume_on as string | null,
    nextOccurrence: r.next_occurrence as string | null,
    occurrencesPosted: r.occurrences_posted as number,
    consecutiveFailures: r.consecutive_failures as number,
    lastError: r.last_error as string | null,
    timeZone: (r.company_time_zone as string | null) ?? null,
    deletedPartyName: r.deleted_party_name as string | null,
    categoryArchived: r.category_archived as boolean,
    dbNow,
    dueKey: r.due_key as string,
  } satisfies { [K in keyof ClaimedRule]-?: ClaimedRule[K] };
}

type ClaimTarget = { cursors: CompanyCursor[]; perCompany: number } | { ruleIds: number[]; companyId?: string };

/**
 * Claims due rules for this transaction with FOR NO KEY UPDATE SKIP LOCKED (the advance changes no key, so
 * foreign-key checks on the rule are not held up): up to `perCompany` from each of the given companies, each from
 * its cursor on, oldest due first (the company due index serves each probe; the cursor is part of the index
 * condition, so rules this run already advanced are not scanned again). With `ruleIds`, exactly those rules if
 * they are still due. Rows come from the lock, so they are the latest versions. Whether a rule's party is deleted
 * or its category archived is one probe each into small partial indexes that hold only those rows.
 */
async function claimDueRules(tx: Db, target: ClaimTarget): Promise<ClaimedRule[]> {
  const locked =
    'cursors' in target
      ? sql`
        select r.*, r.next_run_at::text as due_key, c.ord as claim_order
        from unnest(${sqlArray(target.cursors.map((c) => c.companyId), 'uuid')},
          ${sqlArray(target.cursors.map((c) => c.afterKey ?? '-infinity'), 'timestamptz')},
          ${sqlArray(target.cursors.map((c) => c.afterId ?? 0), 'bigint')}) with ordinality as c(company_id, after_key, after_id, ord)
        cross join lateral (
          select ${CLAIMED_COLUMNS} from recurring_rules r
          where r.company_id = c.company_id and r.next_run_at <= now()
            and (r.company_id, r.next_run_at, r.id) > (c.company_id, c.after_key, c.after_id)
          order by r.next_run_at, r.id
          limit ${target.perCompany}
          for no key update of r skip locked
        ) r`
      : sql`
        select ${CLAIMED_COLUMNS}, r.next_run_at::text as due_key from recurring_rules r
        where r.id = any(${sqlArray(target.ruleIds, 'bigint')}) and r.next_run_at <= now()
          ${target.companyId ? sql`and r.company_id = ${target.companyId}` : sql``}
        order by r.next_run_at, r.id
        for no key update of r skip locked`;
  const result = await tx.execute(sql`
    with r as (${locked})
    select ${CLAIMED_OUTPUT}, (select c.time_zone from companies c where c.id = r.company_id) as company_time_zone,
      (select p.name from parties p where p.company_id = r.company_id and p.id = r.party_id and p.deleted_at is not null) as deleted_party_name,
      exists (select from accounts a where a.company_id = r.company_id and a.id = r.category_account_id and a.archived_at is not null) as category_archived,
      now()::text as db_now
    from r
    order by ${'cursors' in target ? sql`r.claim_order, ` : sql``}r.next_run_at, r.id`);
  const rows = rowsOf<Record<string, unknown>>(result);
  if (rows.length === 0) return [];
  const dbNow = parseTimestamptz(rows[0]!.db_now as string); // one statement, one now()
  return rows.map((row) => claimedRuleOf(row, dbNow));
}
/** Why a claimed rule cannot post right now, or null. */
function cannotPost(rule: ClaimedRule): string | null {
  const party = rule.type === 'invoice' ? 'customer' : 'vendor';
  if (rule.deletedPartyName !== null) return `Its ${party} "${rule.deletedPartyName}" was deleted: choose another ${party}`;
  if (rule.categoryArchived) return 'Its category was archived: choose another category';
  return null;
}

/**
 * Decides a claimed batch in claim order, and stops once MAX_OCCURRENCES_PER_BATCH occurrences are decided:
 * `applied` rules (a prefix of `claimed`) are decided, the rest stay due and are claimed again by the next batch.
 * A rule that cannot post is a failure event for the lifecycle. "Today" and its context are computed once per
 * zone, since every rule of a batch shares the clock.
 */
function planBatch(claimed: ClaimedRule[]): { plans: Decision[]; failures: Decision[]; applied: number } {
  const contexts = new Map<string | null, LifecycleContext>();
  const plans: Decision[] = [];
  const failures: Decision[] = [];
  let occurrences = 0;
  let applied = 0;
  for (const rule of claimed) {
    if (occurrences >= MAX_OCCURRENCES_PER_BATCH) break;
    applied++;
    let ctx = contexts.get(rule.timeZone);
    if (ctx === undefined) {
      const zone = rule.timeZone ?? undefined;
      ctx = { today: todayInZone(rule.dbNow, zone), timeZone: zone };
      contexts.set(rule.timeZone, ctx);
    }
    const reason = cannotPost(rule);
    if (reason) {
      failures.push(decide(rule, { kind: 'failure', message: reason, dbNow: rule.dbNow }, ctx));
      occurrences++;
      continue;
    }
    const plan = decide(rule, SWEEP, ctx);
    occurrences += Math.max(1, plan.postings.length + plan.skips.length);
    plans.push(plan);
  }
  return { plans, failures, applied };
}

/**
 * Which rules the next batch claims. Companies with due rules wait in a queue; a batch takes up to `perCompany`
 * rules from each of the companies at its head, and a company that gave a full share goes to the back with its
 * cursor moved on, so every company advances in each round whatever the size of the others. The queue starts at
 * a random company, so that concurrent sweepers mostly work on different companies (their document counters
 * then rarely wait on each other). When it empties it is refilled from the due index with cursors reset, which
 * also catches rules that a failed batch of another process left behind; the run ends when a refill round
 * claims nothing.
 */
class CompanyQueue {
  private queue: CompanyCursor[] = [];
  private refills = 0;
  private claimedSinceRefill = 0;

  constructor(private readonly companyId: string | undefined) {}

  /** The companies for a batch of `batchSize` rules and the share of each, or null when the run is over. */
  async next(db: Db, batchSize: number): Promise<{ cursors: CompanyCursor[]; perCompany: number } | null> {
    if (this.queue.length === 0) {
      if (this.refills > 0 && this.claimedSinceRefill === 0) return null;
      if (this.refills >= MAX_REFILLS) return null;
      this.refills++;
      this.claimedSinceRefill = 0;
      const due = await db
        .selectDistinct({ companyId: recurringRules.companyId })
        .from(recurringRules)
        .where(dueFilter({ companyId: this.companyId }));
      if (due.length === 0) return null;
      const start = Math.floor(Math.random() * due.length);
      this.queue = [...due.slice(start), ...due.slice(0, start)].map((d) => ({ companyId: d.companyId, afterKey: null, afterId: null }));
    }
    // With few companies left, each may fill more of the batch.
    const perCompany = Math.min(batchSize, Math.max(MAX_RULES_PER_COMPANY_PER_BATCH, Math.ceil(batchSize / this.queue.length)));
    const count = Math.max(1, Math.floor(batchSize / perCompany));
    return { cursors: this.queue.slice(0, count), perCompany };
  }

  /**
   * After a batch. A company with claimed rules the batch did not get to (see MAX_OCCURRENCES_PER_BATCH) stays at
   * the head; one that gave a full share goes to the back, past what it gave; the others are done for this round.
   */
  served(cursors: CompanyCursor[], perCompany: number, claimed: ClaimedRule[], applied: number) {
    this.claimedSinceRefill += applied;
    const last = new Map<string, ClaimedRule>();
    const counts = new Map<string, number>();
    const unfinished = new Set<string>();
    claimed.forEach((rule, i) => {
      counts.set(rule.companyId, (counts.get(rule.companyId) ?? 0) + 1);
      if (i < applied) last.set(rule.companyId, rule); // claimed in (next_run_at, id) order within a company
      else unfinished.add(rule.companyId);
    });
    const front: CompanyCursor[] = [];
    const back: CompanyCursor[] = [];
    for (const cursor of cursors) {
      const rule = last.get(cursor.companyId);
      const moved = rule ? { companyId: cursor.companyId, afterKey: rule.dueKey, afterId: rule.id } : cursor;
      if (unfinished.has(cursor.companyId)) front.push(moved);
      else if ((counts.get(cursor.companyId) ?? 0) >= perCompany) back.push(moved);
    }
    this.queue = [...front, ...this.queue.slice(cursors.length), ...back];
  }
}

/**
 * One pass over due rules: claims batches with FOR NO KEY UPDATE SKIP LOCKED (so any number of processes share the
 * work), a fair share per company (see CompanyQueue), plans each rule, and writes each batch in one transaction.
 * A rule that cannot post is recorded and retried later without blocking its batch; after 3 failures in a row it
 * pauses itself. A batch that fails for an unforeseen reason is rolled back whole, and its rules are retried one
 * per transaction so that only the culprit is marked failed.
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
  const queue = new CompanyQueue(options.companyId);
  // Rules claimed per batch: fewer when the last batch's rules each decided many occurrences (a catch-up), so
  // that a batch claims about what MAX_OCCURRENCES_PER_BATCH lets it write.
  let claimSize = batchSize;
  // One rule may need several claims (each pass decides a bounded number of its dates); never more than that allows.
  let ruleClaims = 0;
  try {
    for (;;) {
      if (options.signal?.aborted || (options.timeBudgetMs !== undefined && Date.now() - started > options.timeBudgetMs)) {
        summary.incomplete = true;
        break;
      }
      let target: ClaimTarget;
      if (options.ruleId !== undefined) {
        if (ruleClaims++ > MAX_PASSES_PER_RULE) break;
        target = { ruleIds: [options.ruleId], companyId: options.companyId };
      } else {
        const slice = await queue.next(db, claimSize);
        if (!slice) break;
        target = slice;
      }
      let claimed: ClaimedRule[] = [];
      let applied = 0;
      try {
        const result = await db.transaction(async (tx) => {
          claimed = await claimDueRules(tx, target);
          return writeBatch(tx, claimed);
        });
        applied = result.applied;
        summary.rules += applied;
        addBatch(summary, result, options.keepOutcomes);
        const decided = result.failures.length + result.outcomes.reduce((n, o) => n + o.posted.length + o.skipped.length + o.duplicates.length, 0);
        if (applied > 0) claimSize = Math.max(1, Math.min(batchSize, Math.floor(MAX_OCCURRENCES_PER_BATCH / Math.max(1, decided / applied))));
      } catch (error) {
        // Something unforeseen (a constraint, a driver error) sank the whole batch: nothing of it was written.
        if (claimed.length === 0) throw error; // the claim itself failed: nothing to isolate
        logger().warn({ err: rootCause(error), rules: claimed.length }, 'recurring batch failed; retrying its rules one by one');
        for (const rule of claimed) await runIsolated(db, rule, summary, options.keepOutcomes);
        applied = claimed.length;
      }
      for (let i = 0; i < applied; i++) companiesSeen.add(claimed[i]!.companyId);
      if ('cursors' in target) queue.served(target.cursors, target.perCompany, claimed, applied);
      else if (claimed.length === 0) break;
    }
  } finally {
    summary.companies = companiesSeen.size;
    summary.durationMs = Date.now() - started;
    if (summary.runId !== null) {
      await db
        .update(recurringRuns)
        .set({
          finishedAt: sql`now()`, // the database's clock, like started_at
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

/** Decides and writes claimed rules inside the caller's transaction. */
async function writeBatch(tx: Db, claimed: ClaimedRule[]) {
  const { plans, failures, applied } = planBatch(claimed);
  const outcomes = await applyPlans(tx, 'sweep', plans, new Map(claimed.map((r) => [r.id, r])));
  await applyFailures(tx, failures);
  return { outcomes, failures: failures.map(failureOf), applied };
}

function failureOf(decision: Decision): RuleFailure {
  return { ruleId: decision.ruleId, companyId: decision.companyId, message: decision.failure ?? '', pausedRule: decision.pausedAfterFailures };
}

function addBatch(summary: SweepSummary, batch: { outcomes: RuleOutcome[]; failures: RuleFailure[] }, keepOutcomes?: boolean) {
  addOutcomes(summary, batch.outcomes, keepOutcomes);
  summary.failures += batch.failures.length;
  summary.errors.push(...batch.failures);
}

/** The database's error rather than the driver's wrapper, whose message repeats the batch's every parameter. */
export function rootCause(error: unknown): unknown {
  return error instanceof Error && error.cause instanceof Error ? error.cause : error;
}

/**
 * Retries one rule of a failed batch in a transaction of its own. If it fails again, the failure is decided by the
 * lifecycle on the rule's current state, under its lock: the rule may have changed since the retry rolled back (a
 * deleted rule stays deleted and records nothing).
 */
async function runIsolated(db: Db, rule: ClaimedRule, summary: SweepSummary, keepOutcomes?: boolean) {
  try {
    const result = await db.transaction(async (tx) => writeBatch(tx, await claimDueRules(tx, { ruleIds: [rule.id] })));
    summary.rules += result.applied;
    addBatch(summary, result, keepOutcomes);
  } catch (error) {
    logger().error({ err: rootCause(error), ruleId: rule.id, companyId: rule.companyId }, 'recurring rule failed');
    const message = 'Posting failed with an internal error; it has been logged and will be retried';
    const decision = await db.transaction(async (tx) => {
      const locked = await lockRuleOrThrow(tx, rule.companyId, rule.id);
      const zone = locked.timeZone ?? undefined;
      const failed = decide(ruleStateOf(locked), { kind: 'failure', message, dbNow: locked.dbNow }, { today: todayInZone(locked.dbNow, zone), timeZone: zone });
      await applyFailures(tx, [failed]);
      return failed;
    });
    const failure: RuleFailure = { ruleId: rule.id, companyId: rule.companyId, message, pausedRule: decision.pausedAfterFailures };
    summary.rules++;
    summary.failures++;
    summary.errors.push(failure);
  }
}

/**
 * Dry run: exactly what a run would post and skip right now, with no writes and no locks. It plans each due
 * rule pass after pass, as the sweep would, and marks occurrences whose documents already exist as duplicates.
 */
export async function simulateDueRules(db: Db, options: Omit<SweepOptions, 'trigger'> & { trigger?: RunTrigger; maxRules?: number }): Promise<SweepSummary> {
  const started = Date.now();
  const summary = emptySummary({ trigger: options.trigger ?? 'manual', ...options }, true);
  const due = await selectDueRules(db, { trigger: 'manual', ...options }, options.maxRules ?? 10_000);
  const outcomes: RuleOutcome[] = [];
  for (const rule of due) {
    const reason = cannotPost(rule);
    if (reason) {
      const zone = rule.timeZone ?? undefined;
      const failed = decide(rule, { kind: 'failure', message: reason, dbNow: rule.dbNow }, { today: todayInZone(rule.dbNow, zone), timeZone: zone });
      summary.failures++;
      summary.errors.push(failureOf(failed));
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

/** Decides a due rule pass after pass in memory until the sweep would leave it, as a run would. */
function simulateRule(rule: ClaimedRule): RuleOutcome {
  const zone = rule.timeZone ?? undefined;
  const ctx: LifecycleContext = { today: todayInZone(rule.dbNow, zone), timeZone: zone };
  let state: RuleState = rule;
  const outcome: RuleOutcome = { ruleId: rule.id, companyId: rule.companyId, posted: [], duplicates: [], skipped: [], status: rule.status, nextOccurrence: rule.nextOccurrence, nextRunAt: null };
  for (let pass = 0; pass < MAX_PASSES_PER_RULE; pass++) {
    const plan = decide(state, SWEEP, ctx);
    outcome.posted.push(...plan.postings.map((p) => ({ ...p, documentId: 0, reference: occurrenceReference(rule.id, p.occurrenceDate) })));
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
