import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accountType, companyLocale, documentStatus, entryKind, partyKind, systemRole } from './enums';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const companyId = () =>
  uuid('company_id')
    .notNull()
    .references(() => companies.id);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** ISO 4217; every amount of the company is an integer of this currency's minor units. */
    baseCurrency: text('base_currency').notNull(),
    /** IANA zone; null means UTC. */
    timeZone: text('time_zone'),
    /** How the company's dates read on every screen; existing companies start in en-US. */
    locale: companyLocale('locale').notNull().default('en-US'),
    // The rest of better-auth's organization model, which is this table (lib/auth/auth.ts); the app leaves them empty.
    slug: text('slug').unique('companies_slug_key'),
    logo: text('logo'),
    metadata: text('metadata'),
    createdAt: createdAt(),
  },
  (t) => [
    check('companies_currency_iso', sql`${t.baseCurrency} ~ '^[A-Z]{3}$'`),
    check('companies_name_present', sql`length(trim(${t.name})) > 0`),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    companyId: companyId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: accountType('type').notNull(),
    role: systemRole('role'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    /** Moved by a trigger on every update (migration `ledger_updated_at`): the API's `updatedSince` reads it. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('accounts_company_id_key').on(t.companyId, t.id),
    unique('accounts_company_code_key').on(t.companyId, t.code),
    uniqueIndex('accounts_company_role_key')
      .on(t.companyId, t.role)
      .where(sql`${t.role} is not null`),
    // The sweep asks, for every claimed rule, whether its category is archived: a probe into archived rows only.
    index('accounts_archived_idx')
      .on(t.companyId, t.id)
      .where(sql`${t.archivedAt} is not null`),
  ],
);

export const parties = pgTable(
  'parties',
  {
    id: id(),
    companyId: companyId(),
    kind: partyKind('kind').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    /** Moved by a trigger on every update (migration `api_updated_at`): the API's `updatedSince` reads it. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('parties_company_id_key').on(t.companyId, t.id),
    index('parties_company_kind_idx').on(t.companyId, t.kind),
    // The API's list: keyset pages in (updated_at, id) order, and `updatedSince` as a range of the same index.
    index('parties_company_updated_idx').on(t.companyId, t.updatedAt, t.id),
    // The sweep asks, for every claimed rule, whether its party is deleted: a probe into deleted rows only.
    index('parties_deleted_idx')
      .on(t.companyId, t.id)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

/**
 * Journal entry headers. Invoices and bills are entries of their own kind carrying the document columns, so a
 * posted document costs one header row plus its lines. Accounting columns never change once written (a trigger
 * refuses it); only the document's settlement state (`status`, `paid_minor`) moves as payments and voids arrive.
 */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: id(),
    // No foreign key of its own to companies: every entry has a counterparty or reverses an entry (the check
    // journal_entries_counterparty below), and the composite foreign keys to either (company_id, party_id) or
    // (company_id, reverses_id) already prove the company exists. One check fewer per posted row.
    companyId: uuid('company_id').notNull(),
    kind: entryKind('kind').notNull(),
    entryDate: date('entry_date').notNull(),
    /** Unique per company: `INV-000001`, `PAY-000001`, `REC-{ruleId}-{YYYY-MM-DD}`, `VOID-…` (lib/ledger/numbering.ts). */
    reference: text('reference').notNull(),
    memo: text('memo').notNull().default(''),
    // Documents (invoice, bill).
    number: text('number'),
    partyId: bigint('party_id', { mode: 'number' }),
    dueDate: date('due_date'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    categoryAccountId: bigint('category_account_id', { mode: 'number' }),
    status: documentStatus('status'),
    paidMinor: bigint('paid_minor', { mode: 'number' }).notNull().default(0),
    // Payments: the document paid, and how much of the amount went to it (the rest is a customer credit).
    documentId: bigint('document_id', { mode: 'number' }),
    appliedMinor: bigint('applied_minor', { mode: 'number' }),
    // Voids: the entry reversed.
    reversesId: bigint('reverses_id', { mode: 'number' }),
    // Recurring postings: the rule and the occurrence date that is the posting's identity.
    ruleId: bigint('rule_id', { mode: 'number' }),
    occurrenceDate: date('occurrence_date'),
    createdAt: createdAt(),
    /**
     * When the entry last changed: its insert (a column default, so posting costs no trigger), then each
     * settlement change (a payment, a void), moved by an update trigger (migration `ledger_updated_at`). The
     * API's document lists page and sync on it.
     */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('journal_entries_company_id_key').on(t.companyId, t.id),
    unique('journal_entries_company_reference_key').on(t.companyId, t.reference),
    uniqueIndex('journal_entries_reverses_key')
      .on(t.reversesId)
      .where(sql`${t.reversesId} is not null`),
    uniqueIndex('journal_entries_rule_occurrence_key')
      .on(t.ruleId, t.occurrenceDate)
      .where(sql`${t.ruleId} is not null`),
    index('journal_entries_company_kind_date_idx').on(t.companyId, t.kind, t.entryDate),
    // The API's document lists (lib/ledger/document-list.ts listDocumentsPage): keyset pages in (updated_at, id)
    // order within a kind, and `updatedSince` as a range of the same index.
    index('journal_entries_company_kind_updated_idx').on(t.companyId, t.kind, t.updatedAt, t.id),
    // A party's statement (lib/ledger/party-statement.ts: its entries in (entry_date, id) order) and the lists'
    // party filter: one index range instead of a scan of the company's entries.
    index('journal_entries_company_party_date_idx').on(t.companyId, t.partyId, t.entryDate, t.id),
    index('journal_entries_document_idx')
      .on(t.documentId)
      .where(sql`${t.documentId} is not null`),
    foreignKey({
      name: 'journal_entries_party_fk',
      columns: [t.companyId, t.partyId],
      foreignColumns: [parties.companyId, parties.id],
    }),
    foreignKey({
      name: 'journal_entries_category_fk',
      columns: [t.companyId, t.categoryAccountId],
      foreignColumns: [accounts.companyId, accounts.id],
    }),
    foreignKey({
      name: 'journal_entries_document_fk',
      columns: [t.companyId, t.documentId],
      foreignColumns: [t.companyId, t.id],
    }),
    foreignKey({
      name: 'journal_entries_reverses_fk',
      columns: [t.companyId, t.reversesId],
      foreignColumns: [t.companyId, t.id],
    }),
    check('journal_entries_reference_present', sql`length(${t.reference}) between 1 and 120`),
    check('journal_entries_amount_positive', sql`${t.amountMinor} is null or ${t.amountMinor} > 0`),
    check('journal_entries_paid_range', sql`${t.paidMinor} >= 0 and (${t.amountMinor} is null or ${t.paidMinor} <= ${t.amountMinor})`),
    check('journal_entries_due_after_issue', sql`${t.dueDate} is null or ${t.dueDate} >= ${t.entryDate}`),
    check(
      'journal_entries_document_shape',
      sql`${t.kind} not in ('invoice', 'bill') or (${t.number} is not null and ${t.partyId} is not null
        and ${t.dueDate} is not null and ${t.amountMinor} is not null and ${t.categoryAccountId} is not null
        and ${t.status} is not null)`,
    ),
    check(
      'journal_entries_payment_shape',
      sql`${t.kind} not in ('payment_received', 'payment_made') or (${t.documentId} is not null
        and ${t.partyId} is not null and ${t.amountMinor} is not null and ${t.appliedMinor} is not null
        and ${t.appliedMinor} between 0 and ${t.amountMinor})`,
    ),
    check('journal_entries_void_shape', sql`(${t.kind} = 'void') = (${t.reversesId} is not null)`),
    check('journal_entries_rule_shape', sql`(${t.ruleId} is null) = (${t.occurrenceDate} is null)`),
    check('journal_entries_counterparty', sql`${t.partyId} is not null or ${t.reversesId} is not null`),
    // The REC- references belong to recurring postings alone, so none typed by hand can take a posting's identity.
    check('journal_entries_recurring_reference', sql`(${t.ruleId} is not null) = (${t.reference} like 'REC-%')`),
    // The VOID- references belong to voids alone (VOID-{the voided entry's reference}), so none typed by hand can
    // take the reference a void of that entry needs.
    check('journal_entries_void_reference', sql`(${t.kind} = 'void') = (${t.reference} like 'VOID-%')`),
  ],
);

/** Signed amounts: a debit is positive, a credit negative; every entry's lines sum to zero (a trigger enforces it). */
export const journalLines = pgTable(
  'journal_lines',
  {
    entryId: bigint('entry_id', { mode: 'number' }).notNull(),
    lineNo: smallint('line_no').notNull(),
    // The company exists because the entry does (journal_lines_entry_fk is on (company_id, entry_id)).
    companyId: uuid('company_id').notNull(),
    accountId: bigint('account_id', { mode: 'number' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'journal_lines_pkey', columns: [t.entryId, t.lineNo] }),
    foreignKey({
      name: 'journal_lines_entry_fk',
      columns: [t.companyId, t.entryId],
      foreignColumns: [journalEntries.companyId, journalEntries.id],
    }),
    foreignKey({
      name: 'journal_lines_account_fk',
      columns: [t.companyId, t.accountId],
      foreignColumns: [accounts.companyId, accounts.id],
    }),
    index('journal_lines_company_account_idx').on(t.companyId, t.accountId),
    check('journal_lines_amount_nonzero', sql`${t.amountMinor} <> 0`),
  ],
);

/** Per-company document number sequences (`INV-000001`). A row lock per company keeps numbers gapless enough. */
export const documentCounters = pgTable(
  'document_counters',
  {
    companyId: companyId(),
    kind: entryKind('kind').notNull(),
    lastValue: bigint('last_value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ name: 'document_counters_pkey', columns: [t.companyId, t.kind] })],
);
