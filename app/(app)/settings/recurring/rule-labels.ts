import type { RuleStatus, SkipReason } from '@/lib/recurring/constants';

export const STATUS_LABEL: Record<RuleStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  ended: 'Ended',
  completed: 'Completed',
  needs_review: 'Needs review',
  deleted: 'Deleted',
};

export const SKIP_LABEL: Record<SkipReason, string> = {
  paused: 'Skipped while paused',
  pause_until: 'Skipped: before the pause-until date',
  catch_up_latest: 'Skipped: catch-up posts only the latest',
  catch_up_none: 'Skipped: catch-up posts nothing missed',
  skipped_by_user: 'Skipped by hand',
  edited: 'Skipped: passed over by an edit',
};
