import { db } from '@/db/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { runRecurring } from '@/lib/recurring/run';
import { createRecurringRunner, type RecurringRunner } from '@/lib/recurring/runner';

const globalForRunner = globalThis as unknown as { ailegrRunner?: RecurringRunner };

/**
 * Starts the in-process runner once per process when AILEGR_RECURRING_CRON=true, with the operators' settings,
 * and stops it on SIGTERM/SIGINT: no new batch is claimed, a running one commits or rolls back whole.
 */
export function startRecurringRunnerFromEnv(): RecurringRunner | null {
  const settings = env();
  if (!settings.AILEGR_RECURRING_CRON) return null;
  if (globalForRunner.ailegrRunner) return globalForRunner.ailegrRunner;
  const log = logger();
  const runner = createRecurringRunner({
    intervalMs: settings.AILEGR_RECURRING_INTERVAL_MINUTES * 60_000,
    runAtStartup: settings.AILEGR_RECURRING_RUN_AT_STARTUP,
    sweep: async (trigger, signal) =>
      runRecurring(await db(), {
        trigger,
        signal,
        batchSize: settings.AILEGR_RECURRING_BATCH_SIZE,
        timeBudgetMs: settings.AILEGR_RECURRING_TIME_BUDGET_SECONDS * 1000,
      }),
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
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'recurring runner stopping');
      void runner.stop().then(() => log.info('recurring runner stopped'));
    });
  }
  return runner;
}
