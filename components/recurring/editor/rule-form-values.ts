import type { z } from 'zod';
import { getWeekday, isValidCalendarDate } from '@/lib/dates/calendar-date';
import { editorRuleInput, editorRuleUpdateInput } from '@/lib/recurring/schemas';

/**
 * What the rule editor holds while someone types: every control's text, including the options of cadences and end
 * modes not chosen now (switching back and forth keeps them). `payloadOf` turns it into the fields the shared schema
 * takes, with only the chosen cadence's options, so illegal combinations are never posted.
 */
export interface RuleFormValues {
  name: string;
  type: 'invoice' | 'expense';
  partyId: string;
  categoryId: string;
  amount: string;
  memo: string;
  cadence: 'daily' | 'weekly' | 'monthly' | 'annual';
  /** Every N days, weeks or months, as the cadence says. */
  interval: string;
  weekday: string;
  monthlyBy: 'dayOfMonth' | 'endOfMonth' | 'nthWeekday';
  dayOfMonth: string;
  /** 1–4, or 5 for the last one. */
  nthWeek: string;
  nthWeekday: string;
  startDate: string;
  endMode: 'never' | 'onDate' | 'after';
  endDate: string;
  maxOccurrences: string;
  /** A preset ('0', '14', …) or 'custom' (then `dueDays`). */
  dueTerm: string;
  dueDays: string;
  dueDate: string;
  createDaysAhead: string;
  catchUp: 'all' | 'latest' | 'none';
  /** Post each occurrence as it comes due, or remind: list it under "To enter" for someone to post or skip. */
  mode: 'post' | 'remind';
  pauseUntil: string;
  resumeOn: string;
}

export const DUE_TERM_PRESETS = ['0', '14', '30', '45', '60', '90'] as const;

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const NTH_WEEKS = [
  { value: '1', label: 'First' },
  { value: '2', label: 'Second' },
  { value: '3', label: 'Third' },
  { value: '4', label: 'Fourth' },
  { value: '5', label: 'Last' },
] as const;

/** A blank new rule starting on `today`. */
export function blankRuleForm(today: string): RuleFormValues {
  return {
    name: '',
    type: 'invoice',
    partyId: '',
    categoryId: '',
    amount: '',
    memo: '',
    cadence: 'monthly',
    interval: '1',
    weekday: String(weekdayOf(today)),
    monthlyBy: 'dayOfMonth',
    dayOfMonth: String(Number(today.slice(8, 10))),
    nthWeek: '1',
    nthWeekday: String(weekdayOf(today)),
    startDate: today,
    endMode: 'never',
    endDate: '',
    maxOccurrences: '',
    dueTerm: '30',
    dueDays: '30',
    dueDate: '',
    createDaysAhead: '0',
    catchUp: 'all',
    mode: 'post',
    pauseUntil: '',
    resumeOn: '',
  };
}

/** The day of the week of a 'YYYY-MM-DD' date (0 = Sunday), or Monday for an unreadable one. */
function weekdayOf(date: string): number {
  return isValidCalendarDate(date) ? getWeekday(date) : 1;
}

/** The fields the shared schema takes, as form text: only the chosen cadence's and end mode's options. */
export function payloadOf(v: RuleFormValues): Record<string, string> {
  const out: Record<string, string> = {
    name: v.name,
    type: v.type,
    partyId: v.partyId,
    categoryId: v.categoryId,
    amount: v.amount,
    memo: v.memo,
    cadence: v.cadence,
    startDate: v.startDate,
    endDate: v.endMode === 'onDate' ? v.endDate : '',
    maxOccurrences: v.endMode === 'after' ? v.maxOccurrences : '',
    dueDays: v.dueTerm === 'custom' ? v.dueDays : v.dueTerm,
    dueDate: v.dueDate,
    createDaysAhead: v.createDaysAhead,
    catchUp: v.catchUp,
    mode: v.mode,
    pauseUntil: v.pauseUntil,
    resumeOn: v.resumeOn,
  };
  if (v.cadence === 'daily') out.intervalDays = v.interval;
  if (v.cadence === 'weekly') Object.assign(out, { intervalWeeks: v.interval, weekday: v.weekday });
  if (v.cadence === 'monthly') {
    out.intervalMonths = v.interval;
    if (v.monthlyBy === 'endOfMonth') out.endOfMonth = 'true';
    if (v.monthlyBy === 'dayOfMonth') out.dayOfMonth = v.dayOfMonth;
    if (v.monthlyBy === 'nthWeekday') Object.assign(out, { nthWeek: v.nthWeek, nthWeekday: v.nthWeekday });
  }
  return out;
}

/** Schema field names that sit in another control of the form. */
const CONTROL_OF: Record<string, string> = { intervalDays: 'interval', intervalWeeks: 'interval', intervalMonths: 'interval' };

export type FieldErrors = Record<string, string[]>;

/** Field errors (by control name) from a schema's or the server's field map. */
export function byControl(fields: Record<string, readonly string[]> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(fields ?? {})) {
    const control = CONTROL_OF[field] ?? field;
    out[control] = [...(out[control] ?? []), ...messages];
  }
  return out;
}

/**
 * The shared schema's verdict on the form as typed, by control: the same schema the server action parses with,
 * so the errors shown while typing are the ones a save would get (the server adds what needs the database: the
 * party, the category, the currency's decimals).
 */
export function clientErrors(v: RuleFormValues, editing: boolean): FieldErrors {
  const payload = editing ? { ...payloadOf(v), ruleId: '1' } : payloadOf(v);
  const schema: z.ZodType = editing ? editorRuleUpdateInput : editorRuleInput;
  const parsed = schema.safeParse(payload);
  if (parsed.success) return {};
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!key) continue;
    // An unset discriminated-union branch reports its own message once per field; keep the first.
    if (!fields[key]) fields[key] = [issue.message];
  }
  return byControl(fields);
}

/** Saved rule columns as the editor's text. */
export interface SavedRuleFields {
  name: string;
  type: 'invoice' | 'expense';
  partyId: number;
  categoryAccountId: number;
  amount: string;
  memo: string;
  cadence: RuleFormValues['cadence'];
  startDate: string;
  endDate: string | null;
  intervalDays: number | null;
  weekday: number | null;
  intervalWeeks: number | null;
  intervalMonths: number | null;
  dayOfMonth: number | null;
  endOfMonth: boolean;
  nthWeek: number | null;
  nthWeekday: number | null;
  maxOccurrences: number | null;
  dueDays: number;
  dueDate: string | null;
  createDaysAhead: number;
  catchUp: RuleFormValues['catchUp'];
  mode: RuleFormValues['mode'];
  pauseUntil: string | null;
  resumeOn: string | null;
  status: string;
}

/** A saved rule as the editor's starting values. */
export function ruleFormOf(rule: SavedRuleFields): RuleFormValues {
  const blank = blankRuleForm(rule.startDate);
  const interval = rule.intervalDays ?? rule.intervalWeeks ?? rule.intervalMonths ?? 1;
  const monthlyBy = rule.endOfMonth ? 'endOfMonth' : rule.dayOfMonth !== null ? 'dayOfMonth' : rule.nthWeek !== null ? 'nthWeekday' : 'dayOfMonth';
  const preset = (DUE_TERM_PRESETS as readonly string[]).includes(String(rule.dueDays));
  return {
    ...blank,
    name: rule.name,
    type: rule.type,
    partyId: String(rule.partyId),
    categoryId: String(rule.categoryAccountId),
    amount: rule.amount,
    memo: rule.memo,
    cadence: rule.cadence,
    interval: String(interval),
    weekday: rule.weekday === null ? blank.weekday : String(rule.weekday),
    monthlyBy,
    dayOfMonth: rule.dayOfMonth === null ? blank.dayOfMonth : String(rule.dayOfMonth),
    nthWeek: rule.nthWeek === null ? blank.nthWeek : String(rule.nthWeek),
    nthWeekday: rule.nthWeekday === null ? blank.nthWeekday : String(rule.nthWeekday),
    endMode: rule.endDate ? 'onDate' : rule.maxOccurrences ? 'after' : 'never',
    endDate: rule.endDate ?? '',
    maxOccurrences: rule.maxOccurrences === null ? '' : String(rule.maxOccurrences),
    dueTerm: preset ? String(rule.dueDays) : 'custom',
    dueDays: String(rule.dueDays),
    dueDate: rule.dueDate ?? '',
    createDaysAhead: String(rule.createDaysAhead),
    catchUp: rule.catchUp,
    mode: rule.mode,
    pauseUntil: rule.pauseUntil ?? '',
    // An active rule's resumeOn records a past resume, not a pause to come: the form shows only a paused rule's.
    resumeOn: rule.status === 'paused' ? (rule.resumeOn ?? '') : '',
  };
}
