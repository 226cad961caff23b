import { ruleActionRoute } from '../rule-action';

/** POST /api/recurring/:id/skip-next. */
export const POST = ruleActionRoute({
  segment: 'skip-next',
  operationId: 'skipNextRecurringOccurrence',
  summary: 'Skip the next occurrence',
  description: 'Records the next occurrence as skipped (`skipped_by_user`) and moves the rule past it.',
  action: () => ({ kind: 'skipNext' }),
});
