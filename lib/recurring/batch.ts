import type { Db } from '@/db/client';
import type { ClaimedRule } from './claim';
import { applyFailures, applyPlans } from './execute';
import { failureToPost } from './failures';
import { contextAt, decide, SWEEP, type Decision, type LifecycleContext } from './lifecycle';
import { ruleFailureOf, type BatchResult } from './summary';

/**
 * Occurrences decided (posted or skipped) per transaction: a batch of rules each 30 days behind stops planning
 * here, so its memory and the time it holds its locks stay bounded whatever the catch-up depth.
 */
export const MAX_OCCURRENCES_PER_BATCH = 10_000;

/**
 * Decides and writes claimed rules inside the caller's transaction (which holds their locks). `applied` rules, a
 * prefix of `claimed`, are decided (see `planBatch`); the rest stay due for the next batch.
 */
export async function writeBatch(tx: Db, claimed: ClaimedRule[]): Promise<BatchResult & { applied: number }> {
  const { plans, failures, applied } = planBatch(claimed);
  const outcomes = await applyPlans(tx, 'sweep', plans, new Map(claimed.map((r) => [r.id, r])));
  await applyFailures(tx, failures);
  return { outcomes, failures: failures.map((f) => ruleFailureOf(f)), applied };
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
      ctx = contextAt(rule.dbNow, rule.timeZone);
      contexts.set(rule.timeZone, ctx);
    }
    const failure = failureToPost(rule, ctx);
    if (failure !== null) {
      failures.push(failure);
      occurrences++;
      continue;
    }
    const plan = decide(rule, SWEEP, ctx);
    occurrences += Math.max(1, plan.postings.length + plan.skips.length);
    plans.push(plan);
  }
  return { plans, failures, applied };
}
