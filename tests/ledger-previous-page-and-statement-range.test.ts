import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from '@/lib/ledger/documents';
import { listDocumentsPage, listDocumentsPageBefore, type DocumentPageQuery } from '@/lib/ledger/document-list';
import { createParty } from '@/lib/ledger/parties';
import { partyStatement } from '@/lib/ledger/party-statement';
import { recordPayment, voidEntry } from '@/lib/ledger/payments';
import { seedCompany } from './support/fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// Issue 13: the lists' "Previous" goes exactly one page back, and a party's statement covers a date range with an
// opening balance (everything before `from`) and its closing balance.
//
// Five invoices, numbered in the order they are made:
//   INV-000001  Acme  2026-01-10  100.00     INV-000004  Acme  2026-04-01  400.00
//   INV-000002  Bolt  2026-02-05  250.00     INV-000005  Bolt  2026-05-20   50.00
//   INV-000003  Acme  2026-03-01   40.00 (voided 2026-03-01 with it)
// Acme's payments: 60.00 on 2026-01-20, 400.00 on 2026-04-10 (then paid 100.00 more on 2026-06-01 → a credit).
describe.each(BACKENDS)('the previous page and a statement over dates, on %s', (backend) => {
  let h: TestDatabase;
  let s: Awaited<ReturnType<typeof seedCompany>>;
  let acme: number;

  beforeAll(async () => {
    h = await openTestDatabase(backend);
    s = await seedCompany(h.db, 'Paging Co');
    acme = (await createParty(h.db, s.company.id, { kind: 'customer', name: 'Acme' })).id;
    const bolt = (await createParty(h.db, s.company.id, { kind: 'customer', name: 'Bolt' })).id;
    const doc = (partyId: number, issueDate: string, amount: string) =>
      createDocument(h.db, s.company.id, 'invoice', { partyId, issueDate, dueDate: issueDate, amount, categoryId: s.byCode('4100') });
    const first = await doc(acme, '2026-01-10', '100.00');
    await doc(bolt, '2026-02-05', '250.00');
    const voided = await doc(acme, '2026-03-01', '40.00');
    const fourth = await doc(acme, '2026-04-01', '400.00');
    await doc(bolt, '2026-05-20', '50.00');
    await recordPayment(h.db, s.company.id, { documentId: first.id, amount: '60.00', date: '2026-01-20' });
    await voidEntry(h.db, s.company.id, voided.id);
    await recordPayment(h.db, s.company.id, { documentId: fourth.id, amount: '400.00', date: '2026-04-10' });
    await recordPayment(h.db, s.company.id, { documentId: first.id, amount: '100.00', date: '2026-06-01' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const page = (query: Omit<DocumentPageQuery, 'limit'>) => listDocumentsPage(h.db, s.company.id, 'invoice', { limit: 2, ...query });
  const numbers = (items: { number: string | null }[]) => items.map((d) => d.number);

  it.each([
    ['date', 'desc', ['INV-000005', 'INV-000004'], ['INV-000003', 'INV-000002'], ['INV-000001']],
    ['amount', 'asc', ['INV-000003', 'INV-000005'], ['INV-000001', 'INV-000002'], ['INV-000004']],
    ['party', 'desc', ['INV-000005', 'INV-000002'], ['INV-000004', 'INV-000003'], ['INV-000001']],
  ] as const)('sorted by %s %s, Next then Previous gives the page before again, and the first page has no Previous', async (by, direction, one, two, three) => {
    const sort = { by, direction };
    const first = await page({ sort });
    expect(numbers(first.items)).toEqual(one);
    const second = await page({ sort, after: first.next! });
    expect(numbers(second.items)).toEqual(two);
    const third = await page({ sort, after: second.next! });
    expect(numbers(third.items)).toEqual(three);
    expect(third.next).toBeNull();

    // Back from the third page: the second page, with its own Next and Previous.
    const back = await listDocumentsPageBefore(h.db, s.company.id, 'invoice', { limit: 2, sort, before: third.first! });
    expect(numbers(back.items)).toEqual(two);
    expect(back.next).toEqual(second.next);
    expect(back.previous).toEqual(second.first);
    // Back again: the first page, with nothing before it.
    const backAgain = await listDocumentsPageBefore(h.db, s.company.id, 'invoice', { limit: 2, sort, before: back.previous! });
    expect(numbers(backAgain.items)).toEqual(one);
    expect(backAgain.previous).toBeNull();
    expect(backAgain.next).toEqual(first.next);
  });

  it('a statement over dates opens with the balance before them and closes with the balance at their end', async () => {
    const whole = await partyStatement(h.db, s.company.id, acme);
    expect(whole.lines.map((l) => [l.date, l.number, l.balanceMinor])).toEqual([
      ['2026-01-10', 'INV-000001', 10000n],
      ['2026-01-20', 'PAY-000001', 4000n],
      ['2026-03-01', 'INV-000003', 8000n],
      ['2026-03-01', 'VOID-INV-000003', 4000n],
      ['2026-04-01', 'INV-000004', 44000n],
      ['2026-04-10', 'PAY-000002', 4000n],
      ['2026-06-01', 'PAY-000003', -6000n],
    ]);
    expect([whole.openingMinor, whole.closingMinor]).toEqual([0n, -6000n]);

    // March to April: 40.00 owed before (100.00 − 60.00), the void nets the voided invoice, 40.00 owed at the end.
    const spring = await partyStatement(h.db, s.company.id, acme, { from: '2026-03-01', to: '2026-04-30' });
    expect(spring.lines.map((l) => [l.date, l.number, l.chargeMinor, l.paymentMinor, l.balanceMinor])).toEqual([
      ['2026-03-01', 'INV-000003', 4000, 0, 8000n],
      ['2026-03-01', 'VOID-INV-000003', 0, 4000, 4000n],
      ['2026-04-01', 'INV-000004', 40000, 0, 44000n],
      ['2026-04-10', 'PAY-000002', 0, 40000, 4000n],
    ]);
    expect([spring.openingMinor, spring.closingMinor]).toEqual([4000n, 4000n]);

    // Only a start: through the last entry. Only an end: from the first.
    const fromMay = await partyStatement(h.db, s.company.id, acme, { from: '2026-05-01' });
    expect(fromMay.lines.map((l) => [l.number, l.balanceMinor])).toEqual([['PAY-000003', -6000n]]);
    expect([fromMay.openingMinor, fromMay.closingMinor]).toEqual([4000n, -6000n]);
    const january = await partyStatement(h.db, s.company.id, acme, { to: '2026-01-15' });
    expect(january.lines.map((l) => [l.number, l.balanceMinor])).toEqual([['INV-000001', 10000n]]);
    expect([january.openingMinor, january.closingMinor]).toEqual([0n, 10000n]);

    // A range with no entries: it opens and closes on the balance before it.
    const quiet = await partyStatement(h.db, s.company.id, acme, { from: '2026-02-01', to: '2026-02-28' });
    expect(quiet.lines).toEqual([]);
    expect([quiet.openingMinor, quiet.closingMinor]).toEqual([4000n, 4000n]);
  });
});
