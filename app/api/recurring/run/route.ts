import { NextResponse } from 'next/server';
import { db } from '@/db/client';
import { parseOrThrow } from '@/lib/errors';
import { requireJobKey } from '@/lib/http/job-key';
import { errorResponse, readJson } from '@/lib/http/route';
import { runRecurring } from '@/lib/recurring/run';
import { runInput } from '@/lib/recurring/schemas';
import type { SweepSummary } from '@/lib/recurring/sweep';
import { env } from '@/lib/env';
import { bootServer } from '@/lib/server/boot';

export type RunResponse = SweepSummary;

/**
 * POST /api/recurring/run `{ dryRun?, ruleId? }`, authorized by the job key: sweeps every company's due rules
 * (or one rule) and returns the run summary. 200 when every rule posted, 207 when some failed.
 */
export async function POST(request: Request) {
  try {
    requireJobKey(request);
    const input = parseOrThrow(runInput, await readJson(request, 4 * 1024));
    await bootServer();
    const summary = await runRecurring(await db(), {
      trigger: 'http',
      dryRun: input.dryRun,
      ruleId: input.ruleId,
      batchSize: env().AILEGR_RECURRING_BATCH_SIZE,
      timeBudgetMs: env().AILEGR_RECURRING_TIME_BUDGET_SECONDS * 1000,
      keepOutcomes: input.ruleId !== undefined,
    });
    return NextResponse.json(summary satisfies RunResponse, { status: summary.failures > 0 ? 207 : 200 });
  } catch (error) {
    return errorResponse(error, { route: 'recurring/run' });
  }
}
