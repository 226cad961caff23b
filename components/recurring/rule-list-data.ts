import 'server-only';
import type { Db } from '@/db/client';
import { encodeCursor, cursorParam } from '@/lib/api/pagination';
import { formatCalendarDate } from '@/lib/dates/display-date';
import { formatInstant } from '@/lib/dates/format-instant';
import type { Company } from '@/lib/ledger/companies';
import { formatMoney } from '@/lib/money';
import type { RuleStatus, RuleType } from '@/lib/recurring/constants';
import { countRules, countRulesByStatus, listRulesPage, listRulesPageBefore, type RuleListFilters, type RuleListItem } from '@/lib/recurring/list';
import { recentRuns, type RunLogEntry } from '@/lib/recurring/manual-runs';
import { ruleStateOf, type RuleRow } from '@/lib/recurring/rule-state';
import { upcomingOccurrences } from '@/lib/recurring/upcoming';
import type { MenuRule } from './rule-row-menu';
import { RULE_LIST_PAGE_SIZE, type RuleListQuery, type StatusFilter } from './rule-list-query';
import { ruleStatusView, type RuleStatusView } from './rule-status';

/**
 * The Settings → Recurring list as the screen shows it: one page of rules with every value already in words and
 * in the company's zone (formatted here, on the server: the browser's zone must not change a date), the counts
 * its filters show, and, with the developer tools on, the sweep's run log. The page renders it first; the list
 * action answers every refresh with it.
 */

export interface RuleListRow extends MenuRule {
  type: RuleType;
  partyName: string;
  amount: string;
  cadence: string;
  /** When the rule next runs, in the company's zone, and the next date it will post; null when it will not run. */
  next: { runAt: string; date: string | null } | null;
  lastRun: string | null;
  status: RuleStatus;
  badge: RuleStatusView;
  /** Why it is not active (paused by its failures, waiting for review), or the last failure. */
  reason: string | null;
  /** Dates it skips while staying active ("Skips dates through 05/01/2026"). */
  note: string | null;
}

export interface RunLogRow extends RunLogEntry {
  startedText: string;
}

export interface RuleListData {
  rows: RuleListRow[];
  /** Rules matching the filters and search. */
  total: number;
  /** Live rules per status filter, and all of them. */
  counts: Record<StatusFilter | 'all', number>;
  /** Opaque positions for the Next and Previous pages; null where there is none. */
  next: string | null;
  previous: string | null;
  /** The sweep's last runs (developer tools only). */
  runs: RunLogRow[] | null;
}

function filtersOf(query: RuleListQuery): RuleListFilters {
  return {
    type: query.type,
    statuses: query.status && query.status !== 'failing' ? [query.status] : undefined,
    failing: query.status === 'failing' || undefined,
    q: query.q,
  };
}

/** A cursor from the URL, or undefined when it is not one this list gave out (the list then starts over). */
function positionOf(cursor: string | undefined) {
  if (!cursor) return undefined;
  const parsed = cursorParam.safeParse(cursor);
  return parsed.success ? parsed.data : undefined;
}

async function pageOf(db: Db, companyId: string, query: RuleListQuery, filters: RuleListFilters) {
  const before = positionOf(query.before);
  if (before) {
    const page = await listRulesPageBefore(db, companyId, { ...filters, limit: RULE_LIST_PAGE_SIZE, before });
    // Nothing left before it (those rules were deleted meanwhile): the first page.
    if (page.items.length > 0) {
      const last = page.items.at(-1)!.rule;
      return { items: page.items, next: encodeCursor({ key: last.name, id: last.id }), previous: page.previous ? encodeCursor(page.previous) : null };
    }
  }
  const after = before ? undefined : positionOf(query.after);
  const page = await listRulesPage(db, companyId, { ...filters, limit: RULE_LIST_PAGE_SIZE, after, order: 'name' });
  const first = page.items[0]?.rule;
  return {
    items: page.items,
    next: page.next ? encodeCursor(page.next) : null,
    previous: after && first ? encodeCursor({ key: first.name, id: first.id }) : null,
  };
}

/**
 * The next date the rule will post. Nearly always its next occurrence, so one is asked for first (working out
 * ten for each of a page's rows was most of the list's server time); when that one is skipped (paused until a
 * later date, or skipping dates through one) the dates after it are looked at too.
 */
function nextPostingDate(rule: RuleRow, zone: string | undefined): string | null {
  const state = ruleStateOf(rule);
  const [first] = upcomingOccurrences(state, 1, zone);
  if (!first || first.skipReason === null) return first?.date ?? null;
  return upcomingOccurrences(state, 10, zone).find((o) => o.skipReason === null)?.date ?? null;
}

function rowOf(item: RuleListItem, company: Company): RuleListRow {
  const { rule } = item;
  const zone = company.timeZone ?? undefined;
  const runs = rule.status === 'active' || (rule.status === 'paused' && rule.resumeOn !== null);
  const nextDate = runs ? nextPostingDate(rule, zone) : null;
  return {
    type: rule.type,
    partyName: item.partyName,
    amount: formatMoney(rule.amountMinor, company.baseCurrency),
    cadence: item.cadenceText,
    next: runs && rule.nextRunAt ? { runAt: formatInstant(rule.nextRunAt, zone, company.locale), date: nextDate } : null,
    lastRun: rule.lastRunAt ? formatInstant(rule.lastRunAt, zone, company.locale) : null,
    status: rule.status,
    badge: ruleStatusView(rule, company.locale),
    reason: rule.status !== 'active' ? rule.statusReason : rule.consecutiveFailures > 0 ? rule.lastError : null,
    note: rule.status === 'active' && rule.pauseUntil && rule.nextOccurrence && rule.pauseUntil >= rule.nextOccurrence ? `Skips dates through ${formatCalendarDate(rule.pauseUntil, company.locale)}` : null,
    ...menuRuleOf(rule),
  };
}

/** What a rule's ⋯ menu needs: its name, and what it offers (the lifecycle refuses the rest). The list and the rule's page use it. */
export function menuRuleOf(rule: Pick<RuleRow, 'id' | 'name' | 'status'>): MenuRule {
  const live = rule.status === 'active' || rule.status === 'paused';
  return {
    id: rule.id,
    name: rule.name,
    can: { pause: rule.status === 'active', resume: rule.status === 'paused' || rule.status === 'needs_review', skipNext: live, force: live },
  };
}

/** Everything the list screen shows for `query`, for the caller's company. */
export async function loadRuleList(db: Db, company: Company, query: RuleListQuery, options: { devTools: boolean }): Promise<RuleListData> {
  const filters = filtersOf(query);
  const [page, total, byStatus, runs] = await Promise.all([
    pageOf(db, company.id, query, filters),
    countRules(db, company.id, filters),
    countRulesByStatus(db, company.id),
    options.devTools ? recentRuns(db, company.id) : null,
  ]);
  const count = (s: RuleStatus) => byStatus.byStatus[s] ?? 0;
  return {
    rows: page.items.map((item) => rowOf(item, company)),
    total,
    counts: {
      all: count('active') + count('paused') + count('ended') + count('completed') + count('needs_review'),
      active: count('active'),
      paused: count('paused'),
      ended: count('ended'),
      completed: count('completed'),
      needs_review: count('needs_review'),
      failing: byStatus.failing,
    },
    next: page.next,
    previous: page.previous,
    runs: runs?.map((run) => ({ ...run, startedText: formatInstant(run.startedAt, company.timeZone, company.locale) })) ?? null,
  };
}
