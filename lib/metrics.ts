import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '@/db/client';
import { recurringStats, type RecurringStats } from '@/lib/recurring/stats';
import type { SweepSummary } from '@/lib/recurring/sweep';

/**
 * Prometheus metrics. Counters count what this process did; the gauges are read from the database at scrape
 * time, so every instance reports the same cluster-wide backlog.
 */
function createMetrics() {
  const registry = new Registry();
  const labelNames = ['trigger'] as const;
  const postings = new Counter({ name: 'ailegr_recurring_postings_total', help: 'Occurrences posted', labelNames, registers: [registry] });
  const reminders = new Counter({ name: 'ailegr_recurring_reminders_total', help: 'Occurrences of remind rules that became reminders', labelNames, registers: [registry] });
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
  // A scrape collects every gauge at once (prom-client starts all collect() calls together): they share one read.
  let scrape: Promise<RecurringStats | null> | null = null;
  const readStats = () =>
    (scrape ??= (async () => (statsDb ? recurringStats(await statsDb()) : null))().finally(() => {
      scrape = null;
    }));
  const statsGauge = (name: string, help: string, pick: (stats: RecurringStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const stats = await readStats();
        if (stats) this.set(pick(stats));
      },
    });
  statsGauge('ailegr_recurring_due_backlog', 'Rules due now', (s) => s.backlog);
  statsGauge('ailegr_recurring_oldest_due_age_seconds', 'Age of the oldest due occurrence', (s) => s.oldestDueAgeSeconds);
  statsGauge('ailegr_recurring_active_rules', 'Active rules', (s) => s.activeRules);
  statsGauge('ailegr_recurring_failing_rules', 'Active or paused rules whose last attempt failed (auto-paused ones included)', (s) => s.failingRules);
  statsGauge('ailegr_recurring_auto_paused_rules', 'Rules paused by the sweep after repeated failures', (s) => s.autoPausedRules);
  statsGauge('ailegr_recurring_needs_review_rules', 'Rules waiting for someone to resume them', (s) => s.needsReviewRules);
  return {
    registry,
    useDatabase(db: () => Promise<Db>) {
      statsDb = db;
    },
    recordRun(summary: SweepSummary) {
      const trigger = summary.trigger;
      postings.inc({ trigger }, summary.posted);
      reminders.inc({ trigger }, summary.reminded);
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
