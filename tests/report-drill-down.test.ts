import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyMembers, users } from '@/db/schema/auth';
import { createDocument } from '@/lib/ledger/documents';
import { accountDrillDown } from '@/lib/ledger/drill-down';
import { recordPayment, voidEntry } from '@/lib/ledger/payments';
import { comparedProfitAndLoss } from '@/lib/ledger/report-comparison';
import { getReportBasis, setReportBasis } from '@/lib/ledger/report-preferences';
import { balanceSheet } from '@/lib/ledger/reports';
import { seedCompany } from './support/fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// Issue 13: a report line drills down to the entries behind it, whose total is the line. Issue 14: each member's
// basis is remembered per company.

describe.each(BACKENDS)('report drill-down and preferences on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('every P&L line on both bases, and every Balance Sheet account line, equals the total of its drill-down entries', async () => {
    const { company, customer, vendor, byCode } = await seedCompany(h.db, `Drill ${backend}`);
    const doc = (kind: 'invoice' | 'bill', issueDate: string, amount: string, code: string) =>
      createDocument(h.db, company.id, kind, { partyId: kind === 'invoice' ? customer.id : vendor.id, issueDate, dueDate: issueDate, amount, categoryId: byCode(code) });
    const a = await doc('invoice', '2026-03-03', '1,000.00', '4100');
    const b = await doc('invoice', '2026-03-20', '250.00', '4100');
    const c = await doc('invoice', '2026-02-10', '80.00', '4200');
    const rent = await doc('bill', '2026-03-01', '900.00', '5000');
    await doc('bill', '2026-02-01', '900.00', '5000');
    await recordPayment(h.db, company.id, { documentId: a.id, amount: '400.00', date: '2026-03-15' });
    await recordPayment(h.db, company.id, { documentId: c.id, amount: '100.00', date: '2026-03-02' }); // 20.00 of it a credit
    const voided = await recordPayment(h.db, company.id, { documentId: b.id, amount: '50.00', date: '2026-03-21' });
    await voidEntry(h.db, company.id, voided.id);
    await recordPayment(h.db, company.id, { documentId: rent.id, amount: '300.00', date: '2026-03-31' });

    const march = { from: '2026-03-01', to: '2026-03-31' };
    const expected = {
      accrual: { '4100': 1_250_00n, '5000': 900_00n },
      cash: { '4100': 400_00n, '4200': 80_00n, '5000': 300_00n },
    };
    for (const basis of ['accrual', 'cash'] as const) {
      const pl = await comparedProfitAndLoss(h.db, company.id, march, basis, 'previous_period');
      const lines = [...pl.revenue, ...pl.expenses].filter((l) => l.amountMinor !== 0n);
      expect(Object.fromEntries(lines.map((l) => [l.code, l.amountMinor]))).toEqual(expected[basis]);
      for (const line of lines) {
        const drill = await accountDrillDown(h.db, company.id, line.accountId, { from: march.from, to: march.to }, basis);
        expect(drill.basis).toBe(basis);
        expect(drill.totalMinor).toBe(line.amountMinor);
        expect(drill.entries.reduce((t, e) => t + e.amountMinor, 0n)).toBe(line.amountMinor);
      }
    }
    // The cash drill-down of 4100 lists the payment, and the voided payment with its void, each with its invoice.
    const cash4100 = await accountDrillDown(h.db, company.id, byCode('4100'), march, 'cash');
    expect(cash4100.entries.map((e) => [e.date, e.kind, e.document?.number, e.amountMinor])).toEqual([
      ['2026-03-15', 'payment_received', a.number, 400_00n],
      ['2026-03-21', 'payment_received', b.number, 50_00n],
      ['2026-03-21', 'void', b.number, -50_00n],
    ]);
    // Past its limit a drill-down lists the latest entries only, and still totals (and counts) them all.
    const limited = await accountDrillDown(h.db, company.id, byCode('4100'), march, 'cash', 2);
    expect([limited.entries.map((e) => e.kind), limited.entryCount, limited.totalMinor]).toEqual([['payment_received', 'void'], 3, 400_00n]);
    const limitedAccrual = await accountDrillDown(h.db, company.id, byCode('1000'), { from: null, to: '2026-03-31' }, 'accrual', 1);
    expect([limitedAccrual.entries.map((e) => e.date), limitedAccrual.entryCount, limitedAccrual.totalMinor]).toEqual([['2026-03-31'], 5, 200_00n]);
    // The accrual drill-down of 4100 lists the two invoices, each its own document.
    const accrual4100 = await accountDrillDown(h.db, company.id, byCode('4100'), march, 'accrual');
    expect(accrual4100.entries.map((e) => [e.date, e.kind, e.document?.id, e.amountMinor])).toEqual([
      ['2026-03-03', 'invoice', a.id, 1_000_00n],
      ['2026-03-20', 'invoice', b.id, 250_00n],
    ]);
    // The comparison column: February, 80.00 of 4200 and 900.00 of rent on accrual.
    const compared = await comparedProfitAndLoss(h.db, company.id, march, 'accrual', 'previous_period');
    expect(compared.previous).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(compared.netIncome).toEqual({ amountMinor: 350_00n, previousMinor: -820_00n, changeMinor: 1_170_00n });

    const sheet = await balanceSheet(h.db, company.id, '2026-03-31');
    for (const line of [...sheet.assets, ...sheet.liabilities, ...sheet.equity]) {
      const drill = await accountDrillDown(h.db, company.id, line.accountId, { from: null, to: '2026-03-31' }, 'accrual');
      expect([line.code, drill.totalMinor]).toEqual([line.code, line.amountMinor]);
    }
    // Cash 400 + 100 + 50 − 50 − 300; customer credits the 20.00 paid beyond invoice c.
    expect(Object.fromEntries([...sheet.assets, ...sheet.liabilities].map((l) => [l.code, l.amountMinor]))).toEqual({
      '1000': 200_00n, '1100': 850_00n, '2000': 1_500_00n, '2050': 20_00n,
    });
  });

  // Issue 13's benchmark: the page picks its entries first, then sums the account's lines of those alone.
  it('a limited A/R drill-down lists the latest entries up to its date with their own amounts on the account (a void and its invoice on one day), and counts and totals them all, another company\'s left out', async () => {
    const { company, customer, byCode } = await seedCompany(h.db, `Drill page ${backend}`);
    const other = await seedCompany(h.db, `Drill page other ${backend}`);
    const invoice = (issueDate: string, amount: string) =>
      createDocument(h.db, company.id, 'invoice', { partyId: customer.id, issueDate, dueDate: issueDate, categoryId: byCode('4100'), amount });
    const lastYear = await invoice('2025-12-31', '100.00');
    await invoice('2026-01-01', '200.00');
    const voided = await invoice('2026-02-01', '70.00');
    await voidEntry(h.db, company.id, voided.id);
    await recordPayment(h.db, company.id, { documentId: lastYear.id, amount: '40.00', date: '2026-01-10' });
    await invoice('2026-03-16', '1,000.00');
    await createDocument(h.db, other.company.id, 'invoice', { partyId: other.customer.id, issueDate: '2026-02-01', dueDate: '2026-02-01', categoryId: other.byCode('4100'), amount: '9,999.00' });

    const drill = await accountDrillDown(h.db, company.id, byCode('1100'), { from: null, to: '2026-03-15' }, 'accrual', 3);
    expect(drill.entries.map((e) => [e.date, e.kind, e.document?.number, e.amountMinor])).toEqual([
      ['2026-01-10', 'payment_received', lastYear.number, -40_00n],
      ['2026-02-01', 'invoice', voided.number, 70_00n],
      ['2026-02-01', 'void', voided.number, -70_00n],
    ]);
    expect([drill.entryCount, drill.totalMinor]).toEqual([5, 260_00n]);
    const revenue = await accountDrillDown(h.db, company.id, byCode('4100'), { from: '2026-01-01', to: '2026-03-16' }, 'accrual', 2);
    expect([revenue.entries.map((e) => [e.date, e.kind, e.amountMinor]), revenue.entryCount, revenue.totalMinor]).toEqual([
      [
        ['2026-02-01', 'void', -70_00n],
        ['2026-03-16', 'invoice', 1_000_00n],
      ],
      4,
      1_200_00n,
    ]);
  });

  it('another company\'s account is not found', async () => {
    const mine = await seedCompany(h.db, `Drill mine ${backend}`);
    const theirs = await seedCompany(h.db, `Drill theirs ${backend}`);
    await expect(accountDrillDown(h.db, mine.company.id, theirs.byCode('4100'), { from: '2026-01-01', to: '2026-12-31' }, 'cash')).rejects.toThrow('Account not found');
  });

  it('remembers each member\'s basis per company (accrual until chosen), refuses a non-member, and forgets it with the membership', async () => {
    const first = await seedCompany(h.db, `Prefs one ${backend}`);
    const second = await seedCompany(h.db, `Prefs two ${backend}`);
    const [user] = await h.db.insert(users).values({ name: 'Pref', email: `pref-${backend}@example.test` }).returning();
    await h.db.insert(companyMembers).values([
      { companyId: first.company.id, userId: user!.id, role: 'viewer' },
      { companyId: second.company.id, userId: user!.id, role: 'owner' },
    ]);
    expect(await getReportBasis(h.db, first.company.id, user!.id)).toBe('accrual');
    await setReportBasis(h.db, first.company.id, user!.id, 'cash');
    expect(await getReportBasis(h.db, first.company.id, user!.id)).toBe('cash');
    expect(await getReportBasis(h.db, second.company.id, user!.id)).toBe('accrual');
    await setReportBasis(h.db, second.company.id, user!.id, 'cash');
    await setReportBasis(h.db, second.company.id, user!.id, 'accrual');
    expect(await getReportBasis(h.db, second.company.id, user!.id)).toBe('accrual');

    const stranger = await seedCompany(h.db, `Prefs stranger ${backend}`);
    await expect(setReportBasis(h.db, stranger.company.id, user!.id, 'cash')).rejects.toThrow();
    // The viewer membership goes (the owner one must stay: a company keeps an owner), and the choice with it.
    await h.db.delete(companyMembers).where(and(eq(companyMembers.companyId, first.company.id), eq(companyMembers.userId, user!.id)));
    expect(await getReportBasis(h.db, first.company.id, user!.id)).toBe('accrual');
  });
});
