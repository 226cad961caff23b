import { and, asc, desc, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { oldestOpenTransaction } from '@/db/committed-horizon';
import { preparedFor } from '@/db/prepared';
import { isValidCalendarDate } from '@/lib/dates/calendar-date';
import { fieldError } from '@/lib/errors';

/**
 * Keyset pagination over (sort key, id): each page starts strictly after the last row of the previous one, so a
 * walk sees every row that stays put exactly once however rows are added meanwhile, and a page costs an index
 * range scan wherever it is. A row whose sort key moves during the walk (an update, in (updated_at, id) order)
 * shows up again further on, never goes missing.
 *
 * The position travels as text at the column's full precision: timestamps as whole microseconds since the epoch
 * (a JS Date keeps milliseconds, and a cursor rounded to them would repeat or skip rows).
 *
 * @example
 * const page = keyset(query, { sortBy: parties.updatedAt, id: parties.id, updatedAt: parties.updatedAt });
 * const rows = await db.select({ party: parties, ...page.select }).from(parties)
 *   .where(and(eq(parties.companyId, companyId), page.where)).orderBy(...page.orderBy).limit(page.limit);
 * return page.result(rows, (r) => r.party);
 */

export interface KeysetPosition {
  /** The sort key of the last row seen, as text (see above). */
  key: string;
  id: number;
}

export interface KeysetQuery {
  limit: number;
  /** Rows strictly after this position. */
  after?: KeysetPosition;
  /** Only rows whose `updatedAt` column is at or after this instant (ISO 8601 with an offset). */
  updatedSince?: string;
  /** Only rows whose `updatedAt` column is before this instant: every change before it is committed (`keysetFor`). */
  committedBefore?: string;
  /**
   * The committed horizon (db/committed-horizon.ts) when the caller read it already, before this page: an API key's
   * lookup reads it in the same query, which saves a list its own round trip.
   */
  horizon?: { at: string | null };
}

export interface KeysetOptions {
  sortBy: PgColumn;
  id: PgColumn;
  direction?: 'asc' | 'desc';
  /** The column `updatedSince` filters on; required when the query may carry one. */
  updatedAt?: PgColumn;
}

export interface KeysetPage<T> {
  items: T[];
  /** Where the next page starts, or null when this one is the last. */
  next: KeysetPosition | null;
}

type SortKind = 'timestamp' | 'date' | 'text' | 'integer';

function sortKindOf(column: PgColumn): SortKind {
  const type = column.getSQLType();
  if (type.startsWith('timestamp')) return 'timestamp';
  if (type === 'date') return 'date';
  if (type === 'text' || type.startsWith('varchar')) return 'text';
  if (type === 'bigint' || type === 'integer' || type === 'smallint') return 'integer';
  throw new Error(`keyset: unsupported sort column type ${type}`);
}

const BAD_CURSOR = 'This cursor was not given out by this list: start again without it';

/** Refuses (as a field error on `cursor`) a position's key that cannot be this column's. */
function checkKey(kind: SortKind, key: string): void {
  const valid =
    kind === 'timestamp' ? /^-?\d{1,17}$/.test(key)
    : kind === 'date' ? isValidCalendarDate(key)
    : kind === 'integer' ? /^-?\d{1,18}$/.test(key)
    : !key.includes('\u0000') && key.length <= 2000;
  if (!valid) throw fieldError('cursor', BAD_CURSOR);
}

/** The SQL value of a position's key (checked, or a placeholder filled with a checked one). */
function keyValue(kind: SortKind, key: unknown, column: PgColumn): SQL {
  switch (kind) {
    case 'timestamp':
      return sql`(timestamptz 'epoch' + ${key}::bigint * interval '1 microsecond')`;
    case 'date':
      return sql`${key}::date`;
    case 'integer':
      return sql`${key}::bigint`;
    case 'text':
      return sql`${key}::${sql.raw(column.getSQLType())}`;
  }
}

function keyText(kind: SortKind, column: PgColumn): SQL<string> {
  return kind === 'timestamp'
    ? sql<string>`((extract(epoch from ${column}) * 1000000)::bigint)::text`
    : sql<string>`${column}::text`;
}

/** What is fixed about a page's query: the conditions it has, not their values. */
function conditionsOf(options: KeysetOptions, after: { key: unknown; id: unknown } | undefined, since: unknown, committedBefore: unknown) {
  const kind = sortKindOf(options.sortBy);
  const direction = options.direction ?? 'asc';
  const order = direction === 'asc' ? asc : desc;
  const position = after ? sql`(${options.sortBy}, ${options.id})` : undefined;
  const afterCondition = after
    ? direction === 'asc'
      ? sql`${position} > (${keyValue(kind, after.key, options.sortBy)}, ${after.id})`
      : sql`${position} < (${keyValue(kind, after.key, options.sortBy)}, ${after.id})`
    : undefined;
  return {
    /** Spread into the select: the position of each row. */
    select: { keysetKey: keyText(kind, options.sortBy), keysetId: options.id },
    where: and(
      afterCondition,
      since !== undefined ? gte(options.updatedAt!, sql`${since}::timestamptz`) : undefined,
      committedBefore !== undefined ? lt(options.updatedAt!, sql`${committedBefore}::timestamptz`) : undefined,
    ),
    orderBy: [order(options.sortBy), order(options.id)],
  };
}

function checkQuery(query: KeysetQuery, options: KeysetOptions): void {
  if ((query.updatedSince ?? query.committedBefore) !== undefined && !options.updatedAt) throw new Error('keyset: updatedSince needs an updatedAt column');
  if (query.after && (!Number.isSafeInteger(query.after.id) || query.after.id < 0)) throw fieldError('cursor', BAD_CURSOR);
  if (query.after) checkKey(sortKindOf(options.sortBy), query.after.key);
}

/** The page's rows as items, and where the next page starts. */
function resultOf(query: KeysetQuery) {
  return <R extends { keysetKey: string; keysetId: unknown }, T>(rows: R[], item: (row: R) => T): KeysetPage<T> => {
    const more = rows.length > query.limit;
    const shown = more ? rows.slice(0, query.limit) : rows;
    const last = shown.at(-1);
    return {
      items: shown.map(item),
      next: more && last ? { key: String(last.keysetKey), id: Number(last.keysetId) } : null,
    };
  };
}

export function keyset(query: KeysetQuery, options: KeysetOptions) {
  checkQuery(query, options);
  return {
    ...conditionsOf(options, query.after, query.updatedSince, query.committedBefore),
    /** One more row than the page, to know whether another page follows. */
    limit: query.limit + 1,
    result: resultOf(query),
  };
}

/** The committed horizon alone, for a page whose caller did not read it already (see `KeysetQuery.horizon`). */
const committedHorizon = preparedFor((db) => db.select({ at: oldestOpenTransaction }).from(sql`(select 1) as one`).prepare('committed_horizon'));

/**
 * `keyset`, for a page ordered by the last change or filtered on it (a sync): its rows stop at the committed horizon.
 * A change stamped earlier but committed later (a sweep's batch commits after the edits that began during it) would
 * otherwise land behind a cursor or an `updatedSince` that a sync had already moved past, and never be seen. It is
 * seen on a later page or sync instead, as soon as its transaction ends.
 */
export async function keysetFor(db: Db, query: KeysetQuery, options: KeysetOptions) {
  return keyset(await withCommittedHorizon(db, query, options), options);
}

/** The query with `committedBefore` when its page is ordered by the last change or filtered on it. */
export async function withCommittedHorizon<Q extends KeysetQuery>(db: Db, query: Q, options: KeysetOptions): Promise<Q> {
  const syncing = options.updatedAt !== undefined && (options.sortBy === options.updatedAt || query.updatedSince !== undefined);
  if (!syncing) return query;
  const at = query.horizon ? query.horizon.at : ((await committedHorizon(db).execute())[0]?.at ?? null);
  return at !== null ? { ...query, committedBefore: at } : query;
}

/** Which conditions a page has: the shape of its query, whatever their values. */
export interface KeysetShape {
  after: boolean;
  since: boolean;
  committed: boolean;
}

export function keysetShapeOf(query: KeysetQuery): KeysetShape {
  return { after: query.after !== undefined, since: query.updatedSince !== undefined, committed: query.committedBefore !== undefined };
}

/**
 * `keyset` for a query prepared once per shape (db/prepared.ts): the same conditions with their values as
 * placeholders (`afterKey`, `afterId`, `since`, `committedBefore`, `limit`). `values(query)` checks a query of that shape and gives
 * what fills them; `result` is keyset's.
 *
 * @example
 * const shape = keysetShapeOf(query);
 * const page = keysetPlaceholders(shape, options);
 * const prepared = db.select({ …, ...page.select }).from(t).where(and(…, page.where)).orderBy(...page.orderBy).limit(page.limit).prepare('t_page');
 * page.result(query)(await prepared.execute({ …, ...page.values(query) }), (r) => r.item);
 */
export function keysetPlaceholders(shape: KeysetShape, options: KeysetOptions) {
  return {
    ...conditionsOf(
      options,
      shape.after ? { key: sql.placeholder('afterKey'), id: sql.placeholder('afterId') } : undefined,
      shape.since ? sql.placeholder('since') : undefined,
      shape.committed ? sql.placeholder('committedBefore') : undefined,
    ),
    limit: sql.placeholder('limit'),
    values(query: KeysetQuery): Record<string, unknown> {
      checkQuery(query, options);
      const given = keysetShapeOf(query);
      if (given.after !== shape.after || given.since !== shape.since || given.committed !== shape.committed) {
        throw new Error('keyset: the query is not of the prepared shape');
      }
      return {
        limit: query.limit + 1,
        ...(query.after ? { afterKey: query.after.key, afterId: query.after.id } : {}),
        ...(query.updatedSince !== undefined ? { since: query.updatedSince } : {}),
        ...(query.committedBefore !== undefined ? { committedBefore: query.committedBefore } : {}),
      };
    },
    result: resultOf,
  };
}
