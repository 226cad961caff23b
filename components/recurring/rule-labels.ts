import type { CatchUpPolicy, EventOutcome, RuleType, SkipReason } from '@/lib/recurring/constants';

export const SKIP_LABEL: Record<SkipReason, string> = {
  paused: 'Skipped while paused',
  pause_until: 'Skipped: before the pause-until date',
  catch_up_latest: 'Skipped: catch-up posts only the latest',
  catch_up_none: 'Skipped: catch-up posts nothing missed',
  skipped_by_user: 'Skipped by hand',
  edited: 'Skipped: passed over by an edit',
};

/** What became of an occurrence, in the rule's log (a skip says its reason instead). */
export const OUTCOME_LABEL: Record<'posted' | EventOutcome, string> = {
  posted: 'Posted',
  skipped: 'Skipped',
  failed: 'Failed',
  needs_review: 'Needs review',
  paused_after_failures: 'Paused after failures',
};

export const TYPE_LABEL: Record<RuleType, string> = { invoice: 'Invoice', expense: 'Expense' };

export const CATCH_UP_LABEL: Record<CatchUpPolicy, string> = {
  all: 'Post every missed date',
  latest: 'Post only the latest missed date',
  none: 'Post nothing missed',
};
