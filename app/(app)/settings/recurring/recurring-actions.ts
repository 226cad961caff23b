import type { RuleActions } from '@/components/recurring/rule-operations';
import { roleAllows, type Role } from '@/lib/auth/roles';
import {
  deleteRuleAction,
  forceNextOccurrenceAction,
  listRulesAction,
  pauseRuleAction,
  previewRuleAction,
  rawRuleAction,
  resumeRuleAction,
  runDueNowAction,
  runRuleNowAction,
  simulateDueAction,
  simulateRuleAction,
  skipNextOccurrenceAction,
} from './actions';

/**
 * The actions the recurring screens hand to their client components: the writes only for accountants and owners,
 * the developer tools only while they are on. What is not handed over is not drawn; each action still checks the
 * caller itself.
 */
export function recurringActionsFor(role: Role, devTools: boolean): RuleActions {
  const writes = roleAllows(role, 'accountant');
  return {
    list: listRulesAction,
    preview: previewRuleAction,
    ...(writes ? { pause: pauseRuleAction, resume: resumeRuleAction, skipNext: skipNextOccurrenceAction, delete: deleteRuleAction } : {}),
    ...(devTools ? { simulate: simulateRuleAction, rawJson: rawRuleAction, simulateDue: simulateDueAction } : {}),
    ...(devTools && writes ? { runNow: runRuleNowAction, force: forceNextOccurrenceAction, runDue: runDueNowAction } : {}),
  };
}
