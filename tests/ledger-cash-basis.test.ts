import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@/lib/dates/calendar-date';
import { AppError } from '@/lib/errors';
import { cashMovementsOfAccount } from '@/lib/ledger/cash-basis';
import { createDocument } from '@/lib/ledger/documents';
import { monthlyTotals } from '@/lib/ledger/monthly-totals';
import { recordPayment, voidEntry } from '@/lib/ledger/payments';
import { accountBalance, profitAndLoss } from '@/lib/ledger/reports';
import { toDecimalString } from '@/lib/money';
import { seedCompany } from './support/fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// Issue 14: the P&L on a cash basis, next to the accrual one it always had.

/** A P&L's lines as `code → minor units` and its three totals, so one `toEqual` states the whole report. */
async function pl(h: TestDatabase, companyId: string, from: string, to: string, basis: 'accrual' | 'cash') {
  const r = await profitAndLoss(h.db, companyId, from, to, basis);
  const lines = Object.fromEntries([...r.revenue, ...r.expenses].map((a) => [a.code, a.amountMinor]));
  return { lines, revenue: r.totalRevenueMinor, expenses: r.totalExpensesMinor, net: r.netIncomeMinor, basis: r.basis };
}

describe.each(BACKENDS)('cash-basis P&L on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an invoice of 1,000.00 paid 400.00 in March and 600.00 in April: 400.00 and 600.00 on cash, 1,000.00 in its own month on accrual', async () => {
    const { company, customer, byCode } = await seedCompany(h.db, `Cash split ${backend}`);
    const invoice = await createDocument(h.db, company.id, 'invoice', {
      partyId: customer.id, issueDate: '2026-02-20', dueDate: '2026-03-20', amount: '1,000.00', categoryId: byCode('4100'),
    });
    await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '400.00', date: '2026-03-10' });
    await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '600.00', date: '2026-04-05' });

    const revenueOnly = (minor: bigint) => ({ lines: minor ? { '4100': minor } : {}, revenue: minor, expenses: 0n, net: minor });
    expect(await pl(h, company.id, '2026-02-01', '2026-02-28', 'cash')).toEqual({ ...revenueOnly(0n), basis: 'cash' });
    expect(await pl(h, company.id, '2026-03-01', '2026-03-31', 'cash')).toEqual({ ...revenueOnly(400_00n), basis: 'cash' });
    expect(await pl(h, company.id, '2026-04-01', '2026-04-30', 'cash')).toEqual({ ...revenueOnly(600_00n), basis: 'cash' });
    expect(await pl(h, company.id, '2026-02-01', '2026-02-28', 'accrual')).toEqual({ ...revenueOnly(1_000_00n), basis: 'accrual' });
    expect(await pl(h, company.id, '2026-03-01', '2026-03-31', 'accrual')).toEqual({ ...revenueOnly(0n), basis: 'accrual' });
    expect(await pl(h, company.id, '2026-04-01', '2026-04-30', 'accrual')).toEqual({ ...revenueOnly(0n), basis: 'accrual' });
    // Month by month, as the Overview's chart reads it.
    expect(await monthlyTotals(h.db, company.id, '2026-01-01', '2026-12-31', 'cash')).toEqual([
      { month: '2026-03', revenueMinor: 400_00n, expensesMinor: 0n },
      { month: '2026-04', revenueMinor: 600_00n, expensesMinor: 0n },
    ]);
    expect(await monthlyTotals(h.db, company.id, '2026-01-01', '2026-12-31', 'accrual')).toEqual([{ month: '2026-02', revenueMinor: 1_000_00n, expensesMinor: 0n }]);
    // The accrual call with no basis is the report it always was.
    expect((await profitAndLoss(h.db, company.id, '2026-02-01', '2026-02-28')).totalRevenueMinor).toBe(1_000_00n);
  });

  it('a bill of 750.00 paid 500.00 in May and 250.00 in June is an expense of 500.00 then 250.00 on cash, 750.00 in April on accrual', async () => {
    const { company, vendor, byCode } = await seedCompany(h.db, `Cash bill ${backend}`);
    const bill = await createDocument(h.db, company.id, 'bill', {
      partyId: vendor.id, issueDate: '2026-04-28', dueDate: '2026-05-28', amount: '750.00', categoryId: byCode('5000'),
    });
    await recordPayment(h.db, company.id, { documentId: bill.id, amount: '500.00', date: '2026-05-31' });
    await recordPayment(h.db, company.id, { documentId: bill.id, amount: '250.00', date: '2026-06-01' });

    const expenseOnly = (minor: bigint) => ({ lines: minor ? { '5000': minor } : {}, revenue: 0n, expenses: minor, net: -minor });
    expect(await pl(h, company.id, '2026-04-01', '2026-04-30', 'cash')).toEqual({ ...expenseOnly(0n), basis: 'cash' });
    expect(await pl(h, company.id, '2026-05-01', '2026-05-31', 'cash')).toEqual({ ...expenseOnly(500_00n), basis: 'cash' });
    expect(await pl(h, company.id, '2026-06-01', '2026-06-30', 'cash')).toEqual({ ...expenseOnly(250_00n), basis: 'cash' });
    expect(await pl(h, company.id, '2026-04-01', '2026-04-30', 'accrual')).toEqual({ ...expenseOnly(750_00n), basis: 'accrual' });
    expect(await pl(h, company.id, '2026-05-01', '2026-06-30', 'accrual')).toEqual({ ...expenseOnly(0n), basis: 'accrual' });
    expect(await monthlyTotals(h.db, company.id, '2026-01-01', '2026-12-31', 'cash')).toEqual([
      { month: '2026-05', revenueMinor: 0n, expensesMinor: 500_00n },
      { month: '2026-06', revenueMinor: 0n, expensesMinor: 250_00n },
    ]);
    expect(await monthlyTotals(h.db, company.id, '2026-01-01', '2026-12-31', 'accrual')).toEqual([{ month: '2026-04', revenueMinor: 0n, expensesMinor: 750_00n }]);
  });

  it('a voided invoice that had a payment: nothing on either basis, and the cash drill-down shows the payment and its void netting to zero', async () => {
    const { company, customer, byCode } = await seedCompany(h.db, `Cash void ${backend}`);
    const invoice = await createDocument(h.db, company.id, 'invoice', {
      partyId: customer.id, issueDate: '2026-03-02', dueDate: '2026-04-01', amount: '300.00', categoryId: byCode('4200'),
    });
    const payment = await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '120.00', date: '2026-03-15' });
    expect(await pl(h, company.id, '2026-03-01', '2026-03-31', 'cash')).toMatchObject({ lines: { '4200': 120_00n }, net: 120_00n });
    // The invoice cannot be voided under a standing payment: the payment goes first, then the invoice.
    await expect(voidEntry(h.db, company.id, invoice.id)).rejects.toThrow(/has a payment that is not void/);
    await voidEntry(h.db, company.id, payment.id);
    await voidEntry(h.db, company.id, invoice.id);

    const nothing = { lines: {}, revenue: 0n, expenses: 0n, net: 0n };
    expect(await pl(h, company.id, '2026-01-01', '2026-12-31', 'cash')).toEqual({ ...nothing, basis: 'cash' });
    expect(await pl(h, company.id, '2026-01-01', '2026-12-31', 'accrual')).toEqual({ ...nothing, basis: 'accrual' });
    const movements = await cashMovementsOfAccount(h.db, company.id, byCode('4200'), '2026-03-01', '2026-03-31');
    expect(movements.map((m) => [m.entryDate, m.kind, m.documentNumber, m.amountMinor])).toEqual([
      ['2026-03-15', 'payment_received', invoice.number, 120_00n],
      ['2026-03-15', 'void', invoice.number, -120_00n],
    ]);
  });

  it('an overpayment: only the applied part is revenue on cash; the excess stays a customer credit (a liability), on both bases', async () => {
    const { company, customer, byCode } = await seedCompany(h.db, `Cash credit ${backend}`);
    const invoice = await createDocument(h.db, company.id, 'invoice', {
      partyId: customer.id, issueDate: '2026-07-01', dueDate: '2026-07-31', amount: '200.00', categoryId: byCode('4300'),
    });
    await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '250.00', date: '2026-07-10' });

    expect(await pl(h, company.id, '2026-07-01', '2026-07-31', 'cash')).toEqual({ lines: { '4300': 200_00n }, revenue: 200_00n, expenses: 0n, net: 200_00n, basis: 'cash' });
    expect(await pl(h, company.id, '2026-07-01', '2026-07-31', 'accrual')).toEqual({ lines: { '4300': 200_00n }, revenue: 200_00n, expenses: 0n, net: 200_00n, basis: 'accrual' });
    expect(await accountBalance(h.db, company.id, byCode('2050'), '2026-07-31')).toBe(50_00n);
    expect(await accountBalance(h.db, company.id, byCode('1000'), '2026-07-31')).toBe(250_00n);
  });

  /** One step of a random history; targets picked by index among what exists then. */
  const step = fc.oneof(
    fc.record({ op: fc.constant('invoice' as const), cents: fc.integer({ min: 1, max: 5_000_00 }), day: fc.integer({ min: 0, max: 400 }), category: fc.constantFrom('4100', '4200') }),
    fc.record({ op: fc.constant('bill' as const), cents: fc.integer({ min: 1, max: 5_000_00 }), day: fc.integer({ min: 0, max: 400 }), category: fc.constantFrom('5000', '5200') }),
    fc.record({ op: fc.constant('pay' as const), pick: fc.nat(), cents: fc.integer({ min: 1, max: 6_000_00 }), day: fc.integer({ min: 0, max: 90 }) }),
    fc.record({ op: fc.constant('voidDoc' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('voidPayment' as const), pick: fc.nat() }),
  );

  it('on any history, as of any date: cash net income = accrual net income − open A/R + open A/P, and cash = cash net income + customer credits', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 520 }), async (steps, cutDay) => {
        const { company, customer, vendor, byCode } = await seedCompany(h.db, `Cash property ${backend} ${run++}`);
        const docs: { id: number; issueDate: string }[] = [];
        const payments: number[] = [];
        for (const s of steps) {
          try {
            if (s.op === 'invoice' || s.op === 'bill') {
              const issueDate = addDays('2026-01-01', s.day);
              const doc = await createDocument(h.db, company.id, s.op, {
                partyId: s.op === 'invoice' ? customer.id : vendor.id, issueDate, dueDate: addDays(issueDate, 30),
                amount: toDecimalString(s.cents, 2), categoryId: byCode(s.category),
              });
              docs.push({ id: doc.id, issueDate });
            } else if (s.op === 'pay' && docs.length) {
              const doc = docs[s.pick % docs.length]!;
              payments.push((await recordPayment(h.db, company.id, { documentId: doc.id, amount: toDecimalString(s.cents, 2), date: addDays(doc.issueDate, s.day) })).id);
            } else if (s.op === 'voidDoc' && docs.length) {
              await voidEntry(h.db, company.id, docs[s.pick % docs.length]!.id);
            } else if (s.op === 'voidPayment' && payments.length) {
              await voidEntry(h.db, company.id, payments[s.pick % payments.length]!);
            }
          } catch (error) {
            // Refusals (overpaying a bill, voiding twice, paying a void document) are part of the domain.
            if (!(error instanceof AppError) || (error.code !== 'conflict' && error.code !== 'validation')) throw error;
          }
        }
        // The whole history (every date ends before 2027-07-01) and a random cut inside it.
        for (const asOf of ['2027-12-31', addDays('2026-01-01', cutDay)]) {
          const cash = await profitAndLoss(h.db, company.id, '2000-01-01', asOf, 'cash');
          const accrual = await profitAndLoss(h.db, company.id, '2000-01-01', asOf, 'accrual');
          const balance = (code: string) => accountBalance(h.db, company.id, byCode(code), asOf);
          const [openAr, openAp, credits, cashOnHand] = await Promise.all([balance('1100'), balance('2000'), balance('2050'), balance('1000')]);
          expect(cash.netIncomeMinor).toBe(accrual.netIncomeMinor - openAr + openAp);
          expect(cash.totalRevenueMinor).toBe(accrual.totalRevenueMinor - openAr);
          expect(cash.totalExpensesMinor).toBe(accrual.totalExpensesMinor - openAp);
          expect(cashOnHand).toBe(cash.netIncomeMinor + credits);
        }
        // The months of the Overview's chart add up to the P&L of the whole span, on both bases.
        for (const basis of ['accrual', 'cash'] as const) {
          const months = await monthlyTotals(h.db, company.id, '2026-01-01', '2027-12-31', basis);
          const whole = await profitAndLoss(h.db, company.id, '2026-01-01', '2027-12-31', basis);
          expect([months.reduce((t, m) => t + m.revenueMinor, 0n), months.reduce((t, m) => t + m.expensesMinor, 0n)]).toEqual([whole.totalRevenueMinor, whole.totalExpensesMinor]);
        }
      }),
      { numRuns: backend === 'pglite' ? 30 : 20 },
    );
  });
});
