import type { CompanyLocale } from '@/db/schema/enums';
import { DEFAULT_LOCALE, formatCalendarDate } from '@/lib/dates/display-date';
import type { RuleStatus } from '@/lib/recurring/constants';
import { isFailing } from '@/lib/recurring/failing';

/** The tones of the kit's Badge that a rule's status uses. */
type RuleStatusTone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

export interface RuleStatusView {
  /** What the badge says: Active, Paused, Paused until 03/01/2027, Ended, Completed, Needs review, Failing. */
  label: string;
  tone: RuleStatusTone;
}

type StatusFacts = { status: RuleStatus; resumeOn: string | null; consecutiveFailures: number };

/**
 * A rule's badge. Failing (a live rule whose last pass failed: `isFailing`, the list filter's own predicate) comes
 * first: it needs someone. A paused rule
 * with a resume date says until when, in the company's date format like every date on the screen.
 *
 * @example ruleStatusView({ status: 'paused', resumeOn: '2027-03-01', consecutiveFailures: 0 }, 'de-DE') // { label: 'Paused until 01.03.2027', tone: 'warning' }
 */
export function ruleStatusView(rule: StatusFacts, locale: CompanyLocale = DEFAULT_LOCALE): RuleStatusView {
  if (isFailing(rule)) return { label: 'Failing', tone: 'danger' };
  switch (rule.status) {
    case 'active':
      return { label: 'Active', tone: 'success' };
    case 'paused':
      return rule.resumeOn ? { label: `Paused until ${formatCalendarDate(rule.resumeOn, locale)}`, tone: 'warning' } : { label: 'Paused', tone: 'warning' };
    case 'ended':
      return { label: 'Ended', tone: 'neutral' };
    case 'completed':
      return { label: 'Completed', tone: 'info' };
    case 'needs_review':
      return { label: 'Needs review', tone: 'danger' };
    case 'deleted':
      return { label: 'Deleted', tone: 'neutral' };
  }
}

/** The labels of the status filter. */
export const STATUS_FILTER_LABEL = {
  active: 'Active',
  paused: 'Paused',
  ended: 'Ended',
  completed: 'Completed',
  needs_review: 'Needs review',
  failing: 'Failing',
} as const;
