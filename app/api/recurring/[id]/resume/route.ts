import { ruleActionRoute } from '../rule-action';

/** POST /api/recurring/:id/resume. */
export const POST = ruleActionRoute({
  segment: 'resume',
  operationId: 'resumeRecurringRule',
  summary: 'Resume a paused recurring rule',
  description:
    'Active again (a rule waiting for review too). Occurrences dated before today are skipped as `paused`; today’s and later ones post as usual, today’s at once.',
  action: () => ({ kind: 'resume' }),
});
