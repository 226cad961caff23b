import { runResponse, toRunResponse } from '@/lib/api/resources/recurring-run';
import { env } from '@/lib/env';
import { jobKeyRoute, reply } from '@/lib/http/api-route';
import { runRecurring } from '@/lib/recurring/run';
import { runInput } from '@/lib/recurring/schemas';

/**
 * POST /api/recurring/run `{ dryRun?, ruleId? }`, authorized by the job key: sweeps every company's due rules
 * (or one rule) and returns the run summary. 200 when every rule posted, 207 when some failed (each failure is
 * in `errors`; the run itself finished).
 */
export const POST = jobKeyRoute(
  {
    method: 'POST',
    path: '/api/recurring/run',
    operationId: 'runRecurring',
    summary: 'Run the recurring sweep now',
    description: 'Posts every company’s due occurrences (or one rule’s), as the scheduler does. With `dryRun`, reports what would post and writes nothing.',
    tags: ['Recurring'],
    body: runInput,
    responses: {
      200: { description: 'The run finished and every rule posted', schema: runResponse },
      207: { description: 'The run finished; some rules failed (see `errors`)', schema: runResponse },
    },
  },
  async ({ db, body }) => {
    const summary = await runRecurring(db, {
      trigger: 'http',
      dryRun: body.dryRun,
      ruleId: body.ruleId,
      batchSize: env().AILEGR_RECURRING_BATCH_SIZE,
      timeBudgetMs: env().AILEGR_RECURRING_TIME_BUDGET_SECONDS * 1000,
      keepOutcomes: body.ruleId !== undefined,
    });
    return summary.failures > 0 ? reply(207, toRunResponse(summary)) : reply(200, toRunResponse(summary));
  },
);
