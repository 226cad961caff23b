// `npm run recurring:run -- [--dry-run] [--company ID] [--rule ID] [--json]`: one sweep, for OS cron or a
// Kubernetes CronJob. Prints a summary; exits 1 when a rule failed or the run crashed, 2 on bad arguments.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { env } from '@/lib/env';
import { runRecurring } from '@/lib/recurring/run';

const argsSchema = z.object({
  'dry-run': z.boolean().default(false),
  json: z.boolean().default(false),
  company: z.uuid('--company must be a company id (uuid)').optional(),
  rule: z.coerce.number({ error: '--rule must be a rule id' }).int('--rule must be a rule id').positive('--rule must be a rule id').optional(),
});

let args: z.infer<typeof argsSchema>;
try {
  const { values } = parseArgs({
    options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, company: { type: 'string' }, rule: { type: 'string' } },
    strict: true,
  });
  args = argsSchema.parse(values);
} catch (error) {
  const message = error instanceof z.ZodError ? error.issues.map((i) => i.message).join('; ') : (error as Error).message;
  console.error(`recurring:run: ${message}\nusage: npm run recurring:run -- [--dry-run] [--company ID] [--rule ID] [--json]`);
  process.exit(2);
}

const handle = await database();
let exitCode = 0;
try {
  await migrateDatabase(handle, env().DATABASE_URL);
  const summary = await runRecurring(handle.db, {
    trigger: 'cli',
    dryRun: args['dry-run'],
    companyId: args.company,
    ruleId: args.rule,
    batchSize: env().AILEGR_RECURRING_BATCH_SIZE,
    timeBudgetMs: env().AILEGR_RECURRING_TIME_BUDGET_SECONDS * 1000,
  });
  if (args.json) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(
      `${summary.dryRun ? 'Dry run: would post' : 'Posted'} ${summary.posted}, skipped ${summary.skipped}, ` +
        `duplicates ${summary.duplicates}, failures ${summary.failures}, needs review ${summary.needsReview} ` +
        `(${summary.rules} rules, ${summary.companies} companies, ${summary.durationMs} ms${summary.incomplete ? ', time budget reached: more is due' : ''})`,
    );
    for (const e of summary.errors) console.log(`  rule ${e.ruleId} (company ${e.companyId}): ${e.message}`);
  }
  if (summary.failures > 0) exitCode = 1;
} catch (error) {
  console.error(`recurring:run failed: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await handle.close();
}
process.exit(exitCode);
