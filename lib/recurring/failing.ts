import type { RuleStatus } from './constants';

/**
 * When a rule is Failing: its last pass failed and it is still live (active, or paused and due to come back). An
 * ended or completed rule will not run again, and one held for review shows Needs review: their old failure count
 * is history, not something to fix. One definition for the list's Failing filter and count (list.ts builds its SQL
 * from these statuses) and the Failing badge (components/recurring/rule-status.ts), so the two never disagree.
 */
export const FAILING_STATUSES = ['active', 'paused'] as const satisfies readonly RuleStatus[];

export function isFailing(rule: { status: RuleStatus; consecutiveFailures: number }): boolean {
  return rule.consecutiveFailures > 0 && (FAILING_STATUSES as readonly RuleStatus[]).includes(rule.status);
}
