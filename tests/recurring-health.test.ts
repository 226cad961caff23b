import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createParty } from '@/lib/ledger/parties';
import { metrics } from '@/lib/metrics';
import { createRule, deleteRule, resumeRule } from '@/lib/recurring/rules';
import { runDueRules } from '@/lib/recurring/sweep';
import { bindAppToDatabase, ORIGIN } from './support/auth-world';
import { setDatabaseClock } from './support/db-clock';
import { seedCompany } from './support/fixtures';
import { ruleFor } from './support/recurring-fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

const JOB_KEY = vi.hoisted(() => {
  const key = 'health-test-job-key-0123456789';
  process.env.AILEGR_JOB_KEY = key;
  process.env.AILEGR_LOG_LEVEL ??= 'silent';
  return key;
});

vi.mock('server-only', () => ({}));

const healthRoute = () => import('@/app/api/recurring/health/route');
const metricsRoute = () => import('@/app/api/metrics/route');

async function health(authorization?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { GET } = await healthRoute();
  const response = await GET(new Request(`${ORIGIN}/api/recurring/health`, { headers: authorization ? { authorization } : {} }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function metricsText(): Promise<string> {
  const { GET } = await metricsRoute();
  const response = await GET(new Request(`${ORIGIN}/api/metrics`, { headers: { authorization: `Bearer ${JOB_KEY}` } }), { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of an unlabelled gauge in Prometheus text. */
function gauge(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe.each(BACKENDS)('/api/recurring/health on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend, { clock: true });
    bindAppToDatabase(h);
    metrics().useDatabase(async () => h.db);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a health endpoint that says healthy while rules have stopped: failing, auto-paused and needs-review rules degrade it (503)', async () => {
    await setDatabaseClock(h.db, '2026-03-01T12:00:00Z');
    const a = await seedCompany(h.db, `Health A ${backend}`, 'America/New_York');
    const b = await seedCompany(h.db, `Health B ${backend}`, null);
    const sweep = () => runDueRules(h.db, { trigger: 'manual' });
    const healthy = { status: 'healthy', problems: [], intervalMinutes: 15 };

    await createRule(h.db, a.company.id, ruleFor(a, { name: 'posts', startDate: '2026-03-01' }));
    expect(await sweep()).toMatchObject({ posted: 1, failures: 0 });
    expect((await health()).status).toBe(200);

    // A rule whose vendor is deleted fails, and pushes its wake-up a minute forward: nothing is due, yet it stopped.
    const goner = await createParty(h.db, a.company.id, { kind: 'vendor', name: 'Gone Vendor' });
    const stuck = await createRule(h.db, a.company.id, ruleFor(a, { name: 'stuck', startDate: '2026-03-01', partyId: goner.id }));
    await h.db.execute(sql`update parties set deleted_at = now() where id = ${goner.id}`);
    expect(await sweep()).toMatchObject({ posted: 0, failures: 1 });
    const failing = await health();
    expect(failing.status).toBe(503);
    expect(failing.body).toEqual({ status: 'degraded', problems: ['rules_failing'], intervalMinutes: 15 });

    // Two more failed passes pause it (next_run_at null): still degraded, and now also reported as auto-paused.
    await setDatabaseClock(h.db, '2026-03-01T12:01:00Z');
    expect(await sweep()).toMatchObject({ failures: 1 });
    await setDatabaseClock(h.db, '2026-03-01T12:02:00Z');
    expect((await sweep()).errors).toEqual([expect.objectContaining({ ruleId: stuck.id, pausedRule: true })]);
    expect(await health()).toEqual({ status: 503, body: { status: 'degraded', problems: ['rules_failing', 'rules_auto_paused'], intervalMinutes: 15 } });

    // Another company's rule, 425 days behind, waits for review (next_run_at null too).
    const gap = await createRule(h.db, b.company.id, ruleFor(b, { name: 'gap', startDate: '2025-01-01' }));
    expect(await sweep()).toMatchObject({ posted: 0, needsReview: 1 });
    const stopped = { status: 'degraded', problems: ['rules_failing', 'rules_auto_paused', 'rules_need_review'], intervalMinutes: 15 };
    expect(await health()).toEqual({ status: 503, body: stopped });

    // The detail, across companies, only for the job key; a wrong key is refused, not answered in public.
    const detailed = await health(`Bearer ${JOB_KEY}`);
    expect(detailed.status).toBe(503);
    const companies = [
      { companyId: a.company.id, failing: [stuck.id], autoPaused: [stuck.id], needsReview: [] },
      { companyId: b.company.id, failing: [], autoPaused: [], needsReview: [gap.id] },
    ].sort((x, y) => (x.companyId < y.companyId ? -1 : 1)); // uuid order, as the database sorts them
    expect(detailed.body).toEqual({
      ...stopped,
      detail: {
        reasons: ['1 rule is failing (1 of them paused after repeated failures)', '1 rule needs review'],
        backlog: 0,
        oldestDueAgeSeconds: 0,
        activeRules: 1,
        failingRules: 1,
        autoPausedRules: 1,
        needsReviewRules: 1,
        companies,
        truncated: false,
        lastRun: expect.objectContaining({ trigger: 'manual', posted: 0, failures: 0, abandoned: false }),
      },
    });
    expect((await health('Bearer not-the-job-key-0123456789')).status).toBe(401);

    // The same in the metrics.
    const text = await metricsText();
    expect([gauge(text, 'ailegr_recurring_failing_rules'), gauge(text, 'ailegr_recurring_auto_paused_rules'), gauge(text, 'ailegr_recurring_needs_review_rules')]).toEqual([1, 1, 1]);

    // Once the vendor is back and the rule resumed, and the gap rule deleted, it is healthy again.
    await h.db.execute(sql`update parties set deleted_at = null where id = ${goner.id}`);
    await setDatabaseClock(h.db, '2026-03-01T12:03:00Z');
    await resumeRule(h.db, a.company.id, stuck.id);
    expect(await sweep()).toMatchObject({ posted: 1, failures: 0 });
    await deleteRule(h.db, b.company.id, gap.id);
    expect(await health()).toEqual({ status: 200, body: healthy });
    const after = await metricsText();
    expect([gauge(after, 'ailegr_recurring_failing_rules'), gauge(after, 'ailegr_recurring_auto_paused_rules'), gauge(after, 'ailegr_recurring_needs_review_rules')]).toEqual([0, 0, 0]);

    // The backlog keeps its meaning: a due occurrence waiting more than two intervals makes it unhealthy.
    await setDatabaseClock(h.db, '2026-03-03T12:00:00Z');
    expect(await health()).toEqual({ status: 503, body: { status: 'unhealthy', problems: ['backlog_late'], intervalMinutes: 15 } });
    const late = await health(`Bearer ${JOB_KEY}`);
    expect(late.body.detail).toMatchObject({
      reasons: ['The oldest due occurrence has waited 111600s, more than two intervals (1800s)'],
      backlog: 2,
      oldestDueAgeSeconds: 111_600, // since 2026-03-02 05:00 UTC, New York's midnight
    });
  });
});
