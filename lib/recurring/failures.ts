import type { Db } from '@/db/client';
import { PARTY_KIND_OF } from '@/db/schema/enums';
import type { ClaimedRule } from './claim';
import { DOCUMENT_KIND_OF } from './constants';
import { applyFailures } from './execute';
import { contextAt, decide, type Decision, type LifecycleContext } from './lifecycle';
import { ruleStateOf } from './rule-state';
import { lockRuleOrThrow } from './rules';
import { ruleFailureOf, type RuleFailure } from './summary';

/** The failures the sweep records: a rule that cannot post, and one whose posting failed unforeseen. */

/** Recorded when posting failed for a reason nobody foresaw; the error itself goes to the log. */
const INTERNAL_FAILURE = 'Posting failed with an internal error; it has been logged and will be retried';

/**
 * The lifecycle's failure decision for a claimed rule that cannot post right now (its party was deleted, its
 * category archived), or null when it can. The sweep and the dry run both ask this, so they say the same.
 */
export function failureToPost(rule: ClaimedRule, ctx: LifecycleContext): Decision | null {
  const reason = cannotPost(rule);
  return reason === null ? null : decide(rule, { kind: 'failure', message: reason, dbNow: rule.dbNow }, ctx);
}

/** Why a claimed rule cannot post right now, or null. */
function cannotPost(rule: ClaimedRule): string | null {
  if (rule.deletedPartyName !== null) {
    const party = PARTY_KIND_OF[DOCUMENT_KIND_OF[rule.type]];
    return `Its ${party} "${rule.deletedPartyName}" was deleted: choose another ${party}`;
  }
  if (rule.categoryArchived) return 'Its category was archived: choose another category';
  return null;
}

/**
 * Records that posting a rule failed unforeseen, in a transaction of its own. The lifecycle decides the failure on
 * the rule's current state, under its lock: the rule may have changed since the failed attempt rolled back (a
 * deleted rule stays deleted and records nothing).
 */
export async function recordInternalFailure(db: Db, companyId: string, ruleId: number): Promise<RuleFailure> {
  const decision = await db.transaction(async (tx) => {
    const locked = await lockRuleOrThrow(tx, companyId, ruleId);
    const failed = decide(ruleStateOf(locked), { kind: 'failure', message: INTERNAL_FAILURE, dbNow: locked.dbNow }, contextAt(locked.dbNow, locked.timeZone));
    await applyFailures(tx, [failed]);
    return failed;
  });
  return ruleFailureOf(decision, INTERNAL_FAILURE);
}
