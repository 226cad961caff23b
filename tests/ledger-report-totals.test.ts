import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql-batch';
import { createDocument } from '@/lib/ledger/documents';
import { recordPayment, voidEntry } from '@/lib/ledger/payments';
import { accountBalance, balanceSheet, openBalancesByParty, profitAndLoss } from '@/lib/ledger/reports';
import { seedCompany } from './support/fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// Issue 9, section 3: report totals were summed as JS numbers, which round past Number.MAX_SAFE_INTEGER.

describe.each(BACKENDS)('report totals on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  // Issue 13: the Balance Sheet sums its balances and the year's earnings in one pass (a filtered sum) instead of
  // two; these are the dates and entries where the two could part.
  describe('balance sheet in one pass', () => {
    it('entries on the as-of date and on either side of 1 January, a voided invoice and another company give the figures of two separate sums', async () => {
      const { company, customer, vendor, byCode } = await seedCompany(h.db, `One pass ${backend}`);
      const other = await seedCompany(h.db, `One pass other ${backend}`);
      const invoice = (issueDate: string, amount: string) =>
        createDocument(h.db, company.id, 'invoice', { partyId: customer.id, issueDate, dueDate: issueDate, categoryId: byCode('4100'), amount });
      const lastYear = await invoice('2025-12-31', '100.00');
      await invoice('2026-01-01', '200.00');
      await createDocument(h.db, company.id, 'bill', { partyId: vendor.id, issueDate: '2026-03-15', dueDate: '2026-03-15', categoryId: byCode('5000'), amount: '50.00' });
      await invoice('2026-03-16', '1,000.00');
      await voidEntry(h.db, company.id, (await invoice('2026-02-01', '70.00')).id);
      await recordPayment(h.db, company.id, { documentId: lastYear.id, amount: '40.00', date: '2026-01-10' });
      await createDocument(h.db, other.company.id, 'invoice', { partyId: other.customer.id, issueDate: '2026-02-01', dueDate: '2026-02-01', categoryId: other.byCode('4100'), amount: '9,999.00' });

      const figures = async (asOf: string) => {
        const bs = await balanceSheet(h.db, company.id, asOf);
        const amounts = (list: { code: string; amountMinor: bigint }[]) => list.map((a) => `${a.code} ${a.amountMinor}`);
        return {
          assets: amounts(bs.assets),
          liabilities: amounts(bs.liabilities),
          equity: amounts(bs.equity),
          current: bs.currentPeriodEarningsMinor,
          retained: bs.retainedEarningsMinor,
          totals: [bs.totalAssetsMinor, bs.totalLiabilitiesMinor, bs.totalEquityMinor],
          balanced: bs.balanced,
        };
      };
      // The bill dated on the as-of date is in; the invoice of the day after is not; the void nets to nothing.
      expect(await figures('2026-03-15')).toEqual({
        assets: ['1000 4000', '1100 26000'],
        liabilities: ['2000 5000'],
        equity: [],
        current: 15000n,
        retained: 10000n,
        totals: [30000n, 5000n, 25000n],
        balanced: true,
      });
      expect(await figures('2026-03-14')).toEqual({
        assets: ['1000 4000', '1100 26000'],
        liabilities: [],
        equity: [],
        current: 20000n,
        retained: 10000n,
        totals: [30000n, 0n, 30000n],
        balanced: true,
      });
      // 1 January is this year's first day: its invoice is current earnings, the day before's retained.
      expect(await figures('2026-01-01')).toMatchObject({ assets: ['1100 30000'], current: 20000n, retained: 10000n, totals: [30000n, 0n, 30000n] });
      expect(await figures('2025-12-31')).toMatchObject({ assets: ['1100 10000'], current: 10000n, retained: 0n, totals: [10000n, 0n, 10000n] });
      expect(await figures('2025-12-30')).toMatchObject({ assets: [], current: 0n, retained: 0n, totals: [0n, 0n, 0n], balanced: true });
    });
  });

  describe('totals past Number.MAX_SAFE_INTEGER', () => {
    it('100 invoices and 100 bills at the maximum amount plus one of 0.01: the P&L, the Balance Sheet and open balances show the exact, odd totals', async () => {
      const { company, customer, vendor, byCode } = await seedCompany(h.db, `Big totals ${backend}`);
      const invoice = { partyId: customer.id, issueDate: '2026-05-01', dueDate: '2026-05-31', categoryId: byCode('4100') };
      const bill = { partyId: vendor.id, issueDate: '2026-05-01', dueDate: '2026-05-31', categoryId: byCode('5000') };
      for (let i = 0; i < 100; i++) {
        await createDocument(h.db, company.id, 'invoice', { ...invoice, amount: '999,999,999,999.99' });
        await createDocument(h.db, company.id, 'bill', { ...bill, amount: '999,999,999,999.99' });
      }
      await createDocument(h.db, company.id, 'invoice', { ...invoice, amount: '0.01' });
      const billed = await createDocument(h.db, company.id, 'bill', { ...bill, amount: '0.03' });
      await recordPayment(h.db, company.id, { documentId: billed.id, amount: '0.01', date: '2026-05-02' });

      // 100 × 99,999,999,999,999 + 1 = 9,999,999,999,999,901 (a double holds 10,000,000,000,000,000 or …,999,900).
      const revenue = 9_999_999_999_999_901n;
      const expenses = 9_999_999_999_999_903n;
      const pl = await profitAndLoss(h.db, company.id, '2026-01-01', '2026-12-31');
      expect(pl.totalRevenueMinor).toBe(revenue);
      expect(pl.revenue).toEqual([expect.objectContaining({ code: '4100', amountMinor: revenue })]);
      expect(pl.totalExpensesMinor).toBe(expenses);
      expect(pl.netIncomeMinor).toBe(-2n);

      const bs = await balanceSheet(h.db, company.id, '2026-12-31');
      expect(bs.assets).toEqual([
        expect.objectContaining({ code: '1000', amountMinor: -1n }),
        expect.objectContaining({ code: '1100', amountMinor: revenue }),
      ]);
      expect(bs.totalAssetsMinor).toBe(revenue - 1n);
      expect(bs.liabilities).toEqual([expect.objectContaining({ code: '2000', amountMinor: expenses - 1n })]);
      expect(bs.totalLiabilitiesMinor).toBe(expenses - 1n);
      expect(bs.currentPeriodEarningsMinor).toBe(-2n);
      expect(bs.totalEquityMinor).toBe(-2n);
      expect(bs.balanced).toBe(true);

      expect(await openBalancesByParty(h.db, company.id, 'invoice')).toEqual([
        { partyId: customer.id, partyName: `Big totals ${backend} Customer`, documents: 101, openMinor: revenue, oldestDueDate: '2026-05-31' },
      ]);
      expect((await openBalancesByParty(h.db, company.id, 'bill'))[0]!.openMinor).toBe(expenses - 1n);
      expect(await accountBalance(h.db, company.id, byCode('1100'), '2026-12-31')).toBe(revenue);
      const [row] = rowsOf<{ total: string }>(await h.db.execute(sql`select sum(amount_minor)::text as total from journal_entries where company_id = ${company.id} and kind = 'invoice'`));
      expect(BigInt(row!.total)).toBe(revenue);
    });
  });
});
