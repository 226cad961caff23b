// A process for the shutdown tests (tests/server-shutdown.test.ts). With HAND_OVER=1 it first installs a SIGTERM and
// SIGINT handler that exits at once, as `next start` does before it calls register(); then it registers one shutdown
// task that takes TASK_MS and prints TASK DONE, prints READY and idles until a signal ends it.
import { onShutdown } from '@/lib/server/shutdown';

const say = (line: string) => process.stdout.write(`${line}\n`);
if (process.env.HAND_OVER === '1') {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, (received) => {
      say(`NEXT EXITS ON ${received}`);
      process.exit(received === 'SIGTERM' ? 143 : 130);
    });
  }
}
onShutdown('slow task', async () => {
  say('TASK STARTED');
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.TASK_MS ?? 500)));
  say('TASK DONE');
});
setInterval(() => undefined, 60_000);
say('READY');
