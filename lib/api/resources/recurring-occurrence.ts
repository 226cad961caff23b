import { z } from 'zod';
import { occurrenceReference } from '@/lib/ledger/numbering';
import { EVENT_OUTCOMES, SKIP_REASONS } from '@/lib/recurring/constants';
import type { HistoryEntry } from '@/lib/recurring/history';
import type { RuleEventResult } from '@/lib/recurring/outcomes';
import type { PreviewOccurrence } from '@/lib/recurring/preview';
import { MAX_UPCOMING, type UpcomingOccurrence } from '@/lib/recurring/upcoming';
import { calendarDay, currency, decimalAmount, decimalOf, instant, instantOf, minorAmount, recordIdValue } from '../values';
import { nullableDay, ruleResponse, toRuleResponse } from './recurring-rule';

/**
 * What a rule's dates look like over the API: its next occurrences, a draft's preview with journal lines, its
 * history, and what a lifecycle action (pause, resume, skip-next, force) posted or skipped.
 */

const countMessage = `Give a whole number from 1 to ${MAX_UPCOMING}`;

/** `?count=`: how many dates a rule's next occurrences or a draft's preview shows, the same bounds for both. */
export const occurrenceCountQuery = z.object({
  count: z.coerce
    .number({ error: countMessage })
    .int(countMessage)
    .min(1, countMessage)
    .max(MAX_UPCOMING, countMessage)
    .default(5)
    .meta({ description: `How many, 1–${MAX_UPCOMING} (default 5)` }),
});

const money = { amount: decimalAmount, amountMinor: minorAmount, currency };
const moneyOf = (minor: number, currencyCode: string) => ({ amount: decimalOf(minor, currencyCode), amountMinor: minor, currency: currencyCode });

const skipReasonOfUpcoming = z.enum(['pause_until', 'paused']).nullable().meta({ description: 'Why it will be skipped rather than posted' });
const notesFields = {
  note: z.string().nullable().meta({ description: 'Why it falls when it does, in words ("31st → Feb 28", "the day starts at 01:00 here")' }),
  notes: z.array(z.string()),
};

export const occurrenceResponse = z
  .object({
    date: calendarDay,
    dueDate: calendarDay,
    runAt: instant.meta({ description: 'When the sweep posts it: the start of (date − createDaysAhead) in the company’s zone' }),
    reference: z.string().meta({ description: '`REC-{ruleId}-{date}`: the posting’s identity' }),
    ...money,
    skipReason: skipReasonOfUpcoming,
    ...notesFields,
  })
  .meta({ id: 'RecurringOccurrence' });

export function toOccurrenceResponse(ruleId: number, amountMinor: number, currencyCode: string, o: UpcomingOccurrence): z.output<typeof occurrenceResponse> {
  return {
    date: o.date,
    dueDate: o.dueDate,
    runAt: instantOf(o.runAt),
    reference: occurrenceReference(ruleId, o.date),
    ...moneyOf(amountMinor, currencyCode),
    skipReason: o.skipReason,
    note: o.notes.length ? o.notes.join('; ') : null,
    notes: o.notes,
  };
}

export const previewOccurrenceResponse = z
  .object({
    date: calendarDay,
    dueDate: calendarDay,
    runAt: instant,
    reference: z.string().nullable().meta({ description: 'Null until the rule is saved (the reference names its id)' }),
    ...money,
    skipReason: skipReasonOfUpcoming,
    ...notesFields,
    document: z.object({ kind: z.enum(['invoice', 'bill']), partyId: recordIdValue, partyName: z.string(), categoryId: recordIdValue, memo: z.string() }),
    lines: z.array(
      z.object({
        side: z.enum(['Dr', 'Cr']),
        accountId: recordIdValue,
        accountCode: z.string(),
        accountName: z.string(),
        ...money,
      }),
    ),
  })
  .meta({ id: 'RecurringPreviewOccurrence' });

export function toPreviewResponse(o: PreviewOccurrence, currencyCode: string): z.output<typeof previewOccurrenceResponse> {
  return {
    date: o.occurrenceDate,
    dueDate: o.dueDate,
    runAt: o.runAt,
    reference: o.document.reference,
    ...moneyOf(o.document.amountMinor, currencyCode),
    skipReason: o.skipReason,
    note: o.notes.length ? o.notes.join('; ') : null,
    notes: o.notes,
    document: { kind: o.document.kind, partyId: o.document.partyId, partyName: o.document.partyName, categoryId: o.document.categoryId, memo: o.document.memo },
    lines: o.lines.map((l) => ({ side: l.side, accountId: l.accountId, accountCode: l.accountCode, accountName: l.accountName, ...moneyOf(l.amountMinor, currencyCode) })),
  };
}

export const historyEntryResponse = z
  .object({
    outcome: z.enum(['posted', ...EVENT_OUTCOMES]),
    occurrenceDate: nullableDay.meta({ description: 'The occurrence it is about; null for a failure of the rule as a whole' }),
    reason: z.enum(SKIP_REASONS).nullable().meta({ description: 'Why it was skipped' }),
    message: z.string().nullable().meta({ description: 'What a failure or a review said' }),
    document: z.object({ id: recordIdValue, number: z.string(), reference: z.string(), ...money }).nullable().meta({ description: 'The document it posted' }),
    recordedAt: instant,
  })
  .meta({ id: 'RecurringHistoryEntry' });

export function toHistoryEntryResponse(entry: HistoryEntry, currencyCode: string): z.output<typeof historyEntryResponse> {
  return {
    outcome: entry.outcome,
    occurrenceDate: entry.occurrenceDate,
    reason: entry.reason,
    message: entry.message,
    document: entry.document
      ? { id: entry.document.id, number: entry.document.number, reference: entry.document.reference, ...moneyOf(entry.document.amountMinor, currencyCode) }
      : null,
    recordedAt: instantOf(entry.recordedAt),
  };
}

export const ruleEventResponse = z
  .object({
    rule: ruleResponse,
    posted: z.array(
      z.object({ occurrenceDate: calendarDay, dueDate: calendarDay, documentId: recordIdValue, number: z.string(), reference: z.string(), ...money }),
    ),
    skipped: z.array(z.object({ occurrenceDate: calendarDay, reason: z.enum(SKIP_REASONS) })),
    duplicates: z.array(calendarDay).meta({ description: 'Occurrences already posted before: nothing was written for them' }),
  })
  .meta({ id: 'RecurringRuleEventResult' });

export function toRuleEventResponse(result: RuleEventResult, currencyCode: string): z.output<typeof ruleEventResponse> {
  return {
    rule: toRuleResponse(result.rule, currencyCode),
    posted: result.posted.map((p) => ({
      occurrenceDate: p.occurrenceDate,
      dueDate: p.dueDate,
      documentId: p.documentId,
      number: p.number,
      reference: p.reference,
      ...moneyOf(p.amountMinor, currencyCode),
    })),
    skipped: result.skipped,
    duplicates: result.duplicates,
  };
}
