import { pgEnum } from 'drizzle-orm/pg-core';
import { CADENCES, CATCH_UP_POLICIES, EVENT_OUTCOMES, RULE_STATUSES, RULE_TYPES, SKIP_REASONS } from '../../lib/recurring/constants';

// One `as const` list feeds the TS type, the zod enum and the pg enum.
export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const accountType = pgEnum('account_type', ACCOUNT_TYPES);

/** Accounts the ledger posts to by itself; a company has at most one of each. */
export const SYSTEM_ROLES = ['cash', 'receivable', 'payable', 'customer_credits', 'equity', 'revenue'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];
export const systemRole = pgEnum('system_role', SYSTEM_ROLES);

export const PARTY_KINDS = ['customer', 'vendor'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const partyKind = pgEnum('party_kind', PARTY_KINDS);

/**
 * A journal entry is also the header of what caused it: an invoice or bill is its own entry (one row, not two),
 * a payment is its own entry, and a void is a reversing entry pointing at what it reverses.
 */
export const ENTRY_KINDS = ['invoice', 'bill', 'payment_received', 'payment_made', 'void'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const entryKind = pgEnum('entry_kind', ENTRY_KINDS);

export const DOCUMENT_KINDS = ['invoice', 'bill'] as const satisfies readonly EntryKind[];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = ['open', 'partially_paid', 'paid', 'void'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const documentStatus = pgEnum('document_status', DOCUMENT_STATUSES);

// The recurring engine's enums come from its own constants (relative import: drizzle-kit loads this file).

export const cadence = pgEnum('cadence', CADENCES);
export const ruleType = pgEnum('rule_type', RULE_TYPES);
export const catchUpPolicy = pgEnum('catch_up_policy', CATCH_UP_POLICIES);
export const ruleStatus = pgEnum('rule_status', RULE_STATUSES);
export const skipReason = pgEnum('skip_reason', SKIP_REASONS);
export const eventOutcome = pgEnum('event_outcome', EVENT_OUTCOMES);
