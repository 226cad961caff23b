import { and, count, desc, isNotNull, min, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recurringRules, recurringRuns } from '@/db/schema/recurring';

export interface RecurringStats {
  /** Rules due now (next_run_at ≤ now()) by the database's clock. */
  backlog: number;
  /** Seconds since the oldest due rule became due; 0 with no backlog. */
  oldestDueAgeSeconds: number;
  activeRules: number;
  lastRun: {
    trigger: string;
    startedAt: string;
    finishedAt: string | null;
    posted: number;
    skipped: number;
    duplicates: number;
    failures: number;
  } | null;
}

/** Cross-company figures for health and metrics; both queries ride the partial due index. */
export async function recurringStats(db: Db): Promise<RecurringStats> {
  const [due] = await db
    .select({
      backlog: count(),
      oldest: min(recurringRules.nextRunAt),
      age: sql<string | null>`extract(epoch from now() - min(${recurringRules.nextRunAt}))`,
    })
    .from(recurringRules)
    .where(and(isNotNull(recurringRules.nextRunAt), sql`${recurringRules.nextRunAt} <= now()`));
  const [active] = await db.select({ n: count() }).from(recurringRules).where(sql`${recurringRules.status} = 'active'`);
  const [run] = await db.select().from(recurringRuns).where(sql`${recurringRuns.dryRun} = false`).orderBy(desc(recurringRuns.startedAt)).limit(1);
  return {
    backlog: due?.backlog ?? 0,
    oldestDueAgeSeconds: due?.age ? Math.max(0, Math.round(Number(due.age))) : 0,
    activeRules: active?.n ?? 0,
    lastRun: run
      ? {
          trigger: run.trigger,
          startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null,
          posted: run.posted,
          skipped: run.skipped,
          duplicates: run.duplicates,
          failures: run.failures,
        }
      : null,
  };
}
