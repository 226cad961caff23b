import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { documentCounters } from '@/db/schema/ledger';
import { rowsOf, sqlArray } from '@/db/sql-batch';
import { formatNumber, NUMBERING_OF, parseNumber, type NumberedKind } from './numbering';
import type { DocumentSource } from './posting';

/**
 * The document counters (`document_counters`, one per company and numbered kind): locking them in key order, moving
 * them past typed numbers, reserving numbers. `writeDocuments` (posting.ts) takes its own numbers in its statement.
 */

/** One numbering: a company's counter of one kind. */
interface CounterKey {
  companyId: string;
  kind: NumberedKind;
}

const counterKey = (companyId: string, kind: string) => `${companyId}/${kind}`;

/**
 * Locks the counters of `keys` (a SQL relation with `company_id uuid, kind entry_kind` columns, duplicates
 * allowed), creating missing ones at 0, in one statement and in key order, and returns their values. Every later
 * statement of the transaction that takes numbers then only touches counters it already holds, so two transactions
 * that lock in key order this way never wait on each other in a cycle.
 */
async function lockCounterRelation(tx: Db, keys: SQL): Promise<Map<string, number>> {
  const result = await tx.execute(sql`
    insert into document_counters as c (company_id, kind, last_value)
    select k.company_id, k.kind, 0 from (${keys}) k group by k.company_id, k.kind order by k.company_id, k.kind
    on conflict (company_id, kind) do update set last_value = c.last_value
    returning company_id, kind, last_value`);
  const rows = rowsOf<{ company_id: string; kind: string; last_value: number | string }>(result);
  return new Map(rows.map((r) => [counterKey(r.company_id, r.kind), Number(r.last_value)]));
}

/** `lockCounterRelation` for keys the caller knows. */
async function lockCounters(tx: Db, keys: CounterKey[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  return lockCounterRelation(
    tx,
    sql`select * from unnest(${sqlArray(keys.map((k) => k.companyId), 'uuid')}, ${sqlArray(keys.map((k) => k.kind), 'entry_kind')})
      as k(company_id, kind)`,
  );
}

/**
 * Locks the counters a batch of documents will take numbers from, before it is written in several
 * `writeDocuments` statements: each statement locks only the counters of its own chunk, so without this, two
 * batches covering the same companies in different orders would deadlock across their statements.
 */
export async function lockDocumentCounters(tx: Db, source: DocumentSource): Promise<void> {
  await lockCounterRelation(tx, sql`select d.company_id, d.kind from (${source}) d`);
}

/**
 * The numbering side of entries typed with a reference (documents and payments), before they are written, inside
 * the caller's transaction. Locks every counter they touch in key order: their own kinds', and the kinds of which
 * their references are numbers (`parseNumber`). A reference that is a number of the entry's own kind, ahead of its
 * counter, becomes the entry's number (`INV-000412` typed on an invoice is invoice INV-000412). Every counter then
 * moves to at least the highest number typed in its format, so it never issues a number a reference holds. A typed
 * number at or below its counter is kept as the entry's reference, beside a number of its own: the counter has
 * passed it, and may have issued it. Returns each entry's own number, or null for "the next number".
 */
export async function claimTypedNumbers(
  tx: Db,
  entries: readonly { companyId: string; kind: NumberedKind; reference: string | null }[],
): Promise<(string | null)[]> {
  const typed = entries.map((e) => (e.reference === null ? null : parseNumber(e.reference)));
  const keys: CounterKey[] = entries.map((e) => ({ companyId: e.companyId, kind: NUMBERING_OF[e.kind] }));
  entries.forEach((e, i) => {
    const number = typed[i];
    if (number) keys.push({ companyId: e.companyId, kind: number.kind });
  });
  const counters = await lockCounters(tx, keys);
  const floors = new Map<string, CounterKey & { value: number }>();
  const own = entries.map((e, i) => {
    const number = typed[i];
    if (!number) return null;
    const key = counterKey(e.companyId, number.kind);
    if ((floors.get(key)?.value ?? 0) < number.value) floors.set(key, { companyId: e.companyId, kind: number.kind, value: number.value });
    return number.kind === NUMBERING_OF[e.kind] && number.value > (counters.get(key) ?? 0) ? e.reference : null;
  });
  const raised = [...floors.entries()].filter(([key, floor]) => floor.value > (counters.get(key) ?? 0)).map(([, floor]) => floor);
  if (raised.length > 0) {
    await tx.execute(sql`
      update document_counters c set last_value = v.value
      from unnest(${sqlArray(raised.map((f) => f.companyId), 'uuid')}, ${sqlArray(raised.map((f) => f.kind), 'entry_kind')},
        ${sqlArray(raised.map((f) => f.value), 'bigint')}) as v(company_id, kind, value)
      where c.company_id = v.company_id and c.kind = v.kind and c.last_value < v.value`);
  }
  return own;
}

/**
 * Reserves `count` consecutive document numbers for a company and kind, e.g. `['PAY-000041', 'PAY-000042']`, for
 * entries written one at a time (payments); `writeDocuments` reserves its own in its statement. The counter row's
 * lock serialises concurrent reservations for one company and kind only.
 */
export async function reserveNumbers(tx: Db, companyId: string, kind: NumberedKind, count: number): Promise<string[]> {
  const [counter] = await tx
    .insert(documentCounters)
    .values({ companyId, kind: NUMBERING_OF[kind], lastValue: count })
    .onConflictDoUpdate({ target: [documentCounters.companyId, documentCounters.kind], set: { lastValue: sql`${documentCounters.lastValue} + ${count}` } })
    .returning({ lastValue: documentCounters.lastValue });
  if (!counter) throw new Error(`no counter returned for ${companyId} ${kind}`);
  const first = counter.lastValue - count + 1;
  return Array.from({ length: count }, (_, i) => formatNumber(kind, first + i));
}
