import { z } from 'zod';
import { RULE_STATUSES, RUN_TRIGGERS, SKIP_REASONS } from '@/lib/recurring/constants';
import type { SweepSummary } from '@/lib/recurring/sweep';
import { calendarDay, currency, decimalAmount, decimalOf, instant, minorAmount, recordIdValue } from '../values';

const ruleOutcome = z.object({
  ruleId: recordIdValue,
  companyId: z.uuid(),
  posted: z.array(
    z.object({
      occurrenceDate: calendarDay,
      dueDate: calendarDay,
      documentId: recordIdValue.nullable().meta({ description: 'The document posted; null in a dry run' }),
      reference: z.string(),
      amount: decimalAmount,
      amountMinor: minorAmount,
      currency,
    }),
  ),
  reminded: z
    .array(z.object({ occurrenceDate: calendarDay, dueDate: calendarDay, reminderId: z.number().int().nonnegative().meta({ description: 'The reminder written; 0 in a dry run' }) }))
    .meta({ description: 'A remind rule’s occurrences: each became a reminder to post or skip (GET /api/recurring/reminders)' }),
  duplicates: z.array(calendarDay).meta({ description: 'Occurrences another process had already posted' }),
  skipped: z.array(z.object({ occurrenceDate: calendarDay, reason: z.enum(SKIP_REASONS) })),
  status: z.enum(RULE_STATUSES),
  nextOccurrence: calendarDay.nullable(),
  nextRunAt: instant.nullable(),
  review: z.string().optional(),
});

/** What one sweep did (or, with `dryRun`, would do). */
export const runResponse = z
  .object({
    runId: recordIdValue.nullable().meta({ description: 'The recorded run; null for a dry run' }),
    trigger: z.enum(RUN_TRIGGERS),
    dryRun: z.boolean(),
    startedAt: instant,
    durationMs: z.number().int().nonnegative(),
    companies: z.number().int().nonnegative(),
    rules: z.number().int().nonnegative(),
    posted: z.number().int().nonnegative(),
    reminded: z.number().int().nonnegative().meta({ description: 'Occurrences of remind rules that became reminders (not in posted)' }),
    skipped: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    failures: z.number().int().nonnegative(),
    needsReview: z.number().int().nonnegative(),
    incomplete: z.boolean().meta({ description: 'The time budget ended the run with rules still due' }),
    errors: z.array(z.object({ ruleId: recordIdValue, companyId: z.uuid(), message: z.string(), pausedRule: z.boolean() })),
    outcomes: z
      .array(ruleOutcome)
      .optional()
      .meta({ description: 'Per rule: in a dry run, in a run of one rule, and in a run of one company (an API key’s or a session’s)' }),
  })
  .meta({ id: 'RecurringRun' });
export type RunResponse = z.output<typeof runResponse>;

/** The summary's figures go out as they are (the response's fields are the summary's); each error without extras. */
/** Each rule's amount and its company's currency (`ruleAmounts`), to show what each posting is worth. */
export type RuleAmounts = ReadonlyMap<number, { amountMinor: number; currency: string }>;

export function toRunResponse(summary: SweepSummary, amounts: RuleAmounts = new Map()): RunResponse {
  const { errors, outcomes, ...figures } = summary;
  return {
    ...figures,
    errors: errors.map(({ ruleId, companyId, message, pausedRule }) => ({ ruleId, companyId, message, pausedRule })),
    ...(outcomes
      ? {
          outcomes: outcomes.map((o) => {
            const rule = amounts.get(o.ruleId);
            if (!rule) throw new Error(`no amount for rule ${o.ruleId}`);
            return {
              ...o,
              posted: o.posted.map((p) => ({
                occurrenceDate: p.occurrenceDate,
                dueDate: p.dueDate,
                // A dry run's postings have no document yet.
                documentId: summary.dryRun ? null : p.documentId,
                reference: p.reference,
                amount: decimalOf(rule.amountMinor, rule.currency),
                amountMinor: rule.amountMinor,
                currency: rule.currency,
              })),
            };
          }),
        }
      : {}),
  };
}
