import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/db/client';

describe('the embedded database and the event loop', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-loop-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('PGlite starves the event loop during a sweep: between its queries, timers (and so signals, requests and log writes) get their turn', async () => {
    const handle = await openPglite(dir);
    try {
      let turns = 0;
      const timer = setInterval(() => turns++, 1);
      try {
        for (let i = 0; i < 300; i++) await handle.db.execute(sql`select ${i}::int as i`);
        await handle.db.transaction(async (tx) => {
          for (let i = 0; i < 300; i++) await tx.execute(sql`select ${i}::int as i`);
        });
      } finally {
        clearInterval(timer);
      }
      // Not a timing claim: 600 queries take far more than a millisecond, so a turning loop fires the timer.
      expect(turns).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });
});
