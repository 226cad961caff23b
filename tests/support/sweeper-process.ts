// A sweeper in an OS process of its own, for tests: `node --import tsx tests/support/sweeper-process.ts` with
// DATABASE_URL. It connects, prints READY, waits for one line on stdin (so that several start at once), then runs
// the sweep pass after pass until a pass claims nothing (at most SWEEP_MAX_PASSES), prints `RESULT {json}` with
// its totals and exits 0. SWEEP_BATCH_SIZE sets the batch size. Tests kill it with SIGKILL at random moments.
import { openPostgres } from '@/db/client';
import { runDueRules } from '@/lib/recurring/sweep';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('sweeper-process needs DATABASE_URL');
const batchSize = process.env.SWEEP_BATCH_SIZE ? Number(process.env.SWEEP_BATCH_SIZE) : undefined;
const maxPasses = Number(process.env.SWEEP_MAX_PASSES ?? 100);

const handle = await openPostgres(url, { max: 2 });
process.stdout.write('READY\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();

const totals = { passes: 0, rules: 0, posted: 0, skipped: 0, duplicates: 0, failures: 0, runIds: [] as number[] };
for (let pass = 0; pass < maxPasses; pass++) {
  const summary = await runDueRules(handle.db, { trigger: 'cli', batchSize });
  totals.passes++;
  totals.rules += summary.rules;
  totals.posted += summary.posted;
  totals.skipped += summary.skipped;
  totals.duplicates += summary.duplicates;
  totals.failures += summary.failures;
  if (summary.runId !== null) totals.runIds.push(summary.runId);
  if (summary.rules === 0) break;
}
await handle.close();
process.stdout.write(`RESULT ${JSON.stringify(totals)}\n`);
process.exit(0);
