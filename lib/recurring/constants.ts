import type { DocumentKind, RuleType } from '@/db/schema/enums';

/**
 * The recurring engine's vocabularies, for the engine and its screens. Those the schema stores (cadences, rule
 * types, catch-up policies, statuses, skip reasons, event outcomes) are defined once in db/schema/enums.ts, beside
 * their pg enums, and read through here; the others are defined here. Each is one `as const` list feeding the TS
 * type and the zod enum.
 */
export {
  CADENCES,
  CATCH_UP_POLICIES,
  EVENT_OUTCOMES,
  RULE_MODES,
  RULE_STATUSES,
  RULE_TYPES,
  SKIP_REASONS,
  type Cadence,
  type CatchUpPolicy,
  type EventOutcome,
  type RuleMode,
  type RuleStatus,
  type RuleType,
  type SkipReason,
} from '@/db/schema/enums';

/** What started a run of the sweep (recorded in `recurring_runs.trigger`). */
export const RUN_TRIGGERS = ['interval', 'startup', 'cli', 'http', 'manual', 'sign_in'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** The document a rule posts: an invoice, or for an expense a bill. */
export const DOCUMENT_KIND_OF = { invoice: 'invoice', expense: 'bill' } as const satisfies Record<RuleType, DocumentKind>;
