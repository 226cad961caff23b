'use server';

import { z } from 'zod';
import { toastDates } from '@/lib/dates/display-date';
import { parseOrThrow } from '@/lib/errors';
import { formObject, runCompanyAction } from '@/lib/http/action';
import { postReminder, postReminders, skipReminder, skipReminders, type BulkItemResult } from '@/lib/recurring/reminders';
import { recordId } from '@/lib/schemas/common';

// The "To enter" list's actions (Overview and Settings → Recurring): each authenticates and authorizes in
// runCompanyAction, and makes one call into lib/recurring/reminders.ts, which parses the fields with the schemas the
// API shares.

const reminderRef = z.object({ reminderId: recordId });
/** Bulk forms send the chosen reminders as one comma-separated field. */
const idsOf = (form: Record<string, string>) => (form.ids ? form.ids.split(',') : []);

/** Posts one reminder: as scheduled, or with the amount and/or date given. */
export async function postReminderAction(_previous: unknown, formData: FormData) {
  return runCompanyAction(
    { name: 'postReminderAction', role: 'accountant' },
    ({ db, company }) => {
      const form = formObject(formData);
      return postReminder(db, company.id, parseOrThrow(reminderRef, form).reminderId, { amount: form.amount, date: form.date || undefined });
    },
    (posted) => `Posted ${posted.reference}`,
  );
}

/** Skips one reminder with a reason (kept in the rule's history). */
export async function skipReminderAction(_previous: unknown, formData: FormData) {
  const dates = toastDates();
  return runCompanyAction(
    { name: 'skipReminderAction', role: 'accountant' },
    ({ db, company }) => {
      dates.seen(company);
      const form = formObject(formData);
      return skipReminder(db, company.id, parseOrThrow(reminderRef, form).reminderId, { reason: form.reason ?? '' });
    },
    (reminder) => `Skipped ${dates.date(reminder.occurrenceDate)}`,
  );
}

/** "Post selected": each as scheduled, each on its own. */
export async function postRemindersAction(_previous: unknown, formData: FormData) {
  return runCompanyAction(
    { name: 'postRemindersAction', role: 'accountant' },
    ({ db, company }) => postReminders(db, company.id, { ids: idsOf(formObject(formData)) }),
    (results) => bulkMessage('Posted', results),
  );
}

/** "Skip selected": each with the same reason, each on its own. */
export async function skipRemindersAction(_previous: unknown, formData: FormData) {
  return runCompanyAction(
    { name: 'skipRemindersAction', role: 'accountant' },
    ({ db, company }) => {
      const form = formObject(formData);
      return skipReminders(db, company.id, { ids: idsOf(form), reason: form.reason ?? '' });
    },
    (results) => bulkMessage('Skipped', results),
  );
}

function bulkMessage(done: string, results: BulkItemResult[]): string {
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
  const ok = results.length - errors.length;
  return errors.length === 0 ? `${done} ${ok}` : `${done} ${ok}; ${errors.length} could not be: ${[...new Set(errors)].join(' ')}`;
}
