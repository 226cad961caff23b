// A child process for tests: opens the database from the environment (DATABASE_URL or AILEGR_DATA_DIR), runs
// the migrations, prints one JSON line, and either exits or holds the database until told to stop (stdin closes).
import { database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { env } from '@/lib/env';

try {
  const handle = await database();
  await migrateDatabase(handle, env().DATABASE_URL);
  console.log(JSON.stringify({ ok: true, pid: process.pid, kind: handle.kind }));
  if (process.argv.includes('--hold')) {
    process.stdin.resume();
    await new Promise((resolve) => process.stdin.on('end', resolve));
  }
  await handle.close();
} catch (error) {
  console.log(JSON.stringify({ ok: false, pid: process.pid, message: (error as Error).message }));
  process.exitCode = 1;
}
