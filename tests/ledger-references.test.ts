import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentKind } from '@/db/schema/enums';
import { AppError } from '@/lib/errors';
import { createDocument, getDocumentOrThrow, listDocuments } from '@/lib/ledger/documents';
import { listDocumentPayments, listPayments, recordPayment, voidEntry } from '@/lib/ledger/payments';
import { accountBalance } from '@/lib/ledger/reports';
import { ledgerRowCounts, rejection, seedCompany } from './support/fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// The ledger's reference and void defects of issue 9 (section 3): each describe is named after the defect.

/** A small deterministic generator, so that the "out of order" legacy numbers are the same on every run. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe.each(BACKENDS)('ledger references and voids on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('numbering jams for good', () => {
    it('an import of 500 legacy invoice numbers (INV- and other formats, out of order), then 100 new invoices: all succeed, every number and reference unique', async () => {
      const { company, customer, byCode } = await seedCompany(h.db, `Legacy import ${backend}`);
      const random = seededRandom(9);
      // 300 legacy numbers in our own format, scattered over INV-000001…INV-001500 (so both below and above the
      // count of imported documents), and 200 in other formats a previous system might have used.
      const ownFormat = shuffled(Array.from({ length: 1500 }, (_, i) => i + 1), random)
        .slice(0, 300)
        .map((n) => `INV-${String(n).padStart(6, '0')}`);
      const otherFormats = Array.from({ length: 200 }, (_, i) =>
        [`2019/${String(i + 1).padStart(4, '0')}`, `INV-${i + 1}`, `inv-${String(i + 1).padStart(6, '0')}`, `L.${i + 1}-A`][i % 4]!,
      );
      const legacy = shuffled([...ownFormat, ...otherFormats], random);
      const input = { partyId: customer.id, issueDate: '2026-02-01', dueDate: '2026-03-01', amount: '10.00', categoryId: byCode('4100') };

      const imported: { number: string; reference: string }[] = [];
      for (const reference of legacy) {
        const doc = await createDocument(h.db, company.id, 'invoice', { ...input, reference });
        expect(doc.reference).toBe(reference);
        imported.push({ number: doc.number, reference: doc.reference });
      }
      const created: { number: string; reference: string }[] = [];
      for (let i = 0; i < 100; i++) {
        const doc = await createDocument(h.db, company.id, 'invoice', input);
        created.push({ number: doc.number, reference: doc.reference });
      }

      const all = [...imported, ...created];
      expect(all).toHaveLength(600);
      expect(new Set(all.map((d) => d.number)).size).toBe(600);
      expect(new Set(all.map((d) => d.reference)).size).toBe(600);
      // A new invoice's reference is its number, and it names no imported invoice, by number or by reference.
      const importedNames = new Set(imported.flatMap((d) => [d.number, d.reference]));
      for (const d of created) {
        expect(d.reference).toBe(d.number);
        expect(importedNames.has(d.number)).toBe(false);
      }
      // Numbering continues after the highest number typed in its format, one by one.
      const highestTyped = Math.max(...ownFormat.map((r) => Number(r.slice(4))));
      const firstNew = Number(created[0]!.number.slice(4));
      expect(firstNew).toBeGreaterThan(highestTyped);
      expect(created.map((d) => d.number)).toEqual(Array.from({ length: 100 }, (_, i) => `INV-${String(firstNew + i).padStart(6, '0')}`));
      expect(await listDocuments(h.db, company.id, 'invoice', { limit: 1000 })).toHaveLength(600);
    });

    it('INV-000003 typed before INV-000002 is issued: the typed invoice is INV-000003 and the next ones are INV-000004, INV-000005', async () => {
      const { company, customer, byCode } = await seedCompany(h.db, `Typed ahead ${backend}`);
      const input = { partyId: customer.id, issueDate: '2026-02-01', dueDate: '2026-03-01', amount: '10.00', categoryId: byCode('4100') };
      const first = await createDocument(h.db, company.id, 'invoice', input);
      const typed = await createDocument(h.db, company.id, 'invoice', { ...input, reference: 'INV-000003' });
      const next = await createDocument(h.db, company.id, 'invoice', input);
      const after = await createDocument(h.db, company.id, 'invoice', input);
      expect([first, typed, next, after].map((d) => [d.number, d.reference])).toEqual([
        ['INV-000001', 'INV-000001'],
        ['INV-000003', 'INV-000003'],
        ['INV-000004', 'INV-000004'],
        ['INV-000005', 'INV-000005'],
      ]);
    });

    it.each([
      ['invoice', 'payment_received', 'PAY'],
      ['bill', 'payment_made', 'PAY'],
    ] as const)('payments of %s: a typed %s reference ahead of the numbering does not jam the payments left blank', async (kind: DocumentKind, _paymentKind, prefix) => {
      const seeded = await seedCompany(h.db, `Typed ${prefix} on ${kind} ${backend}`);
      const { company, byCode } = seeded;
      const doc = await createDocument(h.db, company.id, kind, {
        partyId: kind === 'invoice' ? seeded.customer.id : seeded.vendor.id,
        issueDate: '2026-02-01',
        dueDate: '2026-03-01',
        amount: '100.00',
        categoryId: byCode(kind === 'invoice' ? '4100' : '5000'),
      });
      const pay = (reference?: string) => recordPayment(h.db, company.id, { documentId: doc.id, amount: '1.00', date: '2026-02-02', reference });
      const payments = [await pay(), await pay(`${prefix}-000003`), await pay(), await pay(), await pay(`${prefix}-000002`), await pay()];
      expect(payments.map((p) => [p.number, p.reference])).toEqual([
        [`${prefix}-000001`, `${prefix}-000001`],
        [`${prefix}-000003`, `${prefix}-000003`],
        [`${prefix}-000004`, `${prefix}-000004`],
        [`${prefix}-000005`, `${prefix}-000005`],
        // At or below the numbering's position, a typed number is kept as the reference, beside a new number.
        [`${prefix}-000006`, `${prefix}-000002`],
        [`${prefix}-000007`, `${prefix}-000007`],
      ]);
    });

    it('a reference typed in another kind’s numbering (BILL-, PAY- on an invoice) moves that numbering past it', async () => {
      const seeded = await seedCompany(h.db, `Cross kinds ${backend}`);
      const { company, customer, vendor, byCode } = seeded;
      const invoiceInput = { partyId: customer.id, issueDate: '2026-02-01', dueDate: '2026-03-01', amount: '10.00', categoryId: byCode('4100') };
      const billInput = { partyId: vendor.id, issueDate: '2026-02-01', dueDate: '2026-03-01', amount: '10.00', categoryId: byCode('5000') };
      const crossed = await createDocument(h.db, company.id, 'invoice', { ...invoiceInput, reference: 'BILL-000001' });
      await createDocument(h.db, company.id, 'invoice', { ...invoiceInput, reference: 'PAY-000002' });
      const bill = await createDocument(h.db, company.id, 'bill', billInput);
      await recordPayment(h.db, company.id, { documentId: bill.id, amount: '1.00', date: '2026-02-02', reference: 'INV-000009' });
      const invoice = await createDocument(h.db, company.id, 'invoice', invoiceInput);
      const received = await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '1.00', date: '2026-02-02' });
      // The bill's payment took PAY-000003: payments received and made share the PAY- numbering.
      expect([crossed.number, bill.number, invoice.number, received.number]).toEqual(['INV-000001', 'BILL-000002', 'INV-000010', 'PAY-000004']);
    });

    it('a typed number beyond the numbering’s range is a field error, nothing written', async () => {
      const { company, customer, byCode } = await seedCompany(h.db, `Huge number ${backend}`);
      const before = await ledgerRowCounts(h.db);
      const error = await rejection(
        createDocument(h.db, company.id, 'invoice', {
          partyId: customer.id, issueDate: '2026-02-01', dueDate: '2026-03-01', amount: '10.00', categoryId: byCode('4100'),
          reference: 'INV-99999999999999999999',
        }),
      );
      expect((error as AppError).fieldErrors).toEqual({ reference: ['Numbers in this format stop at INV-999999999999: use another reference'] });
      expect(await ledgerRowCounts(h.db)).toEqual(before);
    });
  });

  describe('a credit-only payment gets stuck', () => {
    /** An invoice of 100.00 paid in full, then overpaid by a payment that is all customer credit. */
    async function invoiceWithCreditOnlyPayment(name: string) {
      const seeded = await seedCompany(h.db, name);
      const { company, customer, byCode } = seeded;
      const invoice = await createDocument(h.db, company.id, 'invoice', {
        partyId: customer.id, issueDate: '2026-04-01', dueDate: '2026-04-30', amount: '100.00', categoryId: byCode('4100'),
      });
      const full = await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '100.00', date: '2026-04-02' });
      const credit = await recordPayment(h.db, company.id, { documentId: invoice.id, amount: '25.00', date: '2026-04-03' });
      expect(credit.appliedMinor).toBe(0);
      await voidEntry(h.db, company.id, full.id);
      expect(await getDocumentOrThrow(h.db, company.id, invoice.id)).toMatchObject({ paidMinor: 0, status: 'open' });
      return { ...seeded, invoice, credit };
    }

    it('voiding the credit-only payment, then the invoice: both void, the books back to zero', async () => {
      const { company, invoice, credit, byCode } = await invoiceWithCreditOnlyPayment(`Credit first ${backend}`);
      await voidEntry(h.db, company.id, credit.id);
      await voidEntry(h.db, company.id, invoice.id);
      expect((await getDocumentOrThrow(h.db, company.id, invoice.id)).status).toBe('void');
      expect((await listDocumentPayments(h.db, company.id, invoice.id)).map((p) => p.voidReference)).toEqual(['VOID-PAY-000001', 'VOID-PAY-000002']);
      for (const code of ['1000', '1100', '2050', '4100']) expect(await accountBalance(h.db, company.id, byCode(code), '2026-12-31')).toBe(0n);
    });

    it('voiding the invoice while its credit-only payment stands is refused with a clear message; the payment then voids, then the invoice', async () => {
      const { company, invoice, credit, byCode } = await invoiceWithCreditOnlyPayment(`Invoice first ${backend}`);
      const before = await ledgerRowCounts(h.db);
      const refused = await rejection(voidEntry(h.db, company.id, invoice.id));
      expect(refused).toMatchObject({ code: 'conflict', message: 'INV-000001 has a payment that is not void (PAY-000002): void it first' });
      expect(await ledgerRowCounts(h.db)).toEqual(before);
      expect((await getDocumentOrThrow(h.db, company.id, invoice.id)).status).toBe('open');
      await voidEntry(h.db, company.id, credit.id);
      await voidEntry(h.db, company.id, invoice.id);
      expect((await getDocumentOrThrow(h.db, company.id, invoice.id)).status).toBe('void');
      for (const code of ['1000', '1100', '2050', '4100']) expect(await accountBalance(h.db, company.id, byCode(code), '2026-12-31')).toBe(0n);
    });

    it('a payment left standing against a void invoice by earlier versions can still be voided', async () => {
      const { company, invoice, credit, byCode } = await invoiceWithCreditOnlyPayment(`Stuck before ${backend}`);
      // The state main could reach: the invoice void while the credit-only payment stands.
      await h.db.execute(sql`update journal_entries set status = 'void' where id = ${invoice.id}`);
      await voidEntry(h.db, company.id, credit.id);
      expect(await accountBalance(h.db, company.id, byCode('2050'), '2026-12-31')).toBe(0n);
      expect((await listPayments(h.db, company.id, { documentId: invoice.id })).map((p) => p.reference)).toEqual(['PAY-000002', 'PAY-000001']);
    });
  });

  describe('a typed VOID-<ref> reference makes that entry impossible to void', () => {
    it('VOID- references are refused as typed references (a field error, nothing written), on documents and payments', async () => {
      const { company, customer, byCode } = await seedCompany(h.db, `Void ref ${backend}`);
      const input = { partyId: customer.id, issueDate: '2026-02-01', dueDate: '2026-03-01', amount: '10.00', categoryId: byCode('4100') };
      const invoice = await createDocument(h.db, company.id, 'invoice', input);
      const before = await ledgerRowCounts(h.db);
      for (const reference of ['VOID-INV-000001', 'void-INV-000001']) {
        const typed = await rejection(createDocument(h.db, company.id, 'invoice', { ...input, reference }));
        expect((typed as AppError).fieldErrors).toEqual({ reference: ['References starting with VOID- are reserved for voids'] });
        const paid = await rejection(recordPayment(h.db, company.id, { documentId: invoice.id, amount: '1.00', date: '2026-02-02', reference }));
        expect((paid as AppError).fieldErrors).toEqual({ reference: ['References starting with VOID- are reserved for voids'] });
      }
      expect(await ledgerRowCounts(h.db)).toEqual(before);
      const reversal = await voidEntry(h.db, company.id, invoice.id);
      expect(reversal.reference).toBe('VOID-INV-000001');
    });

    it('the database refuses a VOID- reference on anything but a void', async () => {
      const { company, customer, byCode } = await seedCompany(h.db, `Void raw ${backend}`);
      const raw = await rejection(
        h.db.execute(sql`insert into journal_entries (company_id, kind, entry_date, reference, number, party_id, due_date,
            amount_minor, category_account_id, status)
          values (${company.id}, 'invoice', '2026-03-10', 'VOID-INV-000001', 'X-1', ${customer.id}, '2026-03-10', 500, ${byCode('4100')}, 'open')`),
      );
      expect(String((raw as Error).cause ?? raw)).toMatch(/journal_entries_void_reference/);
    });
  });
});
