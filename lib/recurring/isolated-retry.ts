import type { Db } from '@/db/client';
import { rootCause } from '@/lib/errors';
import { logger } from '@/lib/log';
import { writeBatch } from './batch';
import { claimDueRules, type ClaimedRule } from './claim';
import { recordInternalFailure } from './failures';
import { addBatch, addFailures, type SweepSummary } from './summary';

/**
 * Retries the rules of a batch that failed for an unforeseen reason (a constraint, a driver error; nothing of it
 * was written), each in a transaction of its own, so that only the culprit is marked failed: a rule that fails
 * again is logged and recorded as failed (`recordInternalFailure`). Each rule counts once in the summary.
 */
export async function retryOneByOne(db: Db, rules: ClaimedRule[], summary: SweepSummary, keepOutcomes?: boolean): Promise<void> {
  for (const rule of rules) {
    try {
      const result = await db.transaction(async (tx) => writeBatch(tx, await claimDueRules(tx, { ruleIds: [rule.id] })));
      summary.rules += result.applied;
      addBatch(summary, result, keepOutcomes);
    } catch (error) {
      logger().error({ err: rootCause(error), ruleId: rule.id, companyId: rule.companyId }, 'recurring rule failed');
      const failure = await recordInternalFailure(db, rule.companyId, rule.id);
      summary.rules++;
      addFailures(summary, [failure]);
    }
  }
}
