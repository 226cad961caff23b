import { logger } from '@/lib/log';

/** How long the shutdown tasks may take before the process exits anyway: within Docker's 10-second stop timeout. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

interface ShutdownTask {
  name: string;
  run: () => Promise<void>;
}

const globalForShutdown = globalThis as unknown as { ailegrShutdownTasks?: ShutdownTask[] };

/**
 * Runs `run` when the process is asked to stop (SIGTERM, SIGINT), before it exits.
 *
 * `next start` handles both signals itself: it closes the HTTP server and calls process.exit() without waiting for
 * other listeners, so work a listener of ours starts is cut off. Next installs its handler before it calls
 * instrumentation's register(), so the first call here takes the handlers already installed off the signals and
 * calls them once the tasks are done (or SHUTDOWN_DEADLINE_MS has passed): Next then closes the server and exits as
 * usual. With none to hand over to (NEXT_MANUAL_SIG_HANDLE set, a plain node process), the signal is raised again
 * for its default action, unless a listener added later has taken charge of exiting.
 *
 * @example onShutdown('recurring runner', () => runner.stop())
 */
export function onShutdown(name: string, run: () => Promise<void>): void {
  if (!globalForShutdown.ailegrShutdownTasks) {
    globalForShutdown.ailegrShutdownTasks = [];
    installSignalHandlers(globalForShutdown.ailegrShutdownTasks);
  }
  globalForShutdown.ailegrShutdownTasks.push({ name, run });
}

function installSignalHandlers(tasks: ShutdownTask[]) {
  let stopping = false;
  for (const signal of SIGNALS) {
    const handOver = process.listeners(signal) as ((signal: NodeJS.Signals) => void)[];
    for (const listener of handOver) process.off(signal, listener);
    const handler = (received: NodeJS.Signals) => {
      // One stop at a time: a shell's Ctrl+C reaches every process of the group, and `next dev` forwards it too.
      if (stopping) return;
      stopping = true;
      const othersListen = process.listenerCount(signal) > 1; // counted now: a `once` listener is gone once called
      void runTasks(tasks, received).then(() => {
        if (handOver.length > 0) {
          for (const listener of handOver) listener(received);
        } else if (!othersListen) {
          process.off(signal, handler);
          process.kill(process.pid, signal);
        }
      });
    };
    process.on(signal, handler);
  }
}

async function runTasks(tasks: ShutdownTask[], signal: NodeJS.Signals): Promise<void> {
  const log = logger();
  log.info({ signal, tasks: tasks.map((t) => t.name) }, 'shutting down');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), SHUTDOWN_DEADLINE_MS)));
  const done = Promise.all(
    tasks.map((task) =>
      task.run().catch((error: unknown) => {
        log.error({ err: error, task: task.name }, 'shutdown task failed');
      }),
    ),
  ).then(() => 'done' as const);
  if ((await Promise.race([done, deadline])) === 'deadline') {
    log.warn({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown tasks still running at the deadline; exiting without them');
  }
  clearTimeout(timer);
}
