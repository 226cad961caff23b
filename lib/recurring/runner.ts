import type { RunTrigger } from './constants';

/**
 * The in-process runner: a guarded interval sweep with a startup backfill burst. It never runs two sweeps at
 * once in one process (a tick that finds one running is skipped, not queued), and stop() ends the timers,
 * asks a running sweep to stop between batches, and waits for it. Across processes, the database's row locks
 * share the work, so any number of instances may run this.
 */

export interface RunnerOptions {
  intervalMs: number;
  runAtStartup: boolean;
  /** Delay between the two startup runs: the second catches what the first's time budget or locks left. */
  burstGapMs?: number;
  sweep: (trigger: RunTrigger, signal: AbortSignal) => Promise<unknown>;
  onSkip?: (trigger: RunTrigger) => void;
  onError?: (error: unknown, trigger: RunTrigger) => void;
}

export interface RecurringRunner {
  start(): void;
  stop(): Promise<void>;
  /** Runs one guarded sweep now; 'skipped' when one is already running or the runner is stopping. */
  runOnce(trigger: RunTrigger): Promise<'ran' | 'skipped' | 'failed'>;
  readonly running: boolean;
}

export function createRecurringRunner(options: RunnerOptions): RecurringRunner {
  let current: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let burst: NodeJS.Timeout | null = null;
  let stopping = false;
  const controller = new AbortController();

  async function runOnce(trigger: RunTrigger): Promise<'ran' | 'skipped' | 'failed'> {
    if (current || stopping) {
      options.onSkip?.(trigger);
      return 'skipped';
    }
    const run = options.sweep(trigger, controller.signal);
    current = run;
    try {
      await run;
      return 'ran';
    } catch (error) {
      options.onError?.(error, trigger);
      return 'failed';
    } finally {
      current = null;
    }
  }

  return {
    start() {
      if (timer || stopping) return;
      timer = setInterval(() => void runOnce('interval'), options.intervalMs);
      timer.unref();
      if (options.runAtStartup) {
        void runOnce('startup').then(() => {
          if (stopping) return;
          burst = setTimeout(() => void runOnce('startup'), options.burstGapMs ?? 2_000);
          burst.unref();
        });
      }
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      if (burst) clearTimeout(burst);
      timer = burst = null;
      controller.abort();
      await current?.catch(() => undefined);
    },
    runOnce,
    get running() {
      return current !== null;
    },
  };
}
