import { z } from 'zod';
import { AppError, type FieldErrors } from '@/lib/errors';
import { describeSchedule } from '@/lib/recurring/calendar-words';
import { CADENCES, CATCH_UP_POLICIES, RULE_MODES, RULE_STATUSES, RULE_TYPES } from '@/lib/recurring/constants';
import type { RuleFields, RuleLifecycleFields, RulePatch } from '@/lib/recurring/patch';
import { scheduleOf, type RuleRow } from '@/lib/recurring/rule-state';
import {
  dailySchedule,
  monthlySchedule,
  nextRunAtInput,
  pauseInput,
  pauseUntilInput,
  ruleCommon,
  ruleUpdateOptions,
  weeklySchedule,
} from '@/lib/recurring/schemas';
import { calendarDay, currency, decimalAmount, decimalOf, instant, instantOf, minorAmount, recordIdValue } from '../values';

/**
 * A recurring rule over HTTP: the body of `POST /api/recurring` in the product description's shape
 * (`{ name?, type, cadence, startDate, endDate?, payload: {…}, options?: {…} }`), built from the very field schemas
 * of `ruleInput` (lib/recurring/schemas.ts), so the API, the editor and the service check a field the same way; and
 * the answers (rule, occurrences, preview, history, lifecycle results).
 *
 * The body is mapped to the service's flat `RuleInput` names (`payload.amount` → `amount`, `options.weekday` →
 * `weekday`), and the service's field errors are mapped back to the body's dotted paths. The body's schema checks
 * each field's type and range; what depends on several fields or on the database (an option the cadence does not
 * take, a start after the end, a party of the wrong kind) is the service's to say.
 */

// JSON has types: a number sent as text, or a boolean as anything, is refused rather than coerced the way a form's
// text is. Each guard runs before the shared field schema, which then checks the value as the form's does.
function jsonType(type: 'number' | 'boolean' | 'string', message: string) {
  return <T extends z.ZodType>(field: T) =>
    z.preprocess((value, ctx) => {
      if (value === undefined || value === null || typeof value === type) return value;
      ctx.addIssue({ code: 'custom', message, input: value });
      return z.NEVER;
    }, field);
}
const wholeNumber = jsonType('number', 'Give a whole number');
const trueOrFalse = jsonType('boolean', 'Give true or false');
const decimalText = jsonType('string', 'Give the amount as a decimal string, like "1250.00"');

/** A shared field without its default: the service applies defaults, and the API must tell "not sent" apart. */
function given<T extends z.ZodType>(field: T): z.ZodType {
  return field instanceof z.ZodDefault ? (field.removeDefault() as z.ZodType) : field;
}

/** An optional field that may also be null: "not given" in a create, "clear it" in an edit. */
const clearable = (field: z.ZodType) => given(field).nullable().optional();

/** Which flat `RuleInput` fields travel in `payload`, and which in `options`; the rest are at the top. */
const PAYLOAD_FIELDS = ['partyId', 'amount', 'categoryId', 'memo', 'dueDate'] as const;
const OPTION_FIELDS = [
  'intervalDays',
  'weekday',
  'intervalWeeks',
  'intervalMonths',
  'dayOfMonth',
  'endOfMonth',
  'nthWeek',
  'nthWeekday',
  'dueDays',
  'maxOccurrences',
  'pauseUntil',
  'resumeOn',
  'createDaysAhead',
  'catchUp',
] as const;
const LIFECYCLE_OPTIONS = ['pauseUntil', 'resumeOn'] as const;

function payloadSchema(required: boolean) {
  const need = (field: z.ZodType) => (required ? field : field.optional());
  return z
    .object({
      partyId: need(wholeNumber(ruleCommon.shape.partyId)).meta({ description: 'The customer (invoice) or vendor (expense)' }),
      amount: need(decimalText(ruleCommon.shape.amount)).meta({ description: 'Each occurrence’s amount, a decimal string in the company’s currency', example: '1250.00' }),
      categoryId: need(wholeNumber(ruleCommon.shape.categoryId)).meta({ description: 'A revenue category (invoice) or an expense category (expense)' }),
      memo: clearable(ruleCommon.shape.memo).meta({ description: 'The documents’ memo; empty: the rule’s name' }),
      dueDate: clearable(ruleCommon.shape.dueDate).meta({ description: 'A fixed due date, used while it is not before the occurrence; else date + dueDays' }),
    }, { error: 'Give the payload as an object: { partyId, amount, categoryId, memo?, dueDate? }' })
    .strict();
}

const optionsSchema = z
  .object({
    intervalDays: clearable(wholeNumber(given(dailySchedule.shape.intervalDays))).meta({ description: 'daily: every how many days (default 1)' }),
    weekday: clearable(wholeNumber(weeklySchedule.shape.weekday)).meta({ description: 'weekly: 0 = Sunday … 6 = Saturday (required)' }),
    intervalWeeks: clearable(wholeNumber(given(weeklySchedule.shape.intervalWeeks))).meta({ description: 'weekly: every how many weeks (default 1)' }),
    intervalMonths: clearable(wholeNumber(given(monthlySchedule.shape.intervalMonths))).meta({ description: 'monthly: every how many months (default 1; 3 = quarterly)' }),
    dayOfMonth: clearable(wholeNumber(monthlySchedule.shape.dayOfMonth)).meta({ description: 'monthly: the day, clamped to short months' }),
    endOfMonth: clearable(trueOrFalse(given(monthlySchedule.shape.endOfMonth))).meta({ description: 'monthly: the last day of each month (wins over the others)' }),
    nthWeek: clearable(wholeNumber(monthlySchedule.shape.nthWeek)).meta({ description: 'monthly: the week of month, 1–5 (5 = the last), with nthWeekday' }),
    nthWeekday: clearable(wholeNumber(monthlySchedule.shape.nthWeekday)).meta({ description: 'monthly: the weekday of that week, with nthWeek' }),
    dueDays: clearable(wholeNumber(given(ruleCommon.shape.dueDays))).meta({ description: 'Days from each occurrence to its due date (default 0)' }),
    maxOccurrences: clearable(wholeNumber(ruleCommon.shape.maxOccurrences)).meta({ description: 'Stop (completed) after this many postings' }),
    pauseUntil: clearable(pauseUntilInput.shape.pauseUntil).meta({ description: 'Skip occurrences dated on or before this day while staying active' }),
    resumeOn: clearable(pauseInput.shape.resumeOn).meta({ description: 'Paused until this day, when it resumes by itself (earlier dates are skipped as paused)' }),
    createDaysAhead: clearable(wholeNumber(given(ruleCommon.shape.createDaysAhead))).meta({ description: 'Post this many days before each date (default 0)' }),
    catchUp: clearable(given(ruleCommon.shape.catchUp)).meta({ description: 'Missed dates: post all (default), only the latest, or none' }),
  }, { error: 'Give the options as an object, like { "weekday": 5 }' })
  .strict()
  .meta({ description: 'The cadence’s own options and the rule’s terms; an option another cadence takes is refused' });

const cadenceField = z.enum(CADENCES, { error: 'Choose daily, weekly, monthly or annual' });

/** `POST /api/recurring` (and `POST /api/recurring/preview`). */
export const ruleCreateBody = z
  .object({
    name: ruleCommon.shape.name.optional().meta({ description: 'Default: the party’s name and the cadence in words' }),
    type: ruleCommon.shape.type,
    mode: given(ruleCommon.shape.mode).optional().meta({ description: 'post (default): post each occurrence as it comes due; remind: list it as a reminder to post or skip' }),
    cadence: cadenceField,
    startDate: ruleCommon.shape.startDate,
    endDate: clearable(ruleCommon.shape.endDate).meta({ description: 'The last day an occurrence may fall on' }),
    payload: payloadSchema(true),
    options: optionsSchema.optional(),
  })
  .meta({ id: 'RecurringRuleCreate' });

/** `PUT /api/recurring/:id`: any part of the create body (null clears an optional field), plus the edit's own fields. */
export const ruleUpdateBody = z
  .object({
    name: ruleCommon.shape.name.optional(),
    type: ruleCommon.shape.type.optional(),
    mode: given(ruleCommon.shape.mode).optional(),
    cadence: cadenceField.optional().meta({ description: 'A new cadence starts from none of the old one’s options' }),
    startDate: ruleCommon.shape.startDate.optional(),
    endDate: clearable(ruleCommon.shape.endDate),
    payload: payloadSchema(false).optional(),
    options: optionsSchema.optional(),
    nextRunAt: nextRunAtInput.shape.nextRunAt.optional().meta({ description: 'Move when an active rule next wakes up; occurrences keep their dates' }),
    version: wholeNumber(ruleUpdateOptions.shape.version).meta({ description: 'The version you read: 409 when the rule changed since' }),
    catchUpPassed: trueOrFalse(given(ruleUpdateOptions.shape.catchUpPassed)).optional().meta({
      description: 'Post the dates a re-planning edit passes over (dated on their own dates) instead of skipping them as `edited`',
    }),
  })
  .meta({ id: 'RecurringRuleUpdate' });

type Raw = Record<string, unknown>;
const objectOr = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});

/** The sent body (already validated) as the service's flat fields and the lifecycle's, keeping only what was sent. */
export function ruleFieldsOf(body: unknown): { fields: RuleFields; lifecycle: RuleLifecycleFields } {
  const raw = objectOr(body);
  const fields: RuleFields = {};
  const lifecycle: RuleLifecycleFields = {};
  for (const key of ['name', 'type', 'mode', 'cadence', 'startDate', 'endDate'] as const) if (key in raw) fields[key] = raw[key];
  const payload = objectOr(raw.payload);
  for (const key of PAYLOAD_FIELDS) if (key in payload) fields[key] = payload[key];
  const options = objectOr(raw.options);
  for (const key of OPTION_FIELDS) {
    if (!(key in options)) continue;
    if ((LIFECYCLE_OPTIONS as readonly string[]).includes(key)) lifecycle[key as (typeof LIFECYCLE_OPTIONS)[number]] = options[key] as string | null;
    else fields[key] = options[key];
  }
  return { fields, lifecycle };
}

/** The `PUT` body as a patch of the rule. */
export function rulePatchOf(body: z.output<typeof ruleUpdateBody>, raw: unknown): RulePatch {
  const { fields, lifecycle } = ruleFieldsOf(raw);
  return { fields, ...lifecycle, nextRunAt: body.nextRunAt, version: body.version as number | undefined, catchUpPassed: body.catchUpPassed as boolean | undefined };
}

/** Where a flat `RuleInput` field travels in the body: `amount` → `payload.amount`, `weekday` → `options.weekday`. */
function bodyPathOf(field: string): string {
  if ((PAYLOAD_FIELDS as readonly string[]).includes(field)) return `payload.${field}`;
  if ((OPTION_FIELDS as readonly string[]).includes(field)) return `options.${field}`;
  return field;
}

/** Runs a rule service, answering its field errors under the body's dotted paths. */
export async function inBodyTerms<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || !error.fieldErrors) throw error;
    const fields: FieldErrors = {};
    for (const [field, messages] of Object.entries(error.fieldErrors)) (fields[bodyPathOf(field)] ??= []).push(...messages);
    throw new AppError(error.code, error.message, fields);
  }
}

// Answers.

export const nullableDay = calendarDay.nullable();
const nullableInt = z.number().int().nullable();

export const ruleResponse = z
  .object({
    id: recordIdValue,
    name: z.string(),
    type: z.enum(RULE_TYPES),
    mode: z.enum(RULE_MODES).meta({ description: 'post: occurrences post as they come due; remind: they wait as reminders' }),
    status: z.enum(RULE_STATUSES),
    statusReason: z.string().nullable().meta({ description: 'Why the rule is paused, ended, completed or waiting for review' }),
    cadence: z.enum(CADENCES),
    cadenceText: z.string().meta({ description: 'The cadence in words', example: 'Monthly on the last Friday' }),
    startDate: calendarDay,
    endDate: nullableDay,
    payload: z.object({
      partyId: recordIdValue,
      categoryId: recordIdValue,
      amount: decimalAmount,
      amountMinor: minorAmount,
      currency,
      memo: z.string(),
      dueDate: nullableDay,
    }),
    options: z.object({
      intervalDays: nullableInt,
      weekday: nullableInt,
      intervalWeeks: nullableInt,
      intervalMonths: nullableInt,
      dayOfMonth: nullableInt,
      endOfMonth: z.boolean().nullable(),
      nthWeek: nullableInt,
      nthWeekday: nullableInt,
      dueDays: z.number().int(),
      maxOccurrences: nullableInt,
      pauseUntil: nullableDay,
      resumeOn: nullableDay,
      createDaysAhead: z.number().int(),
      catchUp: z.enum(CATCH_UP_POLICIES),
    }),
    nextOccurrence: nullableDay.meta({ description: 'The first date not yet posted or skipped' }),
    nextRunAt: instant.nullable().meta({ description: 'When the sweep next decides it (the company’s local day start)' }),
    lastRunAt: instant.nullable().meta({ description: 'When an occurrence was last posted or skipped' }),
    lastOccurrence: nullableDay,
    occurrencesPosted: z.number().int().nonnegative(),
    consecutiveFailures: z.number().int().nonnegative(),
    lastError: z.string().nullable(),
    version: z.number().int().positive().meta({ description: 'Moves on every change; the ETag is "v{version}"' }),
    createdAt: instant,
    updatedAt: instant,
    deletedAt: instant.nullable(),
  })
  .meta({ id: 'RecurringRule' });
export type RuleResponse = z.output<typeof ruleResponse>;

const OWN_OPTIONS = {
  daily: ['intervalDays'],
  weekly: ['weekday', 'intervalWeeks'],
  monthly: ['intervalMonths', 'dayOfMonth', 'endOfMonth', 'nthWeek', 'nthWeekday'],
  annual: [],
} as const satisfies Record<RuleRow['cadence'], readonly (keyof RuleRow)[]>;

export function toRuleResponse(rule: RuleRow, currencyCode: string): RuleResponse {
  const own = (key: (typeof OWN_OPTIONS)[keyof typeof OWN_OPTIONS][number]) =>
    (OWN_OPTIONS[rule.cadence] as readonly string[]).includes(key) ? rule[key] : null;
  return {
    id: rule.id,
    name: rule.name,
    type: rule.type,
    mode: rule.mode,
    status: rule.status,
    statusReason: rule.statusReason,
    cadence: rule.cadence,
    cadenceText: describeSchedule(scheduleOf(rule)),
    startDate: rule.startDate,
    endDate: rule.endDate,
    payload: {
      partyId: rule.partyId,
      categoryId: rule.categoryAccountId,
      amount: decimalOf(rule.amountMinor, currencyCode),
      amountMinor: rule.amountMinor,
      currency: currencyCode,
      memo: rule.memo,
      dueDate: rule.dueDate,
    },
    options: {
      intervalDays: own('intervalDays') as number | null,
      weekday: own('weekday') as number | null,
      intervalWeeks: own('intervalWeeks') as number | null,
      intervalMonths: own('intervalMonths') as number | null,
      dayOfMonth: own('dayOfMonth') as number | null,
      endOfMonth: own('endOfMonth') as boolean | null,
      nthWeek: own('nthWeek') as number | null,
      nthWeekday: own('nthWeekday') as number | null,
      dueDays: rule.dueDays,
      maxOccurrences: rule.maxOccurrences,
      pauseUntil: rule.pauseUntil,
      resumeOn: rule.resumeOn,
      createDaysAhead: rule.createDaysAhead,
      catchUp: rule.catchUp,
    },
    nextOccurrence: rule.nextOccurrence,
    nextRunAt: rule.nextRunAt ? instantOf(rule.nextRunAt) : null,
    lastRunAt: rule.lastRunAt ? instantOf(rule.lastRunAt) : null,
    lastOccurrence: rule.lastOccurrence,
    occurrencesPosted: rule.occurrencesPosted,
    consecutiveFailures: rule.consecutiveFailures,
    lastError: rule.lastError,
    version: rule.version,
    createdAt: instantOf(rule.createdAt),
    updatedAt: instantOf(rule.updatedAt),
    deletedAt: rule.deletedAt ? instantOf(rule.deletedAt) : null,
  };
}
