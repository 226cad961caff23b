import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql-batch';
import { createDocument } from '@/lib/ledger/documents';
import { recordPayment } from '@/lib/ledger/payments';
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
