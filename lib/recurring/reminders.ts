import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { PARTY_KIND_OF } from '@/db/schema/enums';
import { accounts, companies, parties } from '@/db/schema/ledger';
import { recurringReminders, recurringRules } from '@/db/schema/recurring';
import { addDays, differenceInDays } from '@/lib/dates/calendar-date';
import { AppError, notFound, parseOrThrow, toPublicError } from '@/lib/errors';
import { keyset, type KeysetPage, type KeysetPosition } from '@/lib/keyset';
import { occurrenceReference } from '@/lib/ledger/numbering';
import { writeDocuments } from '@/lib/ledger/posting';
import { logger } from '@/lib/log';
import { amountMinorOrThrow } from '@/lib/money';
import { amountText, calendarDate, recordId, shortText } from '@/lib/schemas/common';
import { DOCUMENT_KIND_OF, type RuleType } from './constants';
import { reminderDocument } from './rule-documents';

/**
 * Reminders: the due occurrences of remind rules (the sweep writes one `recurring_reminders` row each and advances
 * the rule as if it had posted, so the lifecycle and its catch-up policies apply unchanged). Someone then posts one
 * as scheduled or with another amount or date, or skips it with a reason. Neither changes the rule: the lifecycle
 * decided the occurrence when the reminder was written. A posting keeps the occurrence's identity
 * (`REC-{ruleId}-{occurrenceDate}`, unique per company), and the reminder row is locked and must be pending, so a
 * reminder posts at most once, whoever asks at the same time.
 */

/**
 * Post a reminder: as scheduled, or with another amount and/or date. Shared by the dialog, its action and the API.
 * A field left out keeps the scheduled value; a field sent empty is a field error (an API body `{"amount": ""}` must
 * not post the scheduled amount), so the dialog's action leaves out a date nobody picked.
 */
export const reminderPostInput = z.object({
  amount: amountText.optional(),
  date: calendarDate.optional(),
});
export type ReminderPostInput = z.input<typeof reminderPostInput>;

/** Skip a reminder: why, in words (kept in the rule's history). */
export const reminderSkipInput = z.object({ reason: shortText('a reason', 500) });
export type ReminderSkipInput = z.input<typeof reminderSkipInput>;

/** Several reminders at once ("Post selected", "Skip selected"). */
const reminderIdsInput = z.object({ ids: z.array(recordId).min(1, 'Choose at least one reminder').max(100, 'At most 100 reminders at once') });

export interface PendingReminder {
  id: number;
  ruleId: number;
  ruleName: string;
  type: RuleType;
  occurrenceDate: string;
  dueDate: string;
  partyId: number;
  partyName: string;
  amountMinor: number;
  /** Days from the occurrence's date to the company's today (0 when it is today or later). */
  waitingDays: number;
  createdAt: Date;
}

/**
 * A company's pending reminders, oldest date first, a keyset page at a time. Reminders of deleted rules are not
 * listed (nor can they be posted): deleting a rule stops it.
 */
export async function listPendingReminders(db: Db, companyId: string, query: { limit: number; after?: KeysetPosition }): Promise<KeysetPage<PendingReminder>> {
  const page = keyset(query, { sortBy: recurringReminders.occurrenceDate, id: recurringReminders.id });
  const rows = await db
    .select({
      reminder: recurringReminders,
      ruleName: recurringRules.name,
      type: recurringRules.type,
      partyId: recurringRules.partyId,
      partyName: parties.name,
      today: sql<string>`(now() at time zone coalesce(${companies.timeZone}, 'UTC'))::date::text`,
      ...page.select,
    })
    .from(recurringReminders)
    .innerJoin(recurringRules, and(eq(recurringRules.companyId, recurringReminders.companyId), eq(recurringRules.id, recurringReminders.ruleId)))
    .innerJoin(parties, and(eq(parties.companyId, recurringRules.companyId), eq(parties.id, recurringRules.partyId)))
    .innerJoin(companies, eq(companies.id, recurringReminders.companyId))
    .where(and(eq(recurringReminders.companyId, companyId), eq(recurringReminders.status, 'pending'), ne(recurringRules.status, 'deleted'), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  return page.result(rows, (r) => ({
    id: r.reminder.id,
    ruleId: r.reminder.ruleId,
    ruleName: r.ruleName,
    type: r.type,
    occurrenceDate: r.reminder.occurrenceDate,
    dueDate: r.reminder.dueDate,
    partyId: r.partyId,
    partyName: r.partyName,
    amountMinor: r.reminder.amountMinor,
    waitingDays: Math.max(0, differenceInDays(r.today, r.reminder.occurrenceDate)),
    createdAt: r.reminder.createdAt,
  }));
}

export type ReminderRow = typeof recurringReminders.$inferSelect;

export interface PostedReminder {
  reminder: ReminderRow;
  documentId: number;
  reference: string;
}

/**
 * Posts a pending reminder: its document dated `date` (default: the occurrence's date) for `amount` (default: the
 * reminder's), due as many days after that date as the occurrence's terms said, with the occurrence's reference.
 * A reminder already posted or skipped is a conflict, as is an occurrence whose document exists already.
 */
export async function postReminder(db: Db, companyId: string, reminderId: number, input: ReminderPostInput = {}): Promise<PostedReminder> {
  const { amount, date } = parseOrThrow(reminderPostInput, input);
  return db.transaction(async (tx) => {
    const locked = await lockPendingReminderOrThrow(tx, companyId, reminderId);
    const { reminder } = locked;
    const cannot = cannotPostReason(locked);
    if (cannot) throw new AppError('conflict', cannot);
    const amountMinor = amount === undefined ? reminder.amountMinor : amountMinorOrThrow(amount, locked.currency);
    const entryDate = date ?? reminder.occurrenceDate;
    const dueDate = addDays(entryDate, differenceInDays(reminder.dueDate, reminder.occurrenceDate));
    const [document] = await writeDocuments(tx, reminderDocument(reminder.id, { entryDate, dueDate, amountMinor }), { skipDuplicates: true });
    const reference = occurrenceReference(reminder.ruleId, reminder.occurrenceDate);
    if (!document) throw new AppError('conflict', `This occurrence is already posted (${reference}).`);
    const [resolved] = await tx
      .update(recurringReminders)
      .set({ status: 'posted', documentId: document.id, resolvedAt: sql`now()` })
      .where(eq(recurringReminders.id, reminder.id))
      .returning();
    return { reminder: resolved!, documentId: document.id, reference };
  });
}

/**
 * Skips a pending reminder with a reason: the reminder is resolved, and the occurrence is recorded as skipped by
 * the user in the rule's history (`recurring_events`, reason `skipped_by_user`, the words as its message), like a
 * skip of the next occurrence.
 */
export async function skipReminder(db: Db, companyId: string, reminderId: number, input: ReminderSkipInput): Promise<ReminderRow> {
  const { reason } = parseOrThrow(reminderSkipInput, input);
  return db.transaction(async (tx) => {
    const { reminder } = await lockPendingReminderOrThrow(tx, companyId, reminderId);
    const [resolved] = await tx
      .update(recurringReminders)
      .set({ status: 'skipped', reason, resolvedAt: sql`now()` })
      .where(eq(recurringReminders.id, reminder.id))
      .returning();
    await tx.execute(sql`
      insert into recurring_events (company_id, rule_id, occurrence_date, outcome, reason, message)
      values (${companyId}, ${reminder.ruleId}, ${reminder.occurrenceDate}, 'skipped', 'skipped_by_user', ${reason})
      on conflict do nothing`);
    return resolved!;
  });
}

/** One item of a bulk answer: what happened to that reminder, on its own. */
export type BulkItemResult = { id: number; ok: true; documentId?: number; reference?: string } | { id: number; ok: false; error: string };

/**
 * Posts each reminder as scheduled, each in its own transaction: one that cannot post (already posted or skipped,
 * its party deleted) does not stop the others. An id that is not one of the company's reminders refuses the whole
 * request (not found), before anything is done.
 */
export async function postReminders(db: Db, companyId: string, input: { ids: unknown[] }): Promise<BulkItemResult[]> {
  const { ids } = parseOrThrow(reminderIdsInput, input);
  await remindersOfCompanyOrThrow(db, companyId, ids);
  return eachOnItsOwn(ids, async (id) => {
    const posted = await postReminder(db, companyId, id);
    return { id, ok: true, documentId: posted.documentId, reference: posted.reference };
  });
}

/** Skips each reminder with the same reason, each in its own transaction, as `postReminders` posts them. */
export async function skipReminders(db: Db, companyId: string, input: { ids: unknown[] } & ReminderSkipInput): Promise<BulkItemResult[]> {
  const { ids } = parseOrThrow(reminderIdsInput, input);
  const { reason } = parseOrThrow(reminderSkipInput, input);
  await remindersOfCompanyOrThrow(db, companyId, ids);
  return eachOnItsOwn(ids, async (id) => {
    await skipReminder(db, companyId, id, { reason });
    return { id, ok: true };
  });
}

async function remindersOfCompanyOrThrow(db: Db, companyId: string, ids: number[]): Promise<void> {
  const wanted = [...new Set(ids)];
  const found = await db
    .select({ id: recurringReminders.id })
    .from(recurringReminders)
    .where(and(eq(recurringReminders.companyId, companyId), inArray(recurringReminders.id, wanted)));
  if (found.length !== wanted.length) throw notFound('Reminder');
}

async function eachOnItsOwn(ids: number[], work: (id: number) => Promise<BulkItemResult>): Promise<BulkItemResult[]> {
  const results: BulkItemResult[] = [];
  for (const id of new Set(ids)) {
    try {
      results.push(await work(id));
    } catch (error) {
      const { status, error: shown } = toPublicError(error);
      if (status >= 500) logger().error({ err: error, reminderId: id }, 'reminder failed');
      results.push({ id, ok: false, error: shown.message });
    }
  }
  return results;
}

interface LockedReminder {
  reminder: ReminderRow;
  type: RuleType;
  currency: string;
  partyName: string;
  partyDeleted: boolean;
  categoryArchived: boolean;
}

/** Locks a reminder of the company (not found: another company's, or its rule deleted); it must still be pending. */
async function lockPendingReminderOrThrow(tx: Db, companyId: string, reminderId: number): Promise<LockedReminder> {
  const [row] = await tx
    .select({
      reminder: recurringReminders,
      type: recurringRules.type,
      currency: companies.baseCurrency,
      partyName: parties.name,
      partyDeleted: sql<boolean>`${parties.deletedAt} is not null`,
      categoryArchived: sql<boolean>`${accounts.archivedAt} is not null`,
    })
    .from(recurringReminders)
    .innerJoin(recurringRules, and(eq(recurringRules.companyId, recurringReminders.companyId), eq(recurringRules.id, recurringReminders.ruleId)))
    .innerJoin(companies, eq(companies.id, recurringReminders.companyId))
    .innerJoin(parties, and(eq(parties.companyId, recurringRules.companyId), eq(parties.id, recurringRules.partyId)))
    .innerJoin(accounts, and(eq(accounts.companyId, recurringRules.companyId), eq(accounts.id, recurringRules.categoryAccountId)))
    .where(and(eq(recurringReminders.companyId, companyId), eq(recurringReminders.id, reminderId), ne(recurringRules.status, 'deleted')))
    .for('update', { of: recurringReminders });
  if (!row) throw notFound('Reminder');
  if (row.reminder.status !== 'pending') {
    throw new AppError('conflict', `This reminder was already ${row.reminder.status}.`);
  }
  return row;
}

/** Why the reminder's document cannot be written now (the words the sweep uses for a rule that cannot post). */
function cannotPostReason(locked: LockedReminder): string | null {
  const party = PARTY_KIND_OF[DOCUMENT_KIND_OF[locked.type]];
  if (locked.partyDeleted) return `Its ${party} "${locked.partyName}" was deleted: choose another ${party}`;
  if (locked.categoryArchived) return 'Its category was archived: choose another category';
  return null;
}
