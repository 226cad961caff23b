// The PostgreSQL a benchmark script runs on: BENCH_DATABASE_URL when set, otherwise a throwaway server on loopback
// (tests/support/postgres-server.ts), migrated, with the machine and server version printed first so every figure
// says where it was taken.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { openPostgres, type DatabaseHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf } from '@/db/sql-batch';
import { startThrowawayPostgres } from '../../tests/support/postgres-server';

/** Runs `bench` on the benchmark's migrated PostgreSQL and stops the throwaway server after it. */
export async function onBenchPostgres<T>(bench: (handle: DatabaseHandle, url: string) => Promise<T>): Promise<T> {
  const pg = process.env.BENCH_DATABASE_URL ? null : await startThrowawayPostgres();
  try {
    const url = process.env.BENCH_DATABASE_URL ?? pg!.url;
    const handle = await openPostgres(url, { max: 10 });
    try {
      await migrateDatabase(handle, url);
      const [version] = rowsOf<{ v: string }>(await handle.db.execute(sql`select version() as v`));
      console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      console.log(`PostgreSQL: ${version?.v.split(' on ')[0]}${pg ? ' (throwaway server on loopback)' : ''}`);
      return await bench(handle, url);
    } finally {
      await handle.close();
    }
  } finally {
    pg?.stop();
  }
}
