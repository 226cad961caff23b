// The recurring engine's vocabularies. Each `as const` list feeds the TS type, the zod enum and the pg enum.
// No imports: drizzle-kit loads this file through db/schema.

export const CADENCES = ['daily', 'weekly', 'monthly', 'annual'] as const;
export type Cadence = (typeof CADENCES)[number];

/** What a rule posts: an invoice (A/R) or an expense, booked as a bill (A/P). */
export const RULE_TYPES = ['invoice', 'expense'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** What happens to occurrences missed while nothing ran: post them all, only the latest, or none. */
export const CATCH_UP_POLICIES = ['all', 'latest', 'none'] as const;
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];

export const RULE_STATUSES = ['active', 'paused', 'ended', 'completed', 'needs_review', 'deleted'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

/** Why an occurrence was not posted. Every unposted occurrence is recorded with one of these. */
export const SKIP_REASONS = [
  'paused',
  'pause_until',
  'catch_up_latest',
  'catch_up_none',
  'skipped_by_user',
  'edited',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const EVENT_OUTCOMES = ['skipped', 'failed', 'needs_review', 'paused_after_failures'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];
