import { ruleActionRoute } from '../rule-action';

/** POST /api/recurring/:id/force. */
export const POST = ruleActionRoute({
  segment: 'force',
  operationId: 'forceRecurringOccurrence',
  summary: 'Post the next occurrence now',
  description:
    'Posts the next scheduled occurrence now, dated on its scheduled date with its due terms, and moves the rule past it. If that date was already posted, nothing is written and it is listed under `duplicates`.',
  action: () => ({ kind: 'force' }),
});
