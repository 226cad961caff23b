import type { recurringRules } from '@/db/schema/recurring';
import type { Schedule } from './calendar';
import type { RuleState } from './lifecycle';

export type RuleRow = typeof recurringRules.$inferSelect;

/** The schedule columns of a rule. */
export type ScheduleColumns = Pick<
  RuleRow,
  'cadence' | 'startDate' | 'endDate' | 'intervalDays' | 'weekday' | 'intervalWeeks' | 'intervalMonths' | 'dayOfMonth' | 'endOfMonth' | 'nthWeek' | 'nthWeekday'
>;

/** The columns of a rule that the lifecycle reads: what the sweep claims. */
export type PlanningColumns = ScheduleColumns &
  Pick<
    RuleRow,
    | 'id'
    | 'companyId'
    | 'type'
    | 'maxOccurrences'
    | 'dueDays'
    | 'dueDate'
    | 'createDaysAhead'
    | 'catchUp'
    | 'status'
    | 'statusReason'
    | 'pauseUntil'
    | 'resumeOn'
    | 'nextOccurrence'
    | 'occurrencesPosted'
    | 'consecutiveFailures'
    | 'lastError'
  >;

/**
 * The schedule part of a stored rule, in the pure calendar's terms: only the options the rule sets. Built key by
 * key rather than by spreading small objects, since the sweep builds one per claimed rule.
 */
export function scheduleOf(rule: ScheduleColumns): Schedule {
  const schedule: Schedule = { cadence: rule.cadence, startDate: rule.startDate, endDate: rule.endDate };
  if (rule.intervalDays !== null) schedule.intervalDays = rule.intervalDays;
  if (rule.weekday !== null) schedule.weekday = rule.weekday;
  if (rule.intervalWeeks !== null) schedule.intervalWeeks = rule.intervalWeeks;
  if (rule.intervalMonths !== null) schedule.intervalMonths = rule.intervalMonths;
  if (rule.dayOfMonth !== null) schedule.dayOfMonth = rule.dayOfMonth;
  if (rule.endOfMonth) schedule.endOfMonth = true;
  if (rule.nthWeek !== null && rule.nthWeekday !== null) {
    schedule.nthWeek = rule.nthWeek;
    schedule.nthWeekday = rule.nthWeekday;
  }
  return schedule;
}

export function ruleStateOf(rule: PlanningColumns): RuleState {
  return {
    id: rule.id,
    companyId: rule.companyId,
    type: rule.type,
    schedule: scheduleOf(rule),
    maxOccurrences: rule.maxOccurrences,
    dueDays: rule.dueDays,
    dueDate: rule.dueDate,
    createDaysAhead: rule.createDaysAhead,
    catchUp: rule.catchUp,
    status: rule.status,
    statusReason: rule.statusReason,
    pauseUntil: rule.pauseUntil,
    resumeOn: rule.resumeOn,
    nextOccurrence: rule.nextOccurrence,
    occurrencesPosted: rule.occurrencesPosted,
    consecutiveFailures: rule.consecutiveFailures,
    lastError: rule.lastError,
  };
}

/** A rule not saved yet, as the lifecycle sees it: its values and schedule, nothing decided. */
export function draftStateOf(
  companyId: string,
  values: Pick<RuleRow, 'type' | 'maxOccurrences' | 'dueDays' | 'dueDate' | 'createDaysAhead' | 'catchUp'>,
  schedule: Schedule,
): RuleState {
  return {
    id: 0,
    companyId,
    type: values.type,
    schedule,
    maxOccurrences: values.maxOccurrences,
    dueDays: values.dueDays,
    dueDate: values.dueDate,
    createDaysAhead: values.createDaysAhead,
    catchUp: values.catchUp,
    status: 'active',
    statusReason: null,
    pauseUntil: null,
    resumeOn: null,
    nextOccurrence: null,
    occurrencesPosted: 0,
    consecutiveFailures: 0,
    lastError: null,
  };
}

/** The posting reference of an occurrence: its identity, unique per company in the database. */
export function occurrenceReference(ruleId: number, occurrenceDate: string): string {
  return `REC-${ruleId}-${occurrenceDate}`;
}

export const DOCUMENT_KIND_OF = { invoice: 'invoice', expense: 'bill' } as const;
export const PARTY_KIND_OF_RULE = { invoice: 'customer', expense: 'vendor' } as const;
export const CATEGORY_TYPE_OF_RULE = { invoice: 'revenue', expense: 'expense' } as const;
