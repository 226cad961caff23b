import { sql } from 'drizzle-orm';

/**
 * The instant before which every change in this database is committed, as text: the start of the oldest
 * transaction another client has open (a row it writes is stamped with that start, `now()`, and may commit after
 * later ones), or null when none is open (every change is committed). A page read by a later statement, whose
 * snapshot then sees every change stamped before it, may list up to it (lib/keyset.ts, `keysetFor`). A horizon read
 * earlier is still a true one, only lower.
 *
 * Sessions of other roles show no `xact_start` here unless the app's role may read all statistics
 * (`pg_read_all_stats`); the app's instances share one role, and they are the writers.
 */
export const oldestOpenTransaction = sql<string | null>`(
  select min(xact_start)::text from pg_stat_activity
  where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
)`;
