import fc from 'fast-check';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalEntries } from '@/db/schema/ledger';
import { addDays } from '@/lib/dates/calendar-date';
import { AppError } from '@/lib/errors';
import { createDocument, listDocuments } from '@/lib/ledger/documents';
import { listPayments, recordPayment, voidEntry } from '@/lib/ledger/payments';
import { accountBalance, balanceSheet, openBalancesByParty } from '@/lib/ledger/reports';
import { toDecimalString } from '@/lib/money';
import { seedCompany } from './support/fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

/** One step of a random ledger history. Targets are picked by index among what exists at that moment. */
const step = fc.oneof(
  fc.record({ op: fc.constant('invoice' as const), cents: fc.integer({ min: 1, max: 5_000_00 }), day: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ op: fc.constant('bill' as const), cents: fc.integer({ min: 1, max: 5_000_00 }), day: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ op: fc.constant('pay' as const), pick: fc.nat(), cents: fc.integer({ min: 1, max: 6_000_00 }), day: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ op: fc.constant('voidDoc' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('voidPayment' as const), pick: fc.nat() }),
);

describe.each(BACKENDS)('ledger properties on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('every entry balances, the Balance Sheet balances, A/R and A/P equal the open documents', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const { company, customer, vendor, byCode } = await seedCompany(h.db, `Property ${backend} ${run++}`);
        const docs: { id: number; issueDate: string }[] = [];
        const payments: number[] = [];
        for (const s of steps) {
          try {
            if (s.op === 'invoice' || s.op === 'bill') {
              const issueDate = addDays('2026-01-01', s.day);
              const doc = await createDocument(h.db, company.id, s.op, {
                partyId: s.op === 'invoice' ? customer.id : vendor.id,
                issueDate,
                dueDate: addDays(issueDate, 30),
                amount: toDecimalString(s.cents, 2),
                categoryId: byCode(s.op === 'invoice' ? '4100' : '5000'),
              });
              docs.push({ id: doc.id, issueDate });
            } else if (s.op === 'pay' && docs.length) {
              const doc = docs[s.pick % docs.length]!;
              const payment = await recordPayment(h.db, company.id, {
                documentId: doc.id, amount: toDecimalString(s.cents, 2), date: addDays(doc.issueDate, s.day),
              });
              payments.push(payment.id);
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
        const asOf = '2027-12-31';
        const bs = await balanceSheet(h.db, company.id, asOf);
        expect(bs.totalAssetsMinor).toBe(bs.totalLiabilitiesMinor + bs.totalEquityMinor);

        const invoices = await listDocuments(h.db, company.id, 'invoice');
        const bills = await listDocuments(h.db, company.id, 'bill');
        const open = (list: typeof invoices) => list.reduce((t, d) => t + BigInt(d.balanceMinor), 0n);
        expect(await accountBalance(h.db, company.id, byCode('1100'), asOf)).toBe(open(invoices));
        expect(await accountBalance(h.db, company.id, byCode('2000'), asOf)).toBe(open(bills));
        const byParty = await openBalancesByParty(h.db, company.id, 'invoice');
        expect(byParty.reduce((t, p) => t + p.openMinor, 0n)).toBe(open(invoices));

        // Each document's paid amount is what its live (unvoided) payments applied.
        const voided = new Set(
          (await h.db.select({ id: journalEntries.reversesId }).from(journalEntries)
            .where(and(eq(journalEntries.companyId, company.id), eq(journalEntries.kind, 'void')))).map((r) => r.id),
        );
        const live = (await listPayments(h.db, company.id)).filter((p) => !voided.has(p.id));
        for (const doc of [...invoices, ...bills]) {
          const applied = live.filter((p) => p.documentId === doc.id).reduce((t, p) => t + (p.appliedMinor ?? 0), 0);
          expect(doc.paidMinor).toBe(applied);
        }
        // Every entry of the company balances (the trigger guarantees it; this checks the trigger saw every line).
        const ids = (await h.db.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.companyId, company.id))).map((r) => r.id);
        if (ids.length) {
          const { journalLines } = await import('@/db/schema/ledger');
          const lines = await h.db.select().from(journalLines).where(inArray(journalLines.entryId, ids));
          const totals = new Map<number, number>();
          for (const l of lines) totals.set(l.entryId, (totals.get(l.entryId) ?? 0) + l.amountMinor);
          expect([...totals.values()].every((t) => t === 0)).toBe(true);
          expect(new Set(lines.map((l) => l.entryId)).size).toBe(ids.length);
        }
      }),
      { numRuns: backend === 'pglite' ? 40 : 25 },
    );
  });
});
