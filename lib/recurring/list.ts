import { and, count, eq, gt, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { preparedFor } from '@/db/prepared';
import { parties } from '@/db/schema/ledger';
import { recurringRules } from '@/db/schema/recurring';
import { keysetFor, keysetPlaceholders, keysetShapeOf, withCommittedHorizon, type KeysetOptions, type KeysetPage, type KeysetPosition, type KeysetQuery, type KeysetShape } from '@/lib/keyset';
import { describeSchedule } from './calendar-words';
import type { RuleStatus, RuleType } from './constants';
import { FAILING_STATUSES } from './failing';
import { scheduleOf, type RuleRow } from './rule-state';

/**
 * The company's rules as the Settings → Recurring list and `GET /api/recurring` show them: filtered, searched and
 * paged on the server (keyset pages, so the 10,000th rule costs what the first does), each with its party's name
 * and its cadence in words. Both callers use this one query.
 */

/** `name`: the list screen's order; `updated`: the API's, so an integrator can sync with `updatedSince`. */
export type RuleListOrder = 'name' | 'updated';

export interface RuleListFilters {
  /** Any of these statuses; unset: every status but `deleted`. */
  statuses?: readonly RuleStatus[];
  type?: RuleType;
  partyId?: number;
  /** Only Failing rules: live ones whose last pass failed (see failing.ts). */
  failing?: boolean;
  /** Part of the rule's name or its party's name, case-insensitive. */
  q?: string;
}

export interface RuleListItem {
  rule: RuleRow;
  partyName: string;
  /** The cadence in words, e.g. "Monthly on the last Friday". */
  cadenceText: string;
}

/** `%`, `_` and `\` typed in a search are literal characters, not patterns. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterOf(companyId: string, filters: RuleListFilters): SQL | undefined {
  const q = filters.q?.trim();
  return and(
    eq(recurringRules.companyId, companyId),
    filters.statuses && filters.statuses.length > 0 ? inArray(recurringRules.status, [...filters.statuses]) : ne(recurringRules.status, 'deleted'),
    filters.type ? eq(recurringRules.type, filters.type) : undefined,
    filters.partyId !== undefined ? eq(recurringRules.partyId, filters.partyId) : undefined,
    filters.failing ? failingRule : undefined,
    q ? or(ilike(recurringRules.name, containsPattern(q)), ilike(parties.name, containsPattern(q))) : undefined,
  );
}

/** The SQL side of `isFailing`: the same statuses, the same count. */
const failingRule = and(gt(recurringRules.consecutiveFailures, 0), inArray(recurringRules.status, [...FAILING_STATUSES]))!;

const partyJoin = and(eq(parties.companyId, recurringRules.companyId), eq(parties.id, recurringRules.partyId));

/** The one query behind both directions of paging: the rules matching `filters`, with their party, one keyset page. */
async function selectRulesPage(
  db: Db,
  companyId: string,
  filters: RuleListFilters,
  query: KeysetQuery,
  options: KeysetOptions,
): Promise<KeysetPage<RuleListItem>> {
  const page = await keysetFor(db, query, options);
  const rows = await db
    .select({ rule: recurringRules, partyName: parties.name, ...page.select })
    .from(recurringRules)
    .innerJoin(parties, partyJoin)
    .where(and(filterOf(companyId, filters), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  return page.result(rows, itemOf);
}

function itemOf(r: { rule: RuleRow; partyName: string }): RuleListItem {
  return { rule: r.rule, partyName: r.partyName, cadenceText: describeSchedule(scheduleOf(r.rule)) };
}

function orderOptions(order: RuleListOrder | undefined): KeysetOptions {
  return {
    sortBy: order === 'updated' ? recurringRules.updatedAt : recurringRules.name,
    id: recurringRules.id,
    updatedAt: recurringRules.updatedAt,
  };
}

/** A page with no filter but the company's live rules, per order and keyset shape: prepared once each (db/prepared.ts). */
const plainPages = new Map<string, ReturnType<typeof plainPageQuery>>();

function plainPageQuery(order: RuleListOrder, shape: KeysetShape) {
  const page = keysetPlaceholders(shape, orderOptions(order));
  const name = `rules_page_${order}${shape.after ? '_after' : ''}${shape.since ? '_since' : ''}${shape.committed ? '_committed' : ''}`;
  return {
    page,
    prepared: preparedFor((db) =>
      db
        .select({ rule: recurringRules, partyName: parties.name, ...page.select })
        .from(recurringRules)
        .innerJoin(parties, partyJoin)
        .where(and(eq(recurringRules.companyId, sql.placeholder('companyId')), ne(recurringRules.status, 'deleted'), page.where))
        .orderBy(...page.orderBy)
        .limit(page.limit)
        .prepare(name),
    ),
  };
}

function isPlain(filters: RuleListFilters): boolean {
  return !filters.statuses?.length && !filters.type && filters.partyId === undefined && !filters.failing && !filters.q?.trim();
}

/**
 * One page of the company's rules matching `filters`, in `order`, after the query's cursor. The plain list (every
 * live rule: the screen's first view and an integrator's sync) is the most asked for, so its query is prepared.
 */
export async function listRulesPage(
  db: Db,
  companyId: string,
  query: KeysetQuery & RuleListFilters & { order?: RuleListOrder },
): Promise<KeysetPage<RuleListItem>> {
  if (!isPlain(query)) return selectRulesPage(db, companyId, query, query, orderOptions(query.order));
  const order = query.order ?? 'name';
  const paged = await withCommittedHorizon(db, query, orderOptions(order));
  const shape = keysetShapeOf(paged);
  const key = `${order} ${shape.after} ${shape.since} ${shape.committed}`;
  let plain = plainPages.get(key);
  if (!plain) {
    plain = plainPageQuery(order, shape);
    plainPages.set(key, plain);
  }
  const rows = await plain.prepared(db).execute({ companyId, ...plain.page.values(paged) });
  return plain.page.result(paged)(rows, itemOf);
}

/**
 * The page of the company's rules (by name) just before `before`, for the screen's Previous link: the same rows
 * `listRulesPage` would show there, in name order. `previous` is where the page before this one ends (its first row),
 * or null when this is the first.
 */
export async function listRulesPageBefore(
  db: Db,
  companyId: string,
  query: { limit: number; before: KeysetPosition } & RuleListFilters,
): Promise<{ items: RuleListItem[]; previous: KeysetPosition | null }> {
  const result = await selectRulesPage(db, companyId, query, { limit: query.limit, after: query.before }, {
    sortBy: recurringRules.name,
    id: recurringRules.id,
    direction: 'desc',
  });
  const items = result.items.reverse();
  const first = items[0];
  return { items, previous: result.next && first ? { key: first.rule.name, id: first.rule.id } : null };
}

/** How many of the company's rules match `filters` (the list's heading and its page count). */
export async function countRules(db: Db, companyId: string, filters: RuleListFilters = {}): Promise<number> {
  const counted = db.select({ n: count() }).from(recurringRules);
  // The party is joined only for a search by its name: every rule has one (a foreign key), so the join counts nothing else.
  const [row] = await (filters.q?.trim() ? counted.innerJoin(parties, partyJoin) : counted).where(filterOf(companyId, filters));
  return row?.n ?? 0;
}

/** The company's rules per status (and how many are failing), for the list's filter chips. */
export async function countRulesByStatus(db: Db, companyId: string): Promise<{ byStatus: Partial<Record<RuleStatus, number>>; failing: number }> {
  const rows = await db
    .select({ status: recurringRules.status, n: count(), failing: sql<number>`count(*) filter (where ${failingRule})`.mapWith(Number) })
    .from(recurringRules)
    .where(and(eq(recurringRules.companyId, companyId), ne(recurringRules.status, 'deleted')))
    .groupBy(recurringRules.status);
  const byStatus: Partial<Record<RuleStatus, number>> = {};
  let failing = 0;
  for (const r of rows) {
    byStatus[r.status] = r.n;
    failing += r.failing;
  }
  return { byStatus, failing };
}
