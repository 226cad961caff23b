import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type DatabaseHandle } from '@/db/client';
import { applyPlans } from '@/lib/recurring/execute';
import { decide } from '@/lib/recurring/lifecycle';
import { ruleStateOf } from '@/lib/recurring/rule-state';
import { createRule, getRuleOrThrow } from '@/lib/recurring/rules';
import { seedCompany } from './support/fixtures';
import { postedBy, ruleFor } from './support/recurring-fixtures';
import { HAS_POSTGRES, openTestDatabase, type TestDatabase } from './support/test-db';

if (!HAS_POSTGRES) console.warn('SKIPPED: concurrent posting identity needs PostgreSQL (none available)');

describe.skipIf(!HAS_POSTGRES)('posting identity on PostgreSQL, two connections at once', () => {
  let h: TestDatabase;
  let other: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase('postgres');
    other = await openPostgres(h.url!, { max: 2 });
  });
  afterAll(async () => {
    await other?.close();
    await h?.close();
  });

  it('the same occurrence posted by two transactions at once gives exactly one document', async () => {
    const seeded = await seedCompany(h.db, 'Race Co');
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { cadence: 'monthly', dayOfMonth: 15, startDate: '2026-05-15' }));
    const loaded = await getRuleOrThrow(h.db, seeded.company.id, rule.id);
    // No row lock here on purpose: only the database's posting identity stands between the two writers.
    const state = ruleStateOf(loaded);
    const plan = decide(state, { kind: 'force' }, { today: '2026-05-15', timeZone: 'America/New_York' });
    const rules = new Map([[loaded.id, { ...state, mode: loaded.mode, timeZone: loaded.timeZone, dbNow: new Date('2026-05-15T16:00:00Z') }]]);
    const attempt = (db: DatabaseHandle['db']) =>
      db.transaction(async (tx) => {
        const [outcome] = await applyPlans(tx, 'force', [plan], rules);
        return outcome!;
      });
    const [a, b] = await Promise.all([attempt(h.db), attempt(other.db)]);
    const outcomes = [a, b].map((o) => ({ posted: o.posted.map((p) => p.occurrenceDate), duplicates: o.duplicates }));
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { posted: ['2026-05-15'], duplicates: [] },
        { posted: [], duplicates: ['2026-05-15'] },
      ]),
    );
    expect(await postedBy(h.db, seeded.company.id, rule.id)).toEqual([
      { occurrenceDate: '2026-05-15', issueDate: '2026-05-15', dueDate: '2026-05-15', reference: `REC-${rule.id}-2026-05-15` },
    ]);
  });
});
