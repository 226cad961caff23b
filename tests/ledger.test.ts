import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { createCompany } from '@/lib/ledger/companies';
import { createDocument, getDocumentOrThrow, listDocuments } from '@/lib/ledger/documents';
import { recordPayment, voidEntry } from '@/lib/ledger/payments';
import { formatNumber } from '@/lib/ledger/numbering';
import { accountBalance, balanceSheet, openBalancesByParty, profitAndLoss } from '@/lib/ledger/reports';
import { ledgerRowCounts, rejection, seedCompany } from './support/fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

describe.each(BACKENDS)('ledger on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('invoice 1,000.00 paid 1,200.00: A/R 0, credits 200.00, cash 1,200.00, revenue 1,000.00', async () => {
    const { company, customer, byCode } = await seedCompany(h.db, 'Overpay Co');
    const invoice = await createDocument(h.db, company.id, 'invoice', {
      partyId: customer.id,
      issueDate: '2026-03-02',
      dueDate: '2026-04-01',
      amount: '1,000.00',
      categoryId: byCode('4100'),
    });
    expect(invoice).toMatchObject({ number: 'INV-000001', reference: 'INV-000001', amountMinor: 100000, status: 'open' });
    await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '1200.00', date: '2026-03-20' });

    const balance = (code: string) => accountBalance(h.db, company.id, byCode(code), '2026-12-31');
    expect(await balance('1100')).toBe(0n);
    expect(await balance('2050')).toBe(20000n);
    expect(await balance('1000')).toBe(120000n);
    expect(await balance('4100')).toBe(100000n);
    expect(await getDocumentOrThrow(h.db, company.id, invoice.id)).toMatchObject({ status: 'paid', paidMinor: 100000, balanceMinor: 0 });

    const bs = await balanceSheet(h.db, company.id, '2026-12-31');
    expect(bs.totalAssetsMinor).toBe(120000n);
    expect(bs.totalLiabilitiesMinor).toBe(20000n);
    expect(bs.totalEquityMinor).toBe(100000n);
    expect(bs.currentPeriodEarningsMinor).toBe(100000n);
    expect(bs.balanced).toBe(true);

    const pl = await profitAndLoss(h.db, company.id, '2026-01-01', '2026-12-31');
    expect(pl.totalRevenueMinor).toBe(100000n);
    expect(pl.revenue).toEqual([expect.objectContaining({ code: '4100', amountMinor: 100000n })]);
    expect(pl.netIncomeMinor).toBe(100000n);
  });

  it('bill 250.00 paid 100.00: A/P 150.00 open, expense 250.00, payments never touch P&L', async () => {
    const { company, vendor, byCode } = await seedCompany(h.db, 'Partial Co');
    const bill = await createDocument(h.db, company.id, 'bill', {
      partyId: vendor.id,
      issueDate: '2026-05-01',
      dueDate: '2026-05-31',
      amount: '250',
      categoryId: byCode('5200'),
    });
    const before = await profitAndLoss(h.db, company.id, '2026-01-01', '2026-12-31');
    await recordPayment(h.db, company.id, { documentId: bill.id, amount: '100.00', date: '2026-05-10' });
    const after = await profitAndLoss(h.db, company.id, '2026-01-01', '2026-12-31');
    expect(after).toEqual(before);
    expect(after.expenses).toEqual([expect.objectContaining({ code: '5200', amountMinor: 25000n })]);

    expect(await openBalancesByParty(h.db, company.id, 'bill')).toEqual([
      { partyId: vendor.id, partyName: 'Partial Co Vendor', documents: 1, openMinor: 15000n, oldestDueDate: '2026-05-31' },
    ]);
    expect(await accountBalance(h.db, company.id, byCode('2000'), '2026-12-31')).toBe(15000n);
    expect(await accountBalance(h.db, company.id, byCode('1000'), '2026-12-31')).toBe(-10000n);
    expect((await getDocumentOrThrow(h.db, company.id, bill.id)).status).toBe('partially_paid');
    expect((await balanceSheet(h.db, company.id, '2026-12-31')).balanced).toBe(true);

    const overpay = await rejection(recordPayment(h.db, company.id, { documentId: bill.id, amount: '150.01', date: '2026-05-11' }));
    expect((overpay as AppError).fieldErrors).toEqual({ amount: ['The payment is more than the bill’s open balance'] });
  });

  it('voiding an invoice reverses its revenue and A/R, dated like the invoice', async () => {
    const { company, customer, byCode } = await seedCompany(h.db, 'Void Co');
    const invoice = await createDocument(h.db, company.id, 'invoice', {
      partyId: customer.id,
      issueDate: '2026-02-10',
      dueDate: '2026-02-10',
      amount: '1000.00',
      categoryId: byCode('4200'),
    });
    expect(await accountBalance(h.db, company.id, byCode('1100'), '2026-12-31')).toBe(100000n);
    const reversal = await voidEntry(h.db, company.id, invoice.id);
    expect(reversal).toMatchObject({ kind: 'void', entryDate: '2026-02-10', reference: 'VOID-INV-000001', reversesId: invoice.id });
    expect(await accountBalance(h.db, company.id, byCode('1100'), '2026-12-31')).toBe(0n);
    expect(await accountBalance(h.db, company.id, byCode('4200'), '2026-12-31')).toBe(0n);
    expect((await profitAndLoss(h.db, company.id, '2026-02-01', '2026-02-28')).totalRevenueMinor).toBe(0n);
    expect((await getDocumentOrThrow(h.db, company.id, invoice.id)).status).toBe('void');
    expect(await openBalancesByParty(h.db, company.id, 'invoice')).toEqual([]);
    const again = await rejection(voidEntry(h.db, company.id, invoice.id));
    expect(again).toMatchObject({ code: 'conflict', message: 'INV-000001 is already void' });
  });

  it('voidEntry parses the void form itself, like every other service: a bad id is a field error, a good one voids', async () => {
    const { company, customer, byCode } = await seedCompany(h.db, 'Void Form Co');
    const invoice = await createDocument(h.db, company.id, 'invoice', {
      partyId: customer.id, issueDate: '2026-02-10', dueDate: '2026-02-10', amount: '10.00', categoryId: byCode('4100'),
    });
    const before = await ledgerRowCounts(h.db);
    for (const entryId of ['', 'abc', '-1', '1.5']) {
      expect(await rejection(voidEntry(h.db, company.id, { entryId }, 'invoice'))).toMatchObject({ code: 'validation', fieldErrors: { entryId: ['Choose a record'] } });
    }
    expect(await ledgerRowCounts(h.db)).toEqual(before);
    expect(await voidEntry(h.db, company.id, { entryId: String(invoice.id) }, 'invoice')).toMatchObject({ kind: 'void', reversesId: invoice.id });
  });

  it('an invoice with a payment voids only after its payment is voided; the payment void reopens it', async () => {
    const { company, customer, byCode } = await seedCompany(h.db, 'Order Co');
    const invoice = await createDocument(h.db, company.id, 'invoice', {
      partyId: customer.id, issueDate: '2026-01-05', dueDate: '2026-01-05', amount: '80.00', categoryId: byCode('4100'),
    });
    const payment = await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '30.00', date: '2026-01-06' });
    expect(await rejection(voidEntry(h.db, company.id, invoice.id))).toMatchObject({ code: 'conflict', message: 'INV-000001 has a payment that is not void (PAY-000001): void it first' });
    await voidEntry(h.db, company.id, payment.id);
    expect(await getDocumentOrThrow(h.db, company.id, invoice.id)).toMatchObject({ status: 'open', paidMinor: 0, balanceMinor: 8000 });
    expect(await accountBalance(h.db, company.id, byCode('1000'), '2026-12-31')).toBe(0n);
    await voidEntry(h.db, company.id, invoice.id);
    expect((await balanceSheet(h.db, company.id, '2026-12-31')).totalAssetsMinor).toBe(0n);
  });

  it('the database refuses an unbalanced entry and any edit of posted lines', async () => {
    const { company, byCode } = await seedCompany(h.db, 'Raw SQL Co');
    const [entry] = await rows<{ id: number }>(
      h,
      sql`insert into journal_entries (company_id, kind, entry_date, reference, reverses_id)
          values (${company.id}, 'void', '2026-01-01', 'RAW-1', null) returning id`,
    ).catch(() => [] as { id: number }[]);
    expect(entry).toBeUndefined(); // a void must name what it reverses: the shape check refused it

    const [header] = await rows<{ id: string }>(
      h,
      sql`insert into journal_entries (company_id, kind, entry_date, reference, number, party_id, due_date, amount_minor,
            category_account_id, status)
          select ${company.id}, 'invoice', '2026-01-01', 'RAW-2', 'RAW-2', p.id, '2026-01-01', 500, ${byCode('4100')}, 'open'
            from parties p where p.company_id = ${company.id} and p.kind = 'customer' returning id`,
    );
    const unbalanced = await rejection(
      h.db.execute(sql`insert into journal_lines (entry_id, line_no, company_id, account_id, amount_minor)
        values (${header!.id}, 1, ${company.id}, ${byCode('1100')}, 500), (${header!.id}, 2, ${company.id}, ${byCode('4100')}, -499)`),
    );
    expect(String((unbalanced as Error).cause ?? unbalanced)).toMatch(/does not balance \(debits minus credits = 1\)/);

    await h.db.execute(sql`insert into journal_lines (entry_id, line_no, company_id, account_id, amount_minor)
        values (${header!.id}, 1, ${company.id}, ${byCode('1100')}, 500), (${header!.id}, 2, ${company.id}, ${byCode('4100')}, -500)`);
    // A later statement adding to a balanced entry is checked too: its lines must balance on their own.
    const lateLine = await rejection(
      h.db.execute(sql`insert into journal_lines (entry_id, line_no, company_id, account_id, amount_minor)
        values (${header!.id}, 3, ${company.id}, ${byCode('1100')}, 1)`),
    );
    expect(String((lateLine as Error).cause ?? lateLine)).toMatch(/does not balance \(debits minus credits = 1\)/);
    const edit = await rejection(h.db.execute(sql`update journal_lines set amount_minor = 600 where entry_id = ${header!.id} and line_no = 1`));
    expect(String((edit as Error).cause ?? edit)).toMatch(/UPDATE on journal_lines is not allowed/);
    const del = await rejection(h.db.execute(sql`delete from journal_entries where id = ${header!.id}`));
    expect(String((del as Error).cause ?? del)).toMatch(/DELETE on journal_entries is not allowed/);
    const change = await rejection(h.db.execute(sql`update journal_entries set amount_minor = 1 where id = ${header!.id}`));
    expect(String((change as Error).cause ?? change)).toMatch(/only its status and paid amount may change/);
  });

  it('document numbers grow past six digits: INV-999999 is followed by INV-1000000', async () => {
    const { company, customer, byCode } = await seedCompany(h.db, 'Million Co');
    await h.db.execute(sql`insert into document_counters (company_id, kind, last_value) values (${company.id}, 'invoice', 999998)`);
    const input = { partyId: customer.id, issueDate: '2026-03-02', dueDate: '2026-04-01', amount: '10.00', categoryId: byCode('4100') };
    const first = await createDocument(h.db, company.id, 'invoice', input);
    const second = await createDocument(h.db, company.id, 'invoice', { ...input, reference: 'PO-77' });
    expect([first.number, first.reference, second.number, second.reference]).toEqual(['INV-999999', 'INV-999999', 'INV-1000000', 'PO-77']);
    expect([formatNumber('invoice', 999999), formatNumber('invoice', 1000000), formatNumber('bill', 42)]).toEqual(['INV-999999', 'INV-1000000', 'BILL-000042']);
  });

  it('a company without an A/P account cannot book a bill: nothing is written', async () => {
    const { company, vendor, byCode } = await seedCompany(h.db, 'No Payables Co');
    await h.db.execute(sql`update accounts set role = null where company_id = ${company.id} and role = 'payable'`);
    const before = await ledgerRowCounts(h.db);
    const input = { partyId: vendor.id, issueDate: '2026-03-02', dueDate: '2026-04-01', amount: '10.00', categoryId: byCode('5000') };
    const error = await rejection(createDocument(h.db, company.id, 'bill', input));
    expect(String((error as Error).cause ?? error)).toMatch(/null value in column "account_id"/);
    expect(await ledgerRowCounts(h.db)).toEqual(before);
  });

  it('an invoice screen pays and voids invoices only; the bills screen, bills only', async () => {
    const { company, customer, vendor, byCode } = await seedCompany(h.db, 'Kinds Co');
    const dates = { issueDate: '2026-03-02', dueDate: '2026-04-01' };
    const bill = await createDocument(h.db, company.id, 'bill', { ...dates, partyId: vendor.id, amount: '20.00', categoryId: byCode('5000') });
    const invoice = await createDocument(h.db, company.id, 'invoice', { ...dates, partyId: customer.id, amount: '30.00', categoryId: byCode('4100') });
    const before = await ledgerRowCounts(h.db);
    const pay = await rejection(recordPayment(h.db, company.id, { documentId: bill.id, amount: '5.00', date: '2026-03-10' }, 'invoice'));
    expect((pay as AppError).fieldErrors).toEqual({ documentId: ['Choose an invoice of this company'] });
    const payBill = await rejection(recordPayment(h.db, company.id, { documentId: invoice.id, amount: '5.00', date: '2026-03-10' }, 'bill'));
    expect((payBill as AppError).fieldErrors).toEqual({ documentId: ['Choose a bill of this company'] });
    expect(await rejection(voidEntry(h.db, company.id, bill.id, 'invoice'))).toMatchObject({ code: 'not_found', message: 'Entry not found' });
    expect(await ledgerRowCounts(h.db)).toEqual(before);

    const payment = await recordPayment(h.db, company.id, { documentId: bill.id, amount: '5.00', date: '2026-03-10' }, 'bill');
    expect(await rejection(voidEntry(h.db, company.id, payment.id, 'invoice'))).toMatchObject({ code: 'not_found' });
    await voidEntry(h.db, company.id, payment.id, 'bill');
    expect(await getDocumentOrThrow(h.db, company.id, bill.id)).toMatchObject({ paidMinor: 0, status: 'open' });
  });

  it('foreign keys stay inside one company', async () => {
    const a = await seedCompany(h.db, 'Tenant A');
    const b = await seedCompany(h.db, 'Tenant B');
    const crossed = await rejection(
      h.db.execute(sql`insert into journal_entries (company_id, kind, entry_date, reference, number, party_id, due_date,
          amount_minor, category_account_id, status)
        values (${a.company.id}, 'invoice', '2026-01-01', 'X-1', 'X-1', ${b.customer.id}, '2026-01-01', 100, ${a.byCode('4100')}, 'open')`),
    );
    expect(String((crossed as Error).cause ?? crossed)).toMatch(/journal_entries_party_fk/);
  });

  describe('bad input gets a field-level error and writes nothing', () => {
    it.each([
      ['12.345', 'Use at most 2 decimal places'],
      ['-5', 'The amount must be greater than zero'],
      ['1e3', 'Enter an amount like 1234.56'],
      ['abc', 'Enter an amount like 1234.56'],
      ['0.00', 'The amount must be greater than zero'],
      ['1000000000000000', 'The amount is too large'],
    ])('amount %s', async (amount, message) => {
      const { company, customer, byCode } = await seedCompany(h.db, `Bad amount ${amount}`);
      const before = await ledgerRowCounts(h.db);
      const error = await rejection(
        createDocument(h.db, company.id, 'invoice', {
          partyId: customer.id, issueDate: '2026-01-01', dueDate: '2026-01-31', amount, categoryId: byCode('4100'),
        }),
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fieldErrors).toEqual({ amount: [message] });
      expect(await ledgerRowCounts(h.db)).toEqual(before);
    });

    it('a payment on another company’s invoice', async () => {
      const a = await seedCompany(h.db, 'Payer A');
      const b = await seedCompany(h.db, 'Payer B');
      const invoiceOfB = await createDocument(h.db, b.company.id, 'invoice', {
        partyId: b.customer.id, issueDate: '2026-01-01', dueDate: '2026-01-01', amount: '10.00', categoryId: b.byCode('4100'),
      });
      const before = await ledgerRowCounts(h.db);
      const error = await rejection(recordPayment(h.db, a.company.id, { documentId: invoiceOfB.id, amount: '10.00', date: '2026-01-02' }));
      expect((error as AppError).fieldErrors).toEqual({ documentId: ['Choose a document of this company'] });
      expect(await ledgerRowCounts(h.db)).toEqual(before);
      expect((await getDocumentOrThrow(h.db, b.company.id, invoiceOfB.id)).paidMinor).toBe(0);
    });

    it('an unknown currency or time zone', async () => {
      const currency = await rejection(createCompany(h.db, { name: 'Bad currency', baseCurrency: 'XYZ', timeZone: null }));
      expect((currency as AppError).fieldErrors).toEqual({ baseCurrency: ['Use a known ISO 4217 currency code, like USD'] });
      const zone = await rejection(createCompany(h.db, { name: 'Bad zone', baseCurrency: 'USD', timeZone: 'Mars/Olympus_Mons' }));
      expect((zone as AppError).fieldErrors).toEqual({ timeZone: ['Use an IANA time zone, like America/New_York'] });
      const [{ n }] = await rows<{ n: number }>(h, sql`select count(*)::int as n from companies where name in ('Bad currency', 'Bad zone')`) as [{ n: number }];
      expect(n).toBe(0);
    });

    it('a due date before the issue date, a vendor on an invoice, a revenue category on a bill', async () => {
      const { company, customer, vendor, byCode } = await seedCompany(h.db, 'Shape Co');
      const before = await ledgerRowCounts(h.db);
      const due = await rejection(
        createDocument(h.db, company.id, 'invoice', {
          partyId: customer.id, issueDate: '2026-03-10', dueDate: '2026-03-09', amount: '5.00', categoryId: byCode('4100'),
        }),
      );
      expect((due as AppError).fieldErrors).toEqual({ dueDate: ['The due date cannot be before the issue date'] });
      const party = await rejection(
        createDocument(h.db, company.id, 'invoice', {
          partyId: vendor.id, issueDate: '2026-03-10', dueDate: '2026-03-10', amount: '5.00', categoryId: byCode('4100'),
        }),
      );
      expect((party as AppError).fieldErrors).toEqual({ partyId: ['Choose a customer, not a vendor'] });
      const category = await rejection(
        createDocument(h.db, company.id, 'bill', {
          partyId: vendor.id, issueDate: '2026-03-10', dueDate: '2026-03-10', amount: '5.00', categoryId: byCode('4100'),
        }),
      );
      expect((category as AppError).fieldErrors).toEqual({ categoryId: ['Choose an expense category'] });
      expect(await ledgerRowCounts(h.db)).toEqual(before);
      expect(await listDocuments(h.db, company.id, 'invoice')).toEqual([]);
    });

    it('a duplicate reference', async () => {
      const { company, customer, byCode } = await seedCompany(h.db, 'Ref Co');
      const input = { partyId: customer.id, issueDate: '2026-03-10', dueDate: '2026-03-10', amount: '5.00', categoryId: byCode('4100'), reference: 'PO-77' };
      await createDocument(h.db, company.id, 'invoice', input);
      const before = await ledgerRowCounts(h.db);
      const dup = await rejection(createDocument(h.db, company.id, 'invoice', input));
      expect((dup as AppError).fieldErrors).toEqual({ reference: ['This reference is already used in this company'] });
      expect(await ledgerRowCounts(h.db)).toEqual(before);
    });

    it('a REC- reference, which only a recurring posting may carry (typed, it would block that posting)', async () => {
      const { company, customer, byCode } = await seedCompany(h.db, 'Rec Ref Co');
      const before = await ledgerRowCounts(h.db);
      const input = { partyId: customer.id, issueDate: '2026-03-10', dueDate: '2026-03-10', amount: '5.00', categoryId: byCode('4100') };
      for (const reference of ['REC-12-2026-03-10', 'rec-12-2026-03-10']) {
        const typed = await rejection(createDocument(h.db, company.id, 'invoice', { ...input, reference }));
        expect((typed as AppError).fieldErrors).toEqual({ reference: ['References starting with REC- are reserved for recurring postings'] });
      }
      const raw = await rejection(
        h.db.execute(sql`insert into journal_entries (company_id, kind, entry_date, reference, number, party_id, due_date,
            amount_minor, category_account_id, status)
          values (${company.id}, 'invoice', '2026-03-10', 'REC-12-2026-03-10', 'X-1', ${customer.id}, '2026-03-10', 500, ${byCode('4100')}, 'open')`),
      );
      expect(String((raw as Error).cause ?? raw)).toMatch(/journal_entries_recurring_reference/);
      expect(await ledgerRowCounts(h.db)).toEqual(before);
    });
  });
});

async function rows<T>(h: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await h.db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
