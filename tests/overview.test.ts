import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAging } from '@/lib/dashboard/aging';
import { monthlyRevenueAndExpenses } from '@/lib/dashboard/monthly-totals';
import { recurringForecast } from '@/lib/dashboard/recurring-forecast';
import { companyRecurringStatus } from '@/lib/dashboard/recurring-status';
import { createDocument } from '@/lib/ledger/documents';
import { recordPayment } from '@/lib/ledger/payments';
import { previewRule } from '@/lib/recurring/preview';
import { createRule, setPauseUntil } from '@/lib/recurring/rules';
import { seedCompany } from './support/fixtures';
import { setDatabaseClock } from './support/db-clock';
import { openTestDatabase, type TestDatabase } from './support/test-db';

// Issue 13, the Overview: its aging, its 12-month chart and its recurring forecast, read through the services on a
// company whose every figure is known. Today is 2026-12-01 in New York.
const TODAY = '2026-12-01';

describe('the Overview’s figures', () => {
  let h: TestDatabase;
  let seeded: Awaited<ReturnType<typeof seedCompany>>;
  beforeAll(async () => {
    h = await openTestDatabase('pglite', { clock: true });
    await setDatabaseClock(h.db, '2026-12-01T17:00:00Z');
    seeded = await seedCompany(h.db, 'Overview Books');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('ages open invoices and bills by due date as of today: a paid document counts nowhere, a part-paid one by what is left', async () => {
    const { company, customer, vendor, byCode } = seeded;
    const invoice = (issueDate: string, dueDate: string, amount: string) =>
      createDocument(h.db, company.id, 'invoice', { partyId: customer.id, issueDate, dueDate, amount, categoryId: byCode('4100') });
    await invoice('2026-11-20', '2026-12-01', '100.00'); // due today: current
    await invoice('2026-10-01', '2026-11-01', '200.00'); // 30 days past due
    const part = await invoice('2026-09-01', '2026-10-01', '300.00'); // 61 days
    await recordPayment(h.db, company.id, { documentId: part.id, amount: '120.00', date: '2026-11-15' });
    await invoice('2026-08-01', '2026-09-01', '400.00'); // 91 days
    const paid = await invoice('2026-08-01', '2026-08-02', '999.00');
    await recordPayment(h.db, company.id, { documentId: paid.id, amount: '999.00', date: '2026-08-02' });
    await createDocument(h.db, company.id, 'bill', { partyId: vendor.id, issueDate: '2026-10-15', dueDate: '2026-10-31', amount: '50.50', categoryId: byCode('5000') });

    const ar = await openAging(h.db, company.id, 'invoice', TODAY);
    expect(ar.buckets).toEqual({
      current: { openMinor: 10_000n, documents: 1 },
      '1-30': { openMinor: 20_000n, documents: 1 },
      '31-60': { openMinor: 0n, documents: 0 },
      '61-90': { openMinor: 18_000n, documents: 1 },
      'over-90': { openMinor: 40_000n, documents: 1 },
    });
    expect(ar.totalMinor).toBe(88_000n);
    const ap = await openAging(h.db, company.id, 'bill', TODAY);
    expect(ap.buckets['31-60']).toEqual({ openMinor: 5_050n, documents: 1 });
    expect(ap.totalMinor).toBe(5_050n);
  });

  it('charts revenue and expenses for the twelve months ending this month, zeros where nothing was posted', async () => {
    const months = await monthlyRevenueAndExpenses(h.db, seeded.company.id, TODAY);
    expect(months.map((m) => m.month)).toEqual([
      '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12',
    ]);
    const nonZero = months.filter((m) => m.revenueMinor !== 0n || m.expensesMinor !== 0n).map((m) => [m.month, m.revenueMinor, m.expensesMinor]);
    expect(nonZero).toEqual([
      ['2026-08', 139_900n, 0n],
      ['2026-09', 30_000n, 0n],
      ['2026-10', 20_000n, 5_050n],
      ['2026-11', 10_000n, 0n],
    ]);
    // On a cash basis (issue 14) the same months show what was received: 999.00 in August, 120.00 in November.
    const cash = await monthlyRevenueAndExpenses(h.db, seeded.company.id, TODAY, 12, 'cash');
    expect(cash.map((m) => m.month)).toEqual(months.map((m) => m.month));
    expect(cash.filter((m) => m.revenueMinor !== 0n || m.expensesMinor !== 0n).map((m) => [m.month, m.revenueMinor, m.expensesMinor])).toEqual([
      ['2026-08', 99_900n, 0n],
      ['2026-11', 12_000n, 0n],
    ]);
  });

  it('forecasts the rules’ postings from the engine: the 30-day totals equal the sum of each rule’s preview in the window', async () => {
    const { company, customer, vendor, byCode } = seeded;
    const rent = await createRule(h.db, company.id, {
      name: 'Rent', type: 'expense', partyId: vendor.id, categoryId: byCode('5000'), amount: '2,750.00', cadence: 'monthly', dayOfMonth: 31, startDate: '2026-12-01',
    });
    const retainer = await createRule(h.db, company.id, {
      name: 'Retainer', type: 'invoice', partyId: customer.id, categoryId: byCode('4100'), amount: '1,500.00', cadence: 'weekly', weekday: 1, startDate: '2026-11-02', dueDays: 14,
    });
    const usage = await createRule(h.db, company.id, {
      name: 'Usage', type: 'expense', partyId: vendor.id, categoryId: byCode('5200'), amount: '12.40', cadence: 'daily', startDate: '2026-12-01',
    });
    await setPauseUntil(h.db, company.id, usage.id, { pauseUntil: '2026-12-10' });

    const forecast = await recurringForecast(h.db, company.id, TODAY, 'America/New_York');
    // Rent: Dec 31. Retainer: every Monday from Dec 7 (Nov 2 … Nov 30 are before today). Usage: Dec 11 … Dec 30.
    expect(forecast.next30.from).toBe('2026-12-01');
    expect(forecast.next30.to).toBe('2026-12-30');
    expect(forecast.next30.receivableMinor).toBe(4n * 150_000n);
    expect(forecast.next30.payableMinor).toBe(20n * 1_240n);
    expect(forecast.next30.days.find((d) => d.date === '2026-12-07')).toMatchObject({ receivableMinor: 150_000n, payableMinor: 0n });

    const previewTotal = async (ruleId: number, last: string) =>
      (await previewRule(h.db, company.id, ruleId, 100))
        .filter((o) => o.skipReason === null && o.occurrenceDate >= TODAY && o.occurrenceDate <= last)
        .reduce((t, o) => t + BigInt(o.document.amountMinor), 0n);
    expect(forecast.next30.receivableMinor).toBe(await previewTotal(retainer.id, '2026-12-30'));
    expect(forecast.next30.payableMinor).toBe((await previewTotal(rent.id, '2026-12-30')) + (await previewTotal(usage.id, '2026-12-30')));

    // 90 days (to Feb 28) by due date: in = the retainers of Dec 7 … Feb 8 (due Dec 21 … Feb 22; Feb 15's is due
    // Mar 1); out = rent Dec 31, Jan 31, Feb 28 and usage Dec 11 … Feb 28 (80 days).
    expect(forecast.cashFlow).toHaveLength(13);
    const totalIn = forecast.cashFlow.reduce((t, w) => t + w.inMinor, 0n);
    const totalOut = forecast.cashFlow.reduce((t, w) => t + w.outMinor, 0n);
    expect(totalIn).toBe(10n * 150_000n);
    expect(totalOut).toBe(3n * 275_000n + 80n * 1_240n);
    expect(forecast.cashFlow.at(-1)!.cumulativeMinor).toBe(totalIn - totalOut);
  });

  it('names the company’s failing, auto-paused and needs-review rules, and judges its health from them', async () => {
    const { company } = seeded;
    const ids = rowsOfIds(await h.db.execute(sql`select id, name from recurring_rules where company_id = ${company.id} order by name`));
    const before = await companyRecurringStatus(h.db, company.id, 15);
    expect(before.rules).toEqual([]);
    expect(before.lastRun).toBeNull();
    // No sweep has run: the retainer's Nov 2 has waited a month, far past two 15-minute intervals.
    expect(before.health).toMatchObject({ status: 'unhealthy', problems: ['backlog_late'] });
    await h.db.execute(sql`update recurring_rules set consecutive_failures = 1, last_error = 'The party was archived' where id = ${ids.Rent}`);
    await h.db.execute(sql`update recurring_rules set status = 'paused', consecutive_failures = 3, last_error = 'The category was deleted', next_run_at = null where id = ${ids.Usage}`);
    const status = await companyRecurringStatus(h.db, company.id, 15);
    expect(status.rules).toEqual([
      { id: ids.Rent, name: 'Rent', reason: 'failing', consecutiveFailures: 1, message: 'The party was archived' },
      { id: ids.Usage, name: 'Usage', reason: 'auto_paused', consecutiveFailures: 3, message: 'The category was deleted' },
    ]);
    expect(status.health.problems).toEqual(['backlog_late', 'rules_failing', 'rules_auto_paused']);
    expect(status.health.reasons[1]).toBe('2 rules are failing (1 of them paused after repeated failures)');
  });
});

function rowsOfIds(result: unknown): Record<string, number> {
  const rows = (Array.isArray(result) ? result : (result as { rows: { id: number; name: string }[] }).rows) as { id: number | string; name: string }[];
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.id)]));
}
