import type { Db } from '@/db/client';
import { AppError, notFound, validationError, type FieldErrors } from '@/lib/errors';
import { getCompanyOrThrow } from '@/lib/ledger/companies';
import { getPartyOrThrow } from '@/lib/ledger/parties';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';
import { describeSchedule } from './calendar-words';
import { CADENCES, type Cadence } from './constants';
import type { RuleRow } from './rule-state';
import { createRule, deleteRule, lockRuleOrThrow, pauseRule, setNextRunAt, setPauseUntil, updateRule } from './rules';
import { annualSchedule, dailySchedule, monthlySchedule, weeklySchedule, type RuleInput } from './schemas';
import { validateRuleInput } from './validate';

/**
 * Rules written from a partial description: a create that may start paused or with a pauseUntil, an edit that
 * names only what changes (`PUT /api/recurring/:id`), a delete that checks the version it was read at. The merge
 * of a partial edit onto the stored rule lives here, in the domain, so every caller merges the same way; the
 * writes themselves go through the rule service (rules.ts) and so through the lifecycle.
 */

const OPTIONS_OF_CADENCE: Record<Cadence, readonly string[]> = {
  daily: optionKeys(dailySchedule.shape),
  weekly: optionKeys(weeklySchedule.shape),
  monthly: optionKeys(monthlySchedule.shape),
  annual: optionKeys(annualSchedule.shape),
};
/** Every schedule option of any cadence, e.g. `weekday`, `nthWeek`. */
const SCHEDULE_OPTIONS: readonly string[] = [...new Set(Object.values(OPTIONS_OF_CADENCE).flat())];

function optionKeys(shape: Record<string, unknown>): string[] {
  return Object.keys(shape).filter((key) => key !== 'cadence');
}

/**
 * A rule's fields as given: `RuleInput` names (flat), values as sent. A key that is present with `null` means
 * "clear it" in an edit (and "not given" in a create); an absent key means "keep it".
 */
export type RuleFields = Partial<Record<string, unknown>>;

/** What a caller may ask besides the rule's fields, applied through the lifecycle after the fields. */
export interface RuleLifecycleFields {
  /** Skip occurrences dated on or before it while the rule stays active; null clears it. */
  pauseUntil?: string | null;
  /** Paused until this date, when the sweep resumes it; null on a paused rule: paused until resumed by hand. */
  resumeOn?: string | null;
}

function isCadence(value: unknown): value is Cadence {
  return typeof value === 'string' && (CADENCES as readonly string[]).includes(value);
}

/**
 * Options given that the cadence does not take (`weekday` on a daily rule), each as a field error. Without a
 * valid cadence nothing is said here: the cadence's own error comes from the schema.
 */
function foreignOptionErrors(cadence: unknown, given: RuleFields): FieldErrors {
  const fields: FieldErrors = {};
  if (!isCadence(cadence)) return fields;
  const own = OPTIONS_OF_CADENCE[cadence];
  for (const key of SCHEDULE_OPTIONS) {
    if (given[key] === undefined || given[key] === null || own.includes(key)) continue;
    fields[key] = [`${key} does not apply to a ${cadence} rule: remove it`];
  }
  return fields;
}

/** Present, non-null fields only: a create treats null as "not given". */
function givenOnly(fields: RuleFields): RuleFields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null));
}

/** A stored rule as the input that would make it, in `RuleInput` terms (its amount as a decimal string). */
function ruleInputOf(rule: RuleRow, currency: string): RuleFields {
  const input: RuleFields = {
    name: rule.name,
    type: rule.type,
    mode: rule.mode,
    partyId: rule.partyId,
    categoryId: rule.categoryAccountId,
    amount: toDecimalString(rule.amountMinor, currencyMinorDigits(currency)),
    memo: rule.memo,
    startDate: rule.startDate,
    endDate: rule.endDate,
    maxOccurrences: rule.maxOccurrences,
    dueDays: rule.dueDays,
    dueDate: rule.dueDate,
    createDaysAhead: rule.createDaysAhead,
    catchUp: rule.catchUp,
    cadence: rule.cadence,
  };
  const options: RuleFields = {
    intervalDays: rule.intervalDays,
    weekday: rule.weekday,
    intervalWeeks: rule.intervalWeeks,
    intervalMonths: rule.intervalMonths,
    dayOfMonth: rule.dayOfMonth,
    endOfMonth: rule.endOfMonth,
    nthWeek: rule.nthWeek,
    nthWeekday: rule.nthWeekday,
  };
  for (const key of OPTIONS_OF_CADENCE[rule.cadence]) input[key] = options[key];
  return input;
}

/**
 * The rule after an edit that names only what changes: every field of `patch` replaces the stored one (null
 * clears it, so its default applies), every other field keeps its value. A new cadence starts from none of the
 * old cadence's options. An option the resulting cadence does not take is a field error on that option.
 *
 * @example mergeRulePatch(monthlyOnThe1st, 'USD', { amount: '90.00' }) // the same rule, amount 90.00
 * @example mergeRulePatch(dailyRule, 'USD', { cadence: 'weekly', weekday: 5 }) // weekly on Fridays, intervalDays gone
 */
function mergeRulePatch(rule: RuleRow, currency: string, patch: RuleFields): RuleInput {
  const cadence = patch.cadence ?? rule.cadence;
  const foreign = foreignOptionErrors(cadence, patch);
  if (Object.keys(foreign).length > 0) throw validationError(foreign);
  const merged = ruleInputOf(rule, currency);
  if (cadence !== rule.cadence) for (const key of SCHEDULE_OPTIONS) delete merged[key];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return merged as RuleInput;
}

const NAME_MAX = 120;

/**
 * The name of a rule given without one: its party's name and its cadence in words ("Acme Ltd · Monthly on the
 * 1st"). An input that is not valid gets a placeholder: the rule service then reports what is wrong with it.
 */
async function defaultRuleName(db: Db, companyId: string, input: RuleFields): Promise<string> {
  const placeholder = 'Recurring rule';
  try {
    const company = await getCompanyOrThrow(db, companyId);
    const { schedule, values } = await validateRuleInput(db, company, { ...input, name: placeholder } as RuleInput);
    const party = await getPartyOrThrow(db, companyId, values.partyId);
    const name = `${party.name.trim()} · ${describeSchedule(schedule)}`;
    return name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name;
  } catch (error) {
    if (error instanceof AppError) return placeholder;
    throw error;
  }
}

/** The input with its name, or the default name when none was given. */
async function withDefaultName(db: Db, companyId: string, input: RuleFields): Promise<RuleInput> {
  const given = givenOnly(input);
  if (given.name !== undefined) return given as RuleInput;
  return { ...given, name: await defaultRuleName(db, companyId, given) } as RuleInput;
}

/**
 * A new rule's input from its fields as given: an option its cadence does not take is a field error on that
 * option, and a rule given without a name gets the default one. For a create and for the preview of one.
 */
export async function newRuleInput(db: Db, companyId: string, fields: RuleFields): Promise<RuleInput> {
  const foreign = foreignOptionErrors(fields.cadence, givenOnly(fields));
  if (Object.keys(foreign).length > 0) throw validationError(foreign);
  return withDefaultName(db, companyId, fields);
}

/**
 * Creates a rule from its fields (no name: the default one), then applies `pauseUntil` and `resumeOn` through
 * the lifecycle, all in one transaction: a rule with `resumeOn` is created paused until then.
 */
export async function createRuleWith(db: Db, companyId: string, fields: RuleFields, lifecycle: RuleLifecycleFields = {}): Promise<RuleRow> {
  const input = await newRuleInput(db, companyId, fields);
  return db.transaction(async (tx) => {
    let rule = await createRule(tx, companyId, input);
    if (lifecycle.pauseUntil) rule = await setPauseUntil(tx, companyId, rule.id, { pauseUntil: lifecycle.pauseUntil });
    if (lifecycle.resumeOn) rule = await pauseRule(tx, companyId, rule.id, { resumeOn: lifecycle.resumeOn });
    return rule;
  });
}

export interface RulePatch extends RuleLifecycleFields {
  fields: RuleFields;
  /** Move when the rule next wakes up (an active rule only). */
  nextRunAt?: string;
  /** The version the rule was read at: a stale one is a conflict (409). */
  version?: number;
  /** Post the dates a re-planning edit passes over instead of skipping them as `edited`. */
  catchUpPassed?: boolean;
}

export interface WriteConditions {
  /** Called with the locked rule's version before anything is written: throws to refuse (If-Match). */
  checkVersion?: (current: number) => void;
}

const STALE_VERSION = 'This rule was changed by someone else since you opened it. Reload to see the changes.';

/**
 * Edits a rule with only what changes, in one transaction under the rule's lock: the fields (merged onto the
 * stored rule, see `mergeRulePatch`) through `updateRule`, then `pauseUntil`, `resumeOn` (pauses the rule until
 * then; null on a paused rule clears the date, on any other rule does nothing) and `nextRunAt`, each through the
 * lifecycle, which refuses what the rule's state does not allow. Nothing is written when any part is refused.
 */
export async function patchRule(db: Db, companyId: string, ruleId: number, patch: RulePatch, conditions: WriteConditions = {}): Promise<RuleRow> {
  const company = await getCompanyOrThrow(db, companyId);
  return db.transaction(async (tx) => {
    const current = await lockRuleOrThrow(tx, companyId, ruleId);
    if (current.status === 'deleted') throw notFound('Rule');
    conditions.checkVersion?.(current.version);
    if (patch.version !== undefined && patch.version !== current.version) throw new AppError('conflict', STALE_VERSION);
    let rule: RuleRow = current;
    const changesFields = Object.values(patch.fields).some((v) => v !== undefined);
    if (changesFields || patch.catchUpPassed) {
      const input = mergeRulePatch(current, company.baseCurrency, patch.fields);
      rule = await updateRule(tx, companyId, ruleId, { ...input, version: current.version, catchUpPassed: patch.catchUpPassed ?? false });
    }
    if (patch.pauseUntil !== undefined) rule = await setPauseUntil(tx, companyId, ruleId, { pauseUntil: patch.pauseUntil });
    if (patch.resumeOn !== undefined && (patch.resumeOn !== null || rule.status === 'paused')) {
      rule = await pauseRule(tx, companyId, ruleId, { resumeOn: patch.resumeOn });
    }
    if (patch.nextRunAt !== undefined) rule = await setNextRunAt(tx, companyId, ruleId, { nextRunAt: patch.nextRunAt });
    return rule;
  });
}

/** Soft-deletes a rule (see `deleteRule`) after `conditions` accept the version it holds under its lock. */
export async function deleteRuleChecked(db: Db, companyId: string, ruleId: number, conditions: WriteConditions = {}): Promise<RuleRow> {
  return db.transaction(async (tx) => {
    const current = await lockRuleOrThrow(tx, companyId, ruleId);
    if (current.status === 'deleted') throw notFound('Rule');
    conditions.checkVersion?.(current.version);
    return deleteRule(tx, companyId, ruleId);
  });
}
