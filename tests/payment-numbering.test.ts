import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalEntries } from '@/db/schema/ledger';
import { createDocument } from '@/lib/ledger/documents';
import { recordPayment } from '@/lib/ledger/payments';
import { seedCompany } from './support/fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// Issue 13: "Payment numbering consistent across kinds (today PAY- on invoices and PMT- on bills)".

describe.each(BACKENDS)('payment numbering on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function booksWithOneOfEach(name: string) {
    const { company, customer, vendor, byCode } = await seedCompany(h.db, name);
    const invoice = await createDocument(h.db, company.id, 'invoice', {
      partyId: customer.id, issueDate: '2026-02-01', dueDate: '2026-03-01', amount: '100.00', categoryId: byCode('4100'),
    });
    const bill = await createDocument(h.db, company.id, 'bill', {
      partyId: vendor.id, issueDate: '2026-02-01', dueDate: '2026-03-01', amount: '100.00', categoryId: byCode('5000'),
    });
    return { company, invoice, bill };
  }

  it('payments on invoices and on bills read PAY- and share one sequence, in the order they were recorded', async () => {
    const { company, invoice, bill } = await booksWithOneOfEach(`Payments ${backend}`);
    const pay = (documentId: number) => recordPayment(h.db, company.id, { documentId, amount: '10.00', date: '2026-02-10' });
    const numbers = [(await pay(invoice.id)).number, (await pay(bill.id)).number, (await pay(bill.id)).number, (await pay(invoice.id)).number];
    expect(numbers).toEqual(['PAY-000001', 'PAY-000002', 'PAY-000003', 'PAY-000004']);
  });

  it('a payment typed with the next PAY- number on a bill takes it as its number, and the sequence continues after it', async () => {
    const { company, invoice, bill } = await booksWithOneOfEach(`Typed payments ${backend}`);
    const typed = await recordPayment(h.db, company.id, { documentId: bill.id, amount: '10.00', date: '2026-02-10', reference: 'PAY-000005' });
    const next = await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '10.00', date: '2026-02-10' });
    expect([typed.number, next.number]).toEqual(['PAY-000005', 'PAY-000006']);
  });

  it('payments numbered PMT- before the change keep their numbers, and new ones never collide with them', async () => {
    const { company, invoice, bill } = await booksWithOneOfEach(`Legacy payments ${backend}`);
    const old = await recordPayment(h.db, company.id, { documentId: bill.id, amount: '10.00', date: '2026-02-10' });
    // Made into what a bill's payment was before the change: numbered PMT-000001 from a payment_made counter of its
    // own, while the payments received counter had not moved. (Posted entries are guarded: replica mode lets the
    // test rewrite one as an older version of the code wrote it.)
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update journal_entries set reference = 'PMT-000001', number = 'PMT-000001' where id = ${old.id}`);
      await tx.execute(sql`update document_counters set last_value = 0 where company_id = ${company.id} and kind = 'payment_received'`);
      await tx.execute(sql`insert into document_counters (company_id, kind, last_value) values (${company.id}, 'payment_made', 1)`);
    });
    const after = [
      (await recordPayment(h.db, company.id, { documentId: bill.id, amount: '10.00', date: '2026-02-11' })).number,
      (await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '10.00', date: '2026-02-11' })).number,
    ];
    const [kept] = await h.db.select({ number: journalEntries.number, reference: journalEntries.reference }).from(journalEntries).where(eq(journalEntries.id, old.id));
    expect({ kept, after }).toEqual({ kept: { number: 'PMT-000001', reference: 'PMT-000001' }, after: ['PAY-000001', 'PAY-000002'] });
  });
});
