import { db, type Db } from '@/db/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { markAbandonedRuns, RUN_FINISH_MARGIN_SECONDS } from '@/lib/recurring/abandoned-runs';
import { runRecurring } from '@/lib/recurring/run';
import { createRecurringRunner, type RecurringRunner } from '@/lib/recurring/runner';
import { onShutdown } from './shutdown';

const globalForRunner = globalThis as unknown as { ailegrRunner?: RecurringRunner };

/**
 * Starts the in-process runner once per process when AILEGR_RECURRING_CRON=true, with the operators' settings,
 * and stops it on SIGTERM/SIGINT before the process exits (see onShutdown): no new batch is claimed, the running one
 * commits whole, and the run writes its row. Before each run it closes the rows of runs whose process died.
 */
export function startRecurringRunnerFromEnv(): RecurringRunner | null {
  const settings = env();
  if (!settings.AILEGR_RECURRING_CRON) return null;
  if (globalForRunner.ailegrRunner) return globalForRunner.ailegrRunner;
  const log = logger();
  const runner = createRecurringRunner({
    intervalMs: settings.AILEGR_RECURRING_INTERVAL_MINUTES * 60_000,
    runAtStartup: settings.AILEGR_RECURRING_RUN_AT_STARTUP,
    sweep: async (trigger, signal) => {
      const database = await db();
      await closeAbandonedRuns(database, settings.AILEGR_RECURRING_TIME_BUDGET_SECONDS + RUN_FINISH_MARGIN_SECONDS).catch((error: unknown) =>
        log.warn({ err: error }, 'could not close abandoned recurring runs'),
      );
      return runRecurring(database, {
        trigger,
        signal,
        batchSize: settings.AILEGR_RECURRING_BATCH_SIZE,
        timeBudgetMs: settings.AILEGR_RECURRING_TIME_BUDGET_SECONDS * 1000,
      });
    },
    onSkip: (trigger) => log.info({ trigger }, 'recurring run skipped: the previous one is still running'),
    onError: () => undefined, // runRecurring has logged it; the next tick retries
  });
  globalForRunner.ailegrRunner = runner;
  runner.start();
  log.info(
    {
      intervalMinutes: settings.AILEGR_RECURRING_INTERVAL_MINUTES,
      runAtStartup: settings.AILEGR_RECURRING_RUN_AT_STARTUP,
      batchSize: settings.AILEGR_RECURRING_BATCH_SIZE,
      timeBudgetSeconds: settings.AILEGR_RECURRING_TIME_BUDGET_SECONDS,
    },
    'recurring runner started',
  );
  onShutdown('recurring runner', async () => {
    log.info('recurring runner stopping');
    await runner.stop();
    log.info('recurring runner stopped');
  });
  return runner;
}

/**
 * Closes the rows of runs no process will finish (see markAbandonedRuns): all unfinished ones when `olderThanSeconds`
 * is null (the caller knows it is alone), else those started longer ago than any live run can last.
 */
export async function closeAbandonedRuns(database: Db, olderThanSeconds: number | null): Promise<void> {
  const closed = await markAbandonedRuns(database, { olderThanSeconds });
  if (closed.length > 0) logger().warn({ runIds: closed }, 'closed recurring runs abandoned by a process that stopped before finishing them');
}
