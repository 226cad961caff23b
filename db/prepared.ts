import type { Db } from './client';

/**
 * A query built once per database handle and then run with new values (`sql.placeholder`), for the reads every
 * API request makes. Building a query with drizzle walks its whole expression tree (about a fifth of a read's
 * CPU in the profile), and drizzle sends an unprepared query to PostgreSQL as an unnamed statement that is
 * parsed and planned on every run. A prepared one is built once here and, on PostgreSQL, parsed once per
 * connection (postgres.js keeps its statements by text).
 *
 * A transaction is a handle of its own: a query prepared for it runs on the transaction's connection.
 *
 * @example
 * const ruleById = preparedFor((db) => db.select().from(rules).where(eq(rules.id, sql.placeholder('id'))).prepare('rule_by_id'));
 * const [rule] = await ruleById(db).execute({ id: 42 });
 */
export function preparedFor<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
