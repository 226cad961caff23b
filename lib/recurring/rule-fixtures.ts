import type { EditedValues, RuleState } from './lifecycle';
import { editedValuesOf } from './rule-state';

/**
 * Shared by the recurring unit tests (not used by the app): the parts of a rule that a test builds the same way
 * each time, so each test's own fixture shows only what its cases are about.
 */

/** The terms of a plain active rule that a test is not about: no limit, net 30, catch up everything, no pause. */
export const ACTIVE_RULE_TERMS: Pick<
  RuleState,
  'maxOccurrences' | 'dueDays' | 'dueDate' | 'createDaysAhead' | 'catchUp' | 'status' | 'statusReason' | 'pauseUntil' | 'resumeOn'
> = {
  maxOccurrences: null,
  dueDays: 30,
  dueDate: null,
  createDaysAhead: 0,
  catchUp: 'all',
  status: 'active',
  statusReason: null,
  pauseUntil: null,
  resumeOn: null,
};

/** The values an edit of `rule` would save if it changed only `overrides`. */
export function editOf(rule: RuleState, overrides: Partial<EditedValues> = {}): EditedValues {
  return { ...editedValuesOf(rule, rule.schedule), ...overrides };
}
