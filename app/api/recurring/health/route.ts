import { NextResponse } from 'next/server';
import { db } from '@/db/client';
import { env } from '@/lib/env';
import { errorResponse } from '@/lib/http/route';
import { recurringStats, type RecurringStats } from '@/lib/recurring/stats';
import { bootServer } from '@/lib/server/boot';

export type RecurringHealth = RecurringStats & { status: 'healthy' | 'unhealthy'; reason: string | null; intervalMinutes: number };

/**
 * GET /api/recurring/health: last run, backlog, oldest due age and active rules, across companies (counts
 * only). 503 "unhealthy" when the oldest due occurrence has waited longer than two intervals.
 */
export async function GET() {
  try {
    await bootServer();
    const stats = await recurringStats(await db());
    const intervalMinutes = env().AILEGR_RECURRING_INTERVAL_MINUTES;
    const limitSeconds = 2 * intervalMinutes * 60;
    const unhealthy = stats.oldestDueAgeSeconds > limitSeconds;
    const body: RecurringHealth = {
      status: unhealthy ? 'unhealthy' : 'healthy',
      reason: unhealthy ? `The oldest due occurrence has waited ${stats.oldestDueAgeSeconds}s, more than two intervals (${limitSeconds}s)` : null,
      intervalMinutes,
      ...stats,
    };
    return NextResponse.json(body, { status: unhealthy ? 503 : 200 });
  } catch (error) {
    return errorResponse(error, { route: 'recurring/health' });
  }
}
