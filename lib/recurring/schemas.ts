import { z } from 'zod';
import { amountText, calendarDate, optionalText, recordId, shortText } from '@/lib/schemas/common';
import { CATCH_UP_POLICIES, RULE_MODES, RULE_TYPES } from './constants';

/** Empty form values ('' or null) mean "not given". */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const int = (label: string, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${label} must be a whole number` })
      .int(`${label} must be a whole number`)
      .min(min, `${label} must be between ${min} and ${max}`)
      .max(max, `${label} must be between ${min} and ${max}`),
  );
const optionalInt = (label: string, min: number, max: number) =>
  z.preprocess(blankToUndefined, int(label, min, max).optional());
const optionalDate = z.preprocess(blankToUndefined, calendarDate.optional());
const checkbox = z.preprocess(
  (v) => v === true || v === 'true' || v === 'on' || v === '1',
  z.boolean(),
);

const weekday = (label: string) => int(label, 0, 6);

/** Each cadence carries only its own options: illegal combinations cannot be expressed. */
export const dailySchedule = z.object({
  cadence: z.literal('daily'),
  intervalDays: optionalInt('Every how many days', 1, 3650).default(1),
});
export const weeklySchedule = z.object({
  cadence: z.literal('weekly'),
  weekday: weekday('Weekday'),
  intervalWeeks: optionalInt('Every how many weeks', 1, 520).default(1),
});
export const monthlySchedule = z.object({
  cadence: z.literal('monthly'),
  intervalMonths: optionalInt('Every how many months', 1, 120).default(1),
  /** First match wins: endOfMonth, then dayOfMonth, then nthWeek + nthWeekday, else the start date's day. */
  endOfMonth: checkbox.default(false),
  dayOfMonth: optionalInt('Day of month', 1, 31),
  nthWeek: optionalInt('Week of month', 1, 5),
  nthWeekday: z.preprocess(blankToUndefined, weekday('Weekday').optional()),
});
export const annualSchedule = z.object({ cadence: z.literal('annual') });

const scheduleFields = z.discriminatedUnion(
  'cadence',
  [dailySchedule, weeklySchedule, monthlySchedule, annualSchedule],
  { error: 'Choose daily, weekly, monthly or annual' },
);

/** The fields every rule has, whatever its cadence (the API's body is built from these and the cadences'). */
export const ruleCommon = z.object({
  name: shortText('a name', 120),
  type: z.enum(RULE_TYPES, { error: 'Choose invoice or expense' }),
  /** `post` the documents as they come due, or `remind`: list each one as "To enter" for someone to post or skip. */
  mode: z.enum(RULE_MODES, { error: 'Choose post automatically or remind me' }).default('post'),
  partyId: recordId,
  categoryId: recordId,
  amount: amountText,
  memo: optionalText(500),
  startDate: calendarDate,
  endDate: optionalDate,
  maxOccurrences: optionalInt('Maximum occurrences', 1, 100_000),
  dueDays: optionalInt('Due days', 0, 3650).default(0),
  dueDate: optionalDate,
  createDaysAhead: optionalInt('Days ahead', 0, 365).default(0),
  catchUp: z.enum(CATCH_UP_POLICIES, { error: 'Choose all, latest or none' }).default('all'),
});

/**
 * A rule as an accountant or integrator submits it: shared by the editor form, the server action and
 * `POST /api/recurring`. Amounts are decimal text, checked against the company's currency by the service.
 */
export const ruleInput = z
  .intersection(ruleCommon, scheduleFields)
  .superRefine((rule, ctx) => {
    if (rule.endDate && rule.endDate < rule.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date cannot be before the start date' });
    }
    if (rule.cadence === 'monthly' && (rule.nthWeek === undefined) !== (rule.nthWeekday === undefined)) {
      const path = rule.nthWeek === undefined ? 'nthWeek' : 'nthWeekday';
      ctx.addIssue({ code: 'custom', path: [path], message: 'Give both the week of month and the weekday' });
    }
  });
export type RuleInput = z.input<typeof ruleInput>;
export type ParsedRule = z.output<typeof ruleInput>;

/** What an update adds to a rule: the version it was read at (a stale one is refused), and the edit's choice. */
export const ruleUpdateOptions = z.object({
  version: optionalInt('Version', 1, 2_147_483_647),
  /**
   * Post the occurrences a re-planning edit passes over (dated on their own dates), instead of recording them as
   * skipped for `edited`. Never implied by the rule's catch-up policy.
   */
  catchUpPassed: checkbox.default(false),
});

/** An update of a rule: the same fields as a new one, plus the update's options. Shared by form, action and route. */
const ruleUpdateInput = z.intersection(ruleInput, ruleUpdateOptions);
export type RuleUpdateInput = z.input<typeof ruleUpdateInput>;

export const pauseInput = z.object({
  /** Resume by itself once this date arrives (company time); empty: stay paused until resumed by hand. */
  resumeOn: optionalDate,
});

/** Skip occurrences dated on or before this day while staying active; empty clears it. */
export const pauseUntilInput = z.object({ pauseUntil: optionalDate });

/**
 * The flow controls the rule editor sets beside a rule's fields: skip dates up to `pauseUntil` while running, or
 * pause now and resume on `resumeOn`. The same fields as `pauseUntilInput` and `pauseInput`.
 */
export const ruleFlowInput = z.object({ ...pauseUntilInput.shape, ...pauseInput.shape });

/** What the rule editor submits for a new rule: its fields and flow controls. Shared by the form and its action. */
export const editorRuleInput = z.intersection(ruleInput, ruleFlowInput);
export type EditorRuleInput = z.input<typeof editorRuleInput>;

/** What the rule editor submits for a saved rule: the update's fields and options, its flow controls and its id. */
export const editorRuleUpdateInput = z.intersection(z.intersection(ruleUpdateInput, ruleFlowInput), z.object({ ruleId: recordId }));
export type EditorRuleUpdateInput = z.input<typeof editorRuleUpdateInput>;

export const nextRunAtInput = z.object({
  nextRunAt: z.iso.datetime({ offset: true, error: 'Give an ISO 8601 instant with an offset, like 2026-12-01T05:00:00Z' }),
});

export const runInput = z.object({
  dryRun: z.boolean({ error: 'dryRun must be true or false' }).optional().default(false),
  ruleId: recordId.optional(),
});
