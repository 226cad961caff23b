import { and, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recurringRuns } from '@/db/schema/recurring';

/**
 * The `errors` of a run row whose process died before it finished (SIGKILL, a crash, a stop that outlived its
 * deadline). Same shape as a run's rule failures (a JSON list of objects with a message), so a reader of the column
 * needs no second format. A run that was only presumed dead and does finish overwrites it with its real figures.
 */
export const ABANDONED_MESSAGE = 'Abandoned: the process running it stopped before the run finished';
const ABANDONED_ERRORS = JSON.stringify([{ abandoned: true, message: ABANDONED_MESSAGE }]);

/**
 * A run claims no new batch once its time budget is spent; this covers the batch in flight, with room to spare. A
 * run unfinished this long after its budget has no live process.
 */
export const RUN_FINISH_MARGIN_SECONDS = 600;

/** True for the `errors` of a run marked abandoned. */
export function isAbandonedRun(errors: string | null): boolean {
  return errors === ABANDONED_ERRORS;
}

/**
 * Closes run rows that no process will finish: `finished_at` set to the database's now(), the counts left as they
 * were (a run writes them only at its end, so whatever it committed is in the ledger but not in the row), and the
 * abandoned note in `errors`. `olderThanSeconds: null` closes every unfinished run, for a process that knows it is
 * alone (the embedded database, held under its folder lock); on a shared PostgreSQL, only runs started longer ago
 * than any live run can last. Returns the ids closed.
 *
 * @example await markAbandonedRuns(db, { olderThanSeconds: timeBudgetSeconds + RUN_FINISH_MARGIN_SECONDS })
 */
export async function markAbandonedRuns(db: Db, options: { olderThanSeconds: number | null }): Promise<number[]> {
  const rows = await db
    .update(recurringRuns)
    .set({ finishedAt: sql`now()`, errors: ABANDONED_ERRORS })
    .where(
      and(
        isNull(recurringRuns.finishedAt),
        options.olderThanSeconds === null ? undefined : lt(recurringRuns.startedAt, sql`now() - make_interval(secs => ${options.olderThanSeconds})`),
      ),
    )
    .returning({ id: recurringRuns.id });
  return rows.map((r) => r.id).sort((x, y) => x - y);
}
