import type { CompanyLocale } from '@/db/schema/enums';
import { DEFAULT_LOCALE, formatCalendarDate } from '@/lib/dates/display-date';
import { formatInstant } from '@/lib/dates/format-instant';
import type { SweepSummary } from '@/lib/recurring/sweep';
import { SKIP_LABEL } from './rule-labels';

/** A run or a dry run of the sweep, as the developer tools show it: what posted (or would), what was skipped, why. */
export interface RunSummaryView {
  dryRun: boolean;
  /** One sentence for the toast: "Would post 3 and skip 1 of 2 rules" / "Nothing is due; next on 2026-03-11 …". */
  headline: string;
  rules: {
    ruleId: number;
    posted: { date: string; dueDate: string; reference: string }[];
    skipped: { date: string; reason: string }[];
    duplicates: string[];
    review: string | null;
  }[];
  failures: { ruleId: number; message: string }[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The summary in words, its dates in the company's format. `next`: the rule's next occurrence when one rule was
 * run, for "nothing is due; next on …".
 *
 * @example runSummaryView(dry, { date: '2026-03-11', runAt: '2026-03-11T04:00:00Z' }, 'America/New_York').headline
 * // 'Nothing is due; next on 03/11/2026 (runs 03/11/2026, 12:00 AM EDT)'
 */
export function runSummaryView(
  summary: SweepSummary,
  next: { date: string | null; runAt: string | null } | null,
  timeZone: string | null,
  locale: CompanyLocale = DEFAULT_LOCALE,
): RunSummaryView {
  const rules = (summary.outcomes ?? [])
    .filter((o) => o.posted.length + o.skipped.length + o.duplicates.length > 0 || o.review)
    .map((o) => ({
      ruleId: o.ruleId,
      posted: o.posted.map((p) => ({ date: p.occurrenceDate, dueDate: p.dueDate, reference: p.reference })),
      skipped: o.skipped.map((s) => ({ date: s.occurrenceDate, reason: SKIP_LABEL[s.reason] })),
      duplicates: o.duplicates,
      review: o.review ?? null,
    }));
  const failures = summary.errors.map((e) => ({ ruleId: e.ruleId, message: e.message }));
  const nothing = summary.posted + summary.skipped + summary.duplicates + summary.failures + summary.needsReview === 0;
  let headline: string;
  if (nothing) {
    headline =
      next?.date && next.runAt
        ? `Nothing is due; next on ${formatCalendarDate(next.date, locale)} (runs ${formatInstant(next.runAt, timeZone, locale)})`
        : next
          ? 'Nothing is due, and nothing is left to post'
          : 'Nothing is due';
  } else {
    const parts = [
      `${summary.dryRun ? 'Would post' : 'Posted'} ${summary.posted}`,
      `${summary.dryRun ? 'skip' : 'skipped'} ${summary.skipped}`,
      ...(summary.duplicates ? [`${plural(summary.duplicates, 'already posted', 'already posted')}`] : []),
      ...(summary.failures ? [plural(summary.failures, 'failure')] : []),
      ...(summary.needsReview ? [`${summary.needsReview} to review`] : []),
    ];
    headline = `${parts.join(', ')} (${plural(summary.rules, 'rule')})`;
  }
  return { dryRun: summary.dryRun, headline, rules, failures };
}
