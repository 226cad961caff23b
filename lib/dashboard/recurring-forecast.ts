import type { Db } from '@/db/client';
import { addDays, differenceInDays } from '@/lib/dates/calendar-date';
import { ruleStateOf } from '@/lib/recurring/rule-state';
import { listRules } from '@/lib/recurring/rules';
import { MAX_UPCOMING, upcomingOccurrences } from '@/lib/recurring/upcoming';

/**
 * What the company's recurring rules will post, from the engine's own list of upcoming occurrences
 * (`upcomingOccurrences`, the one the rule's page, the editor and `GET /api/recurring/:id/occurrences` use): no
 * schedule maths of its own, so the Overview cannot disagree with a rule's preview. Occurrences the engine marks as
 * skipped (a pause, a pauseUntil) post nothing and are left out.
 */

export interface ForecastPosting {
  ruleId: number;
  ruleName: string;
  /** An invoice rule posts receivables (money in); an expense rule posts payables (money out). */
  type: 'invoice' | 'expense';
  date: string;
  dueDate: string;
  amountMinor: number;
}

interface ForecastRule {
  id: number;
  name: string;
  type: 'invoice' | 'expense';
  amountMinor: number;
}

type UpcomingState = Parameters<typeof upcomingOccurrences>[0];

/**
 * Every posting of the company's rules dated from `from` to `to` (inclusive), in date order. A rule is asked for as
 * many occurrences as one call lists (MAX_UPCOMING, more than a daily rule has in 90 days).
 */
export function postingsBetween(rules: { rule: ForecastRule; state: UpcomingState }[], from: string, to: string, timeZone?: string): ForecastPosting[] {
  const postings: ForecastPosting[] = [];
  for (const { rule, state } of rules) {
    for (const occurrence of occurrencesThrough(state, to, timeZone)) {
      if (occurrence.date > to) break;
      if (occurrence.date < from || occurrence.skipReason !== null) continue;
      postings.push({ ruleId: rule.id, ruleName: rule.name, type: rule.type, date: occurrence.date, dueDate: occurrence.dueDate, amountMinor: rule.amountMinor });
    }
  }
  return postings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.ruleName.localeCompare(b.ruleName)));
}

/**
 * The rule's upcoming occurrences far enough to pass `to`: a few first (a monthly rule needs 4 for 90 days), and
 * only a daily rule goes on to the most one call lists. Each occurrence costs zone arithmetic, so the Overview does
 * not expand every rule to MAX_UPCOMING.
 */
function occurrencesThrough(state: UpcomingState, to: string, timeZone?: string) {
  for (let count = 16; ; count = Math.min(count * 4, MAX_UPCOMING)) {
    const list = upcomingOccurrences(state, count, timeZone);
    if (list.length < count || list.at(-1)!.date > to || count === MAX_UPCOMING) return list;
  }
}

interface ForecastDay {
  date: string;
  receivableMinor: bigint;
  payableMinor: bigint;
  postings: ForecastPosting[];
}

export interface UpcomingPostings {
  from: string;
  to: string;
  days: ForecastDay[];
  receivableMinor: bigint;
  payableMinor: bigint;
}

/** The postings grouped by day, with the A/R (invoice rules) and A/P (expense rules) totals per day and overall. */
export function groupPostingsByDay(postings: ForecastPosting[], from: string, to: string): UpcomingPostings {
  const days: ForecastDay[] = [];
  let receivableMinor = 0n;
  let payableMinor = 0n;
  for (const posting of postings) {
    let day = days.at(-1);
    if (day?.date !== posting.date) days.push((day = { date: posting.date, receivableMinor: 0n, payableMinor: 0n, postings: [] }));
    day.postings.push(posting);
    if (posting.type === 'invoice') {
      day.receivableMinor += BigInt(posting.amountMinor);
      receivableMinor += BigInt(posting.amountMinor);
    } else {
      day.payableMinor += BigInt(posting.amountMinor);
      payableMinor += BigInt(posting.amountMinor);
    }
  }
  return { from, to, days, receivableMinor, payableMinor };
}

export interface CashFlowWeek {
  /** The first and last day of the window (7 days; the last window ends with the forecast). */
  weekStart: string;
  weekEnd: string;
  inMinor: bigint;
  outMinor: bigint;
  /** Running total of in − out from the first week through this one. */
  cumulativeMinor: bigint;
}

/**
 * The cash the recurring postings move over `days` days from `today`, week by week, assuming each document is
 * settled on its due date: invoices in, bills out. Only postings dated from today count (an occurrence still
 * waiting for the sweep is not a forecast).
 */
export function cashFlowByWeek(postings: ForecastPosting[], today: string, days: number): CashFlowWeek[] {
  const weeks: CashFlowWeek[] = [];
  const last = addDays(today, days - 1);
  for (let start = 0; start < days; start += 7) {
    weeks.push({ weekStart: addDays(today, start), weekEnd: addDays(today, Math.min(start + 6, days - 1)), inMinor: 0n, outMinor: 0n, cumulativeMinor: 0n });
  }
  for (const posting of postings) {
    if (posting.dueDate < today || posting.dueDate > last) continue;
    const week = weeks[Math.floor(differenceInDays(posting.dueDate, today) / 7)]!;
    if (posting.type === 'invoice') week.inMinor += BigInt(posting.amountMinor);
    else week.outMinor += BigInt(posting.amountMinor);
  }
  let running = 0n;
  for (const week of weeks) week.cumulativeMinor = running += week.inMinor - week.outMinor;
  return weeks;
}

export interface RecurringForecast {
  next30: UpcomingPostings;
  cashFlow: CashFlowWeek[];
}

/** The next 30 days of postings by day and the 90-day cash flow of the company's rules, as of its local today. */
export async function recurringForecast(db: Db, companyId: string, today: string, timeZone?: string): Promise<RecurringForecast> {
  const rules = (await listRules(db, companyId)).map((rule) => ({ rule, state: ruleStateOf(rule) }));
  const postings = postingsBetween(rules, today, addDays(today, 89), timeZone);
  const last30 = addDays(today, 29);
  return {
    next30: groupPostingsByDay(postings.filter((p) => p.date <= last30), today, last30),
    cashFlow: cashFlowByWeek(postings, today, 90),
  };
}
