import { canRecord } from '@/components/forms/read-only-note';
import { ToEnterList, type ToEnterRow } from '@/components/reminders/to-enter-list';
import { currencyMinorDigits, formatMoney, toDecimalString } from '@/lib/money';
import { listPendingReminders } from '@/lib/recurring/reminders';
import { companyContext } from '@/lib/session/company-context';
import { postReminderAction, postRemindersAction, skipReminderAction, skipRemindersAction } from './actions';

/** How many pending reminders the list shows; the API pages through all of them. */
const SHOWN_REMINDERS = 100;

/**
 * The "To enter" list of the current company (remind rules' due occurrences), mounted on the Overview and on
 * Settings → Recurring. Renders nothing when nothing waits.
 */
export async function ToEnter() {
  const { db, company, role } = await companyContext();
  const page = await listPendingReminders(db, company.id, { limit: SHOWN_REMINDERS });
  if (page.items.length === 0) return null;
  const digits = currencyMinorDigits(company.baseCurrency);
  const rows: ToEnterRow[] = page.items.map((r) => ({
    id: r.id,
    date: r.occurrenceDate,
    partyName: r.partyName,
    ruleName: r.ruleName,
    amount: formatMoney(r.amountMinor, company.baseCurrency),
    amountDecimal: toDecimalString(r.amountMinor, digits),
    waitingDays: r.waitingDays,
  }));
  return (
    <ToEnterList
      rows={rows}
      more={page.next !== null}
      canWrite={canRecord(role)}
      actions={{ post: postReminderAction, skip: skipReminderAction, postMany: postRemindersAction, skipMany: skipRemindersAction }}
    />
  );
}
