import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { parseTimestamptz, rowsOf } from './sql-batch';

/** The database's clock: `now()`, the start of the current transaction, which every process agrees on. */
export async function databaseNow(tx: Db): Promise<Date> {
  const [row] = rowsOf<{ now: string }>(await tx.execute(sql`select now()::text as now`));
  return parseTimestamptz(row!.now);
}
