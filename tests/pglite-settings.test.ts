import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openMemoryPglite, openPglite } from '@/db/client';
import { rowsOf } from '@/db/sql-batch';

// Issue 13: PGlite kept PostgreSQL's 4 MB work_mem, so the Balance Sheet's hash of a company's entries (140,000 at
// 100,000 documents) spilled to temporary files in its in-memory file system (docs/benchmarks.md).
describe('the settings the embedded database runs with', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-settings-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('PGlite work_mem: the app\'s embedded database (a folder) runs with 64MB', async () => {
    const handle = await openPglite(dir);
    try {
      expect(rowsOf<{ work_mem: string }>(await handle.db.execute(sql`show work_mem`))).toEqual([{ work_mem: '64MB' }]);
    } finally {
      await handle.close();
    }
  });

  it('PGlite work_mem: the in-memory one (tests, the benchmark) runs with 64MB, and a join of 150,000 rows writes no temporary file', async () => {
    const handle = await openMemoryPglite();
    try {
      expect(rowsOf<{ work_mem: string }>(await handle.db.execute(sql`show work_mem`))).toEqual([{ work_mem: '64MB' }]);
      const [row] = rowsOf<{ 'QUERY PLAN': [{ Plan: { 'Temp Written Blocks': number } }] }>(
        await handle.db.execute(sql`explain (analyze, buffers, format json)
          select count(*) from generate_series(1, 150000) a(g) join generate_series(1, 150000) b(g) on a.g = b.g`),
      );
      expect(row!['QUERY PLAN'][0].Plan['Temp Written Blocks']).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
