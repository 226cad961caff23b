import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { CompanyLocale } from '@/db/schema/enums';
import { formatInstant } from '@/lib/dates/format-instant';
import type { AttentionReason, CompanyRecurringStatus } from '@/lib/dashboard/recurring-status';

const HEALTH = {
  healthy: { label: 'Healthy', tone: 'success' },
  degraded: { label: 'Degraded', tone: 'warning' },
  unhealthy: { label: 'Unhealthy', tone: 'danger' },
} as const;

const REASON: Record<AttentionReason, string> = {
  failing: 'Failing',
  auto_paused: 'Paused after failures',
  needs_review: 'Needs review',
};

/** The last sweep, the scheduler's health for this company, and each rule that needs someone, linked to its log. */
export function RecurringStatusPanel({ status, zone, locale }: { status: CompanyRecurringStatus; zone: string; locale: CompanyLocale }) {
  const { lastRun, health, rules } = status;
  const verdict = HEALTH[health.status];
  return (
    <div className="grid gap-3">
      <p className="m-0 flex flex-wrap items-center gap-2">
        <span>Scheduler</span>
        <Badge tone={verdict.tone} data-testid="recurring-health">
          {verdict.label}
        </Badge>
        {health.reasons.length > 0 && <span className="muted">{health.reasons.join('; ')}.</span>}
      </p>
      <p className="m-0" data-testid="last-sweep">
        {lastRun === null ? (
          'No sweep has run yet.'
        ) : (
          <>
            Last sweep {formatInstant(lastRun.startedAt, zone, locale)} ({lastRun.trigger})
            {lastRun.finishedAt === null ? ', still running or stopped' : ''}
            {lastRun.counts ? `: ${lastRun.counts.posted} posted, ${lastRun.counts.skipped} skipped, ${lastRun.counts.failures} failed.` : '.'}
          </>
        )}
      </p>
      {rules.length === 0 ? (
        <p className="muted m-0" data-testid="rules-attention-empty">
          No rule is failing, paused after failures, or waiting for review.
        </p>
      ) : (
        <ul className="m-0 grid gap-2 p-0 list-none" aria-label="Rules that need attention" data-testid="rules-attention">
          {rules.map((rule) => (
            <li key={rule.id} className="flex flex-wrap items-center gap-2">
              <Link className="underline underline-offset-2" href={`/settings/recurring/${rule.id}#log`}>{rule.name}</Link>
              <Badge tone={rule.reason === 'needs_review' ? 'warning' : 'danger'}>{REASON[rule.reason]}</Badge>
              {rule.message && <span className="muted">{rule.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
