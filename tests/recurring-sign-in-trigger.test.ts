import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPostgres, type DatabaseHandle } from '@/db/client';
import { journalEntries } from '@/db/schema/ledger';
import { recurringRuns } from '@/db/schema/recurring';
import { createRule } from '@/lib/recurring/rules';
import { SIGN_IN_TIME_BUDGET_MS } from '@/lib/recurring/sign-in-trigger';
import { startApiServer, type ApiServer } from './support/api-client';
import { buildWorld, PASSWORD, type World } from './support/auth-world';
import { setDatabaseClock } from './support/db-clock';
import { killAllProcesses } from './support/processes';
import { ruleFor } from './support/recurring-fixtures';
import { HAS_POSTGRES, openTestDatabase, type TestDatabase } from './support/test-db';

// The sign-in trigger in a real server process (tests/support/api-server.ts, which serves the library's sign-in
// route) on PostgreSQL, with the database clock at 2026-03-10 10:00 in New York. The company's bill counter is
// held locked by this test while the owner signs in, so the sweep the sign-in starts cannot post until the test
// lets go: if the sign-in waited for its sweep, its response could not come before the lock is released.

vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));

const RULES = 3;
const DAYS = 10; // 2026-03-01 … 2026-03-10: each rule has ten due dates

describe.skipIf(!HAS_POSTGRES)('the sign-in trigger', () => {
  let h: TestDatabase;
  let w: World;
  let server: ApiServer;
  let locker: DatabaseHandle;

  beforeAll(async () => {
    h = await openTestDatabase('postgres', { clock: true });
    await setDatabaseClock(h.db, '2026-03-10T15:00:00Z');
    w = await buildWorld(h, 'signin');
    locker = await openPostgres(h.url!, { max: 1 });
    server = await startApiServer({ DATABASE_URL: h.url!, AILEGR_RECURRING_SIGN_IN_TRIGGER: 'on' });
  });
  afterAll(async () => {
    await server?.stop();
    await killAllProcesses();
    await locker?.close();
    await h?.close();
  });

  const postedByRules = async () =>
    (await w.db.select({ n: count() }).from(journalEntries).where(and(eq(journalEntries.companyId, w.a.company.id), isNotNull(journalEntries.ruleId))))[0]!.n;
  const signInRuns = () => w.db.select().from(recurringRuns).where(and(eq(recurringRuns.trigger, 'sign_in'), eq(recurringRuns.companyId, w.a.company.id))).orderBy(desc(recurringRuns.id));

  it('the owner signs in: the response does not wait for the sweep, which posts the due rules within the time budget', async () => {
    for (let i = 0; i < RULES; i++) await createRule(w.db, w.a.company.id, ruleFor(w.a, { name: `Due ${i}`, cadence: 'daily', startDate: '2026-03-01' }));
    expect(await postedByRules()).toBe(0);

    // Hold the company's bill counter: every posting of the sweep needs it.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const lock = locker.db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from document_counters where company_id = ${w.a.company.id} and kind = 'bill' for update`);
      locked();
      await released;
    });
    await holding;
    const safety = setTimeout(release, 15_000); // a sign-in that waited for its sweep would hang until then

    const started = performance.now();
    const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: `owner.a.signin@example.test`, password: PASSWORD }),
    });
    const responseMs = performance.now() - started;
    expect(response.status, await response.text()).toBe(200);
    expect(responseMs).toBeLessThan(SIGN_IN_TIME_BUDGET_MS);

    // The sweep started after the response and is waiting on the lock: its run is recorded, unfinished, nothing posted.
    await expect.poll(async () => (await signInRuns()).length, { timeout: 5_000 }).toBe(1);
    expect((await signInRuns())[0]!.finishedAt).toBeNull();
    expect(await postedByRules()).toBe(0);

    clearTimeout(safety);
    const releasedAt = performance.now();
    release();
    await lock;
    await expect.poll(postedByRules, { timeout: SIGN_IN_TIME_BUDGET_MS, interval: 100 }).toBe(RULES * DAYS);
    expect(performance.now() - releasedAt).toBeLessThan(SIGN_IN_TIME_BUDGET_MS);
    await expect.poll(async () => (await signInRuns())[0]!.finishedAt !== null, { timeout: 5_000 }).toBe(true);
    const [run] = await signInRuns();
    expect(run).toMatchObject({ trigger: 'sign_in', companyId: w.a.company.id, rulesProcessed: RULES, posted: RULES * DAYS, failures: 0 });
  });
});
