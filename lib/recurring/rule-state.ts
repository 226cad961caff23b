import type { recurringRules } from '@/db/schema/recurring';
import type { Schedule } from './calendar';
import type { EditedValues, RuleState } from './lifecycle';

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

/** The values of a rule's input that the lifecycle reads: what an edit may change, and what a draft starts from. */
export function editedValuesOf(
  values: Pick<RuleRow, 'type' | 'maxOccurrences' | 'dueDays' | 'dueDate' | 'createDaysAhead' | 'catchUp'>,
  schedule: Schedule,
): EditedValues {
  return {
    type: values.type,
    schedule,
    maxOccurrences: values.maxOccurrences,
    dueDays: values.dueDays,
    dueDate: values.dueDate,
    createDaysAhead: values.createDaysAhead,
    catchUp: values.catchUp,
  };
}

/** A rule not saved yet, as the lifecycle sees it: its values and schedule, nothing decided. */
export function draftStateOf(companyId: string, values: Parameters<typeof editedValuesOf>[0], schedule: Schedule): RuleState {
  return {
    id: 0,
    companyId,
    ...editedValuesOf(values, schedule),
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
