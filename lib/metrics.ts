import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '@/db/client';
import { recurringStats } from '@/lib/recurring/stats';
import type { SweepSummary } from '@/lib/recurring/sweep';

/**
 * Prometheus metrics. Counters count what this process did; the gauges are read from the database at scrape
 * time, so every instance reports the same cluster-wide backlog.
 */
function createMetrics() {
  const registry = new Registry();
  const labelNames = ['trigger'] as const;
  const postings = new Counter({ name: 'ailegr_recurring_postings_total', help: 'Occurrences posted', labelNames, registers: [registry] });
  const skips = new Counter({ name: 'ailegr_recurring_skips_total', help: 'Occurrences skipped (with a recorded reason)', labelNames, registers: [registry] });
  const duplicates = new Counter({ name: 'ailegr_recurring_duplicates_total', help: 'Occurrences found already posted', labelNames, registers: [registry] });
  const failures = new Counter({ name: 'ailegr_recurring_failures_total', help: 'Rules that failed to post in a run', labelNames, registers: [registry] });
  const runs = new Counter({ name: 'ailegr_recurring_runs_total', help: 'Sweep runs', labelNames: ['trigger', 'result'] as const, registers: [registry] });
  const duration = new Histogram({
    name: 'ailegr_recurring_run_duration_seconds',
    help: 'Duration of a sweep run',
    labelNames,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300],
    registers: [registry],
  });
  let statsDb: (() => Promise<Db>) | undefined;
  const backlog = new Gauge({ name: 'ailegr_recurring_due_backlog', help: 'Rules due now', registers: [registry] });
  const oldest = new Gauge({ name: 'ailegr_recurring_oldest_due_age_seconds', help: 'Age of the oldest due occurrence', registers: [registry] });
  new Gauge({
    name: 'ailegr_recurring_active_rules',
    help: 'Active rules',
    registers: [registry],
    // One query serves all three gauges; prom-client awaits collect() before serialising.
    async collect() {
      if (!statsDb) return;
      const stats = await recurringStats(await statsDb());
      this.set(stats.activeRules);
      backlog.set(stats.backlog);
      oldest.set(stats.oldestDueAgeSeconds);
    },
  });
  return {
    registry,
    useDatabase(db: () => Promise<Db>) {
      statsDb = db;
    },
    recordRun(summary: SweepSummary) {
      const trigger = summary.trigger;
      postings.inc({ trigger }, summary.posted);
      skips.inc({ trigger }, summary.skipped);
      duplicates.inc({ trigger }, summary.duplicates);
      failures.inc({ trigger }, summary.failures);
      duration.observe({ trigger }, summary.durationMs / 1000);
      runs.inc({ trigger, result: summary.failures > 0 ? 'with_failures' : 'ok' });
    },
    recordCrash(trigger: string) {
      runs.inc({ trigger, result: 'error' });
    },
  };
}

const globalForMetrics = globalThis as unknown as { ailegrMetrics?: ReturnType<typeof createMetrics> };

export function metrics() {
  globalForMetrics.ailegrMetrics ??= createMetrics();
  return globalForMetrics.ailegrMetrics;
}
