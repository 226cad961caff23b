import { pgEnum } from 'drizzle-orm/pg-core';

// The vocabularies the schema stores. One `as const` list feeds the TS type, the zod enum and the pg enum. They
// live here because db/ imports nothing from lib/: lib/ reads them from here (the recurring engine's through
// lib/recurring/constants.ts). No imports but drizzle: drizzle-kit loads this file.

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

/** Who a document is with, and the type of account its category must be. */
export const PARTY_KIND_OF = { invoice: 'customer', bill: 'vendor' } as const satisfies Record<DocumentKind, PartyKind>;
export const CATEGORY_TYPE_OF = { invoice: 'revenue', bill: 'expense' } as const satisfies Record<DocumentKind, AccountType>;

/**
 * The locales a company may show its dates in (Settings → Company): each fixes one numeric date format for every
 * screen of the company (lib/dates/display-date.ts), e.g. en-US 12/31/2026, de-DE 31.12.2026, sv-SE 2026-12-31.
 */
export const COMPANY_LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'nl-NL', 'ja-JP', 'sv-SE'] as const;
export type CompanyLocale = (typeof COMPANY_LOCALES)[number];
export const companyLocale = pgEnum('company_locale', COMPANY_LOCALES);

export const DOCUMENT_STATUSES = ['open', 'partially_paid', 'paid', 'void'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const documentStatus = pgEnum('document_status', DOCUMENT_STATUSES);

// The recurring engine's.

export const CADENCES = ['daily', 'weekly', 'monthly', 'annual'] as const;
export type Cadence = (typeof CADENCES)[number];
export const cadence = pgEnum('cadence', CADENCES);

/** What a rule posts: an invoice (A/R) or an expense, booked as a bill (A/P). */
export const RULE_TYPES = ['invoice', 'expense'] as const;
export type RuleType = (typeof RULE_TYPES)[number];
export const ruleType = pgEnum('rule_type', RULE_TYPES);

/** What happens to occurrences missed while nothing ran: post them all, only the latest, or none. */
export const CATCH_UP_POLICIES = ['all', 'latest', 'none'] as const;
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];
export const catchUpPolicy = pgEnum('catch_up_policy', CATCH_UP_POLICIES);

export const RULE_STATUSES = ['active', 'paused', 'ended', 'completed', 'needs_review', 'deleted'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];
export const ruleStatus = pgEnum('rule_status', RULE_STATUSES);

/** Why an occurrence was not posted. Every unposted occurrence is recorded with one of these. */
export const SKIP_REASONS = ['paused', 'pause_until', 'catch_up_latest', 'catch_up_none', 'skipped_by_user', 'edited'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export const skipReason = pgEnum('skip_reason', SKIP_REASONS);

export const EVENT_OUTCOMES = ['skipped', 'failed', 'needs_review', 'paused_after_failures'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];
export const eventOutcome = pgEnum('event_outcome', EVENT_OUTCOMES);

// The reports'.

/** The basis a P&L is shown on: accrual (documents when dated) or cash (payments when made, issue 14). */
export const REPORT_BASES = ['accrual', 'cash'] as const;
export type ReportBasis = (typeof REPORT_BASES)[number];
export const reportBasis = pgEnum('report_basis', REPORT_BASES);
/** What a rule does when an occurrence comes due: post its document, or only remind (a "To enter" row). */
export const RULE_MODES = ['post', 'remind'] as const;
export type RuleMode = (typeof RULE_MODES)[number];
export const ruleMode = pgEnum('rule_mode', RULE_MODES);

/** A reminder waits (`pending`) until someone posts it or skips it. */
export const REMINDER_STATUSES = ['pending', 'posted', 'skipped'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
export const reminderStatus = pgEnum('reminder_status', REMINDER_STATUSES);
