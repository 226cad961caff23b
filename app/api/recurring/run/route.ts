import { runResponse, toRunResponse } from '@/lib/api/resources/recurring-run';
import { env } from '@/lib/env';
import { companyOrJobKeyRoute, reply } from '@/lib/http/api-route';
import { ruleAmounts } from '@/lib/recurring/outcomes';
import { getRuleOrThrow } from '@/lib/recurring/rules';
import { runRecurring } from '@/lib/recurring/run';
import { runInput } from '@/lib/recurring/schemas';

/**
 * POST /api/recurring/run `{ dryRun?, ruleId? }`: the job key sweeps every company's due rules (or one rule); an
 * accountant's API key or session sweeps its own company's (or one of its rules). 200 when every rule posted,
 * 207 when some failed (each failure is in `errors`; the run itself finished). An error of the request itself
 * (bad input, another company's rule) is never a 2xx.
 */
export const POST = companyOrJobKeyRoute(
  {
    method: 'POST',
    path: '/api/recurring/run',
    operationId: 'runRecurring',
    summary: 'Run the recurring sweep now',
    description: [
      'Posts the due occurrences, as the scheduler does: with the job key, every company’s; with an API key or a session, the caller’s company’s. `ruleId` runs that rule alone (another company’s rule is 404 to a company caller).',
      'With `dryRun`, answers exactly what would post (date, due date, reference, amount, in `outcomes`) and writes nothing.',
      'A run in which some rules failed still finished: it answers 207 with each failure in `errors` (the failed rules are retried with backoff, and paused after repeated failures).',
    ].join('\n\n'),
    tags: ['Recurring'],
    role: 'accountant',
    problems: { 404: '`ruleId` names no rule of the caller’s company' },
    body: runInput,
    responses: {
      200: { description: 'The run finished and no rule failed', schema: runResponse },
      207: { description: 'The run finished; some rules failed (see `errors`)', schema: runResponse },
    },
  },
  async ({ caller, body }) => {
    const db = caller.kind === 'company' ? caller.ctx.db : caller.db;
    const companyId = caller.kind === 'company' ? caller.ctx.company.id : undefined;
    if (companyId !== undefined && body.ruleId !== undefined) await getRuleOrThrow(db, companyId, body.ruleId);
    const summary = await runRecurring(db, {
      trigger: 'http',
      dryRun: body.dryRun,
      companyId,
      ruleId: body.ruleId,
      batchSize: env().AILEGR_RECURRING_BATCH_SIZE,
      timeBudgetMs: env().AILEGR_RECURRING_TIME_BUDGET_SECONDS * 1000,
      // A company's run is small enough to list per rule; the job key's lists one rule's only.
      keepOutcomes: companyId !== undefined || body.ruleId !== undefined,
    });
    const amounts = summary.outcomes ? await ruleAmounts(db, summary.outcomes.map((o) => o.ruleId)) : new Map();
    const answer = toRunResponse(summary, amounts);
    return summary.failures > 0 ? reply(207, answer) : reply(200, answer);
  },
);
