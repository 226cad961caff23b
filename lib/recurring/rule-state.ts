import type { recurringRules } from '@/db/schema/recurring';
import type { Schedule } from './calendar';
import type { RuleState } from './plan';

export type RuleRow = typeof recurringRules.$inferSelect;

/** The schedule columns of a rule. */
export type ScheduleColumns = Pick<
  RuleRow,
  'cadence' | 'startDate' | 'endDate' | 'intervalDays' | 'weekday' | 'intervalWeeks' | 'intervalMonths' | 'dayOfMonth' | 'endOfMonth' | 'nthWeek' | 'nthWeekday'
>;

/** The columns of a rule that planning reads: what the sweep claims. */
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
    | 'pauseUntil'
    | 'resumeOn'
    | 'nextOccurrence'
    | 'occurrencesPosted'
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
    pauseUntil: rule.pauseUntil,
    resumeOn: rule.resumeOn,
    nextOccurrence: rule.nextOccurrence,
    occurrencesPosted: rule.occurrencesPosted,
  };
}

/** The posting reference of an occurrence: its identity, unique per company in the database. */
export function occurrenceReference(ruleId: number, occurrenceDate: string): string {
  return `REC-${ruleId}-${occurrenceDate}`;
}

export const DOCUMENT_KIND_OF = { invoice: 'invoice', expense: 'bill' } as const;
export const PARTY_KIND_OF_RULE = { invoice: 'customer', expense: 'vendor' } as const;
export const CATEGORY_TYPE_OF_RULE = { invoice: 'revenue', expense: 'expense' } as const;
