import { NextResponse } from 'next/server';
import { db } from '@/db/client';
import { env } from '@/lib/env';
import { requireJobKey } from '@/lib/http/job-key';
import { errorResponse } from '@/lib/http/route';
import { assessRecurringHealth, type RecurringHealthAssessment } from '@/lib/recurring/health';
import { recurringStats, rulesNeedingAttention, type RecurringStats, type RulesNeedingAttention } from '@/lib/recurring/stats';
import { whenReady } from '@/lib/server/ready';

export type RecurringHealth = Pick<RecurringHealthAssessment, 'status' | 'problems'> & {
  intervalMinutes: number;
  /** Only with the job key: figures and rule ids across companies. */
  detail?: Pick<RecurringHealthAssessment, 'reasons'> & RecurringStats & RulesNeedingAttention;
};

/**
 * GET /api/recurring/health: 200 when the scheduler keeps up and no rule has stopped; 503 `unhealthy` when the
 * oldest due occurrence has waited longer than two intervals, 503 `degraded` when a rule is failing (auto-paused
 * ones included) or needs review. In public it names the problems only; with `Authorization: Bearer
 * <AILEGR_JOB_KEY>` it adds the counts and, per company, the rule ids (any other Authorization is refused, 401).
 */
export async function GET(request: Request) {
  try {
    const detailed = request.headers.has('authorization');
    if (detailed) requireJobKey(request);
    await whenReady();
    const database = await db();
    const stats = await recurringStats(database);
    const intervalMinutes = env().AILEGR_RECURRING_INTERVAL_MINUTES;
    const { status, problems, reasons } = assessRecurringHealth(stats, intervalMinutes);
    const body: RecurringHealth = {
      status,
      problems,
      intervalMinutes,
      ...(detailed ? { detail: { reasons, ...stats, ...(await rulesNeedingAttention(database)) } } : {}),
    };
    return NextResponse.json(body, { status: status === 'healthy' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, { route: 'recurring/health' });
  }
}
