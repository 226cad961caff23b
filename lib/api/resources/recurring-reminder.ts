import { z } from 'zod';
import { RULE_TYPES } from '@/lib/recurring/constants';
import { reminderPostInput, reminderSkipInput, type PendingReminder, type PostedReminder, type ReminderRow } from '@/lib/recurring/reminders';
import { REMINDER_STATUSES } from '@/db/schema/enums';
import { calendarDay, currency, decimalAmount, decimalOf, instant, instantOf, minorAmount, recordIdValue } from '../values';

/**
 * A reminder over HTTP: a due occurrence of a remind rule waiting to be posted or skipped
 * (`GET /api/recurring/reminders`), and what posting or skipping one answers. The bodies are the service's own
 * input schemas (lib/recurring/reminders.ts), shared with the "To enter" dialogs.
 */

/** `POST /api/recurring/reminders/:id/post`: nothing to post as scheduled, or the amount and/or date to change. */
export const reminderPostBody = reminderPostInput
  .extend({
    amount: reminderPostInput.shape.amount.meta({ description: 'Post this amount instead (a decimal string in the company’s currency)', example: '275.50' }),
    date: reminderPostInput.shape.date.meta({ description: 'Date the document this day instead; its reference stays the occurrence’s' }),
  })
  .strict()
  .meta({ id: 'RecurringReminderPost' });

/** `POST /api/recurring/reminders/:id/skip`. */
export const reminderSkipBody = reminderSkipInput.strict().meta({ id: 'RecurringReminderSkip' });

export const pendingReminderResponse = z
  .object({
    id: recordIdValue,
    ruleId: recordIdValue,
    ruleName: z.string(),
    type: z.enum(RULE_TYPES),
    occurrenceDate: calendarDay,
    dueDate: calendarDay,
    partyId: recordIdValue,
    partyName: z.string(),
    amount: decimalAmount,
    amountMinor: minorAmount,
    currency,
    waitingDays: z.number().int().nonnegative().meta({ description: 'Days since the occurrence’s date, in the company’s time zone' }),
    createdAt: instant,
  })
  .meta({ id: 'RecurringReminder' });

export function toPendingReminderResponse(r: PendingReminder, currencyCode: string): z.output<typeof pendingReminderResponse> {
  return {
    id: r.id,
    ruleId: r.ruleId,
    ruleName: r.ruleName,
    type: r.type,
    occurrenceDate: r.occurrenceDate,
    dueDate: r.dueDate,
    partyId: r.partyId,
    partyName: r.partyName,
    amount: decimalOf(r.amountMinor, currencyCode),
    amountMinor: r.amountMinor,
    currency: currencyCode,
    waitingDays: r.waitingDays,
    createdAt: instantOf(r.createdAt),
  };
}

export const resolvedReminderResponse = z
  .object({
    id: recordIdValue,
    ruleId: recordIdValue,
    occurrenceDate: calendarDay,
    status: z.enum(REMINDER_STATUSES),
    documentId: recordIdValue.nullable().meta({ description: 'The posted document' }),
    reference: z.string().nullable().meta({ description: 'The posted document’s reference: the occurrence’s REC-{ruleId}-{date}' }),
    reason: z.string().nullable().meta({ description: 'Why it was skipped' }),
    resolvedAt: instant,
  })
  .meta({ id: 'RecurringReminderResolved' });

export function toResolvedReminderResponse(reminder: ReminderRow, posted?: Pick<PostedReminder, 'documentId' | 'reference'>): z.output<typeof resolvedReminderResponse> {
  return {
    id: reminder.id,
    ruleId: reminder.ruleId,
    occurrenceDate: reminder.occurrenceDate,
    status: reminder.status,
    documentId: posted?.documentId ?? null,
    reference: posted?.reference ?? null,
    reason: reminder.reason,
    resolvedAt: instantOf(reminder.resolvedAt ?? new Date(0)),
  };
}
