import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recurringRuns } from '@/db/schema/recurring';
import { rootCause } from '@/lib/errors';
import { logger } from '@/lib/log';
import { MAX_OCCURRENCES_PER_BATCH, writeBatch } from './batch';
import { claimDueRules, MAX_PASSES_PER_RULE, type ClaimedRule, type ClaimTarget } from './claim';
import { CompanyQueue } from './company-queue';
import { retryOneByOne } from './isolated-retry';
import { addBatch, emptySummary, type SweepOptions, type SweepSummary } from './summary';

export type { SweepOptions, SweepSummary } from './summary';

/** Rules claimed per transaction: large enough for set-based writes, small enough for short locks. */
export const DEFAULT_BATCH_SIZE = 1000;

/**
 * One pass over due rules: claims batches with FOR NO KEY UPDATE SKIP LOCKED (so any number of processes share the
 * work; claim.ts), a fair share per company (company-queue.ts), plans each rule, and writes each batch in one
 * transaction (batch.ts). A rule that cannot post is recorded and retried later without blocking its batch; after
 * 3 failures in a row it pauses itself. A batch that fails for an unforeseen reason is rolled back whole, and its
 * rules are retried one per transaction so that only the culprit is marked failed (isolated-retry.ts). The run is
 * recorded in `recurring_runs`, with its figures once it ends.
 */
export async function runDueRules(db: Db, options: SweepOptions): Promise<SweepSummary> {
  const started = Date.now();
  const summary = emptySummary(options, false);
  summary.runId = await recordRunStart(db, options);
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
      const { claimed, applied, decided } = await sweepBatch(db, target, summary, options.keepOutcomes);
      if (decided !== null && applied > 0) claimSize = Math.max(1, Math.min(batchSize, Math.floor(MAX_OCCURRENCES_PER_BATCH / Math.max(1, decided / applied))));
      for (let i = 0; i < applied; i++) companiesSeen.add(claimed[i]!.companyId);
      if ('cursors' in target) queue.served(target.cursors, target.perCompany, claimed, applied);
      else if (claimed.length === 0) break;
    }
  } finally {
    summary.companies = companiesSeen.size;
    summary.durationMs = Date.now() - started;
    await recordRunEnd(db, summary);
  }
  return summary;
}

/**
 * Claims and writes one batch in one transaction, adding what it did to the summary: the rules claimed, how many of
 * them were decided (`applied`, a prefix), and the occurrences and failures decided (null when the batch failed
 * and its rules were retried one by one).
 */
async function sweepBatch(
  db: Db,
  target: ClaimTarget,
  summary: SweepSummary,
  keepOutcomes: boolean | undefined,
): Promise<{ claimed: ClaimedRule[]; applied: number; decided: number | null }> {
  let claimed: ClaimedRule[] = [];
  try {
    const result = await db.transaction(async (tx) => {
      claimed = await claimDueRules(tx, target);
      return writeBatch(tx, claimed);
    });
    summary.rules += result.applied;
    addBatch(summary, result, keepOutcomes);
    const decided = result.failures.length + result.outcomes.reduce((n, o) => n + o.posted.length + o.reminded.length + o.skipped.length + o.duplicates.length, 0);
    return { claimed, applied: result.applied, decided };
  } catch (error) {
    // Something unforeseen (a constraint, a driver error) sank the whole batch: nothing of it was written.
    if (claimed.length === 0) throw error; // the claim itself failed: nothing to isolate
    logger().warn({ err: rootCause(error), rules: claimed.length }, 'recurring batch failed; retrying its rules one by one');
    await retryOneByOne(db, claimed, summary, keepOutcomes);
    return { claimed, applied: claimed.length, decided: null };
  }
}

async function recordRunStart(db: Db, options: SweepOptions): Promise<number | null> {
  const [run] = await db
    .insert(recurringRuns)
    .values({ trigger: options.trigger, companyId: options.companyId ?? null, ruleId: options.ruleId ?? null })
    .returning({ id: recurringRuns.id });
  return run?.id ?? null;
}

async function recordRunEnd(db: Db, summary: SweepSummary): Promise<void> {
  if (summary.runId === null) return;
  await db
    .update(recurringRuns)
    .set({
      finishedAt: sql`now()`, // the database's clock, like started_at
      rulesProcessed: summary.rules,
      posted: summary.posted,
      reminded: summary.reminded,
      skipped: summary.skipped,
      duplicates: summary.duplicates,
      failures: summary.failures,
      errors: summary.errors.length ? JSON.stringify(summary.errors.slice(0, 50)) : null,
    })
    .where(eq(recurringRuns.id, summary.runId));
}
