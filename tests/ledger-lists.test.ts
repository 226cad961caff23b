import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty } from '@/lib/ledger/parties';
import { createDocument } from '@/lib/ledger/documents';
import { allDocuments, countDocuments, listDocumentsPage, type DocumentPageQuery } from '@/lib/ledger/document-list';
import { listPartyBalances } from '@/lib/ledger/party-balances';
import { partyStatement } from '@/lib/ledger/party-statement';
import { recordPayment, voidEntry } from '@/lib/ledger/payments';
import { accountBalance } from '@/lib/ledger/reports';
import { createRule, forceNextOccurrence } from '@/lib/recurring/rules';
import { seedCompany } from './support/fixtures';
import { ruleFor } from './support/recurring-fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// One company, four invoices by hand and one posted by a rule:
//   INV-000001  Acme        2026-01-10  due 02-09  100.00   "Workshop alpha"   paid in full (PAY-000001)
//   INV-000002  Bolt & Co   2026-02-05  due 03-07  250.00   "Hosting", ref PO-77   100.00 paid (PAY-000002)
//   INV-000003  Acme        2026-03-01  due 03-31   40.00   "50%_off"          void (VOID-INV-000003)
//   INV-000004  Bolt & Co   2026-03-15  due 04-14  999.99   "Workshop beta"    paid 1,200.00: 200.01 credit
//   INV-000005  Acme        2026-01-01 (rule "Monthly retainer", 100.00, due on issue)
describe.each(BACKENDS)('ledger lists, balances and statements on %s', (backend) => {
  let h: TestDatabase;
  let s: Awaited<ReturnType<typeof seedCompany>>;
  let acme: number;
  let bolt: number;
  let ruleId: number;
  const list = (query: Omit<DocumentPageQuery, 'limit'> & { limit?: number }) =>
    listDocumentsPage(h.db, s.company.id, 'invoice', { limit: 50, sort: { by: 'date', direction: 'desc' }, ...query });
  const numbers = async (query: Omit<DocumentPageQuery, 'limit'> & { limit?: number }) => (await list(query)).items.map((d) => d.number);

  beforeAll(async () => {
    h = await openTestDatabase(backend);
    s = await seedCompany(h.db, 'Lists Co');
    acme = (await createParty(h.db, s.company.id, { kind: 'customer', name: 'Acme' })).id;
    bolt = (await createParty(h.db, s.company.id, { kind: 'customer', name: 'Bolt & Co' })).id;
    const doc = (partyId: number, issueDate: string, dueDate: string, amount: string, memo: string, reference?: string) =>
      createDocument(h.db, s.company.id, 'invoice', { partyId, issueDate, dueDate, amount, categoryId: s.byCode('4100'), memo, reference });
    const a = await doc(acme, '2026-01-10', '2026-02-09', '100.00', 'Workshop alpha');
    const b = await doc(bolt, '2026-02-05', '2026-03-07', '250.00', 'Hosting', 'PO-77');
    const c = await doc(acme, '2026-03-01', '2026-03-31', '40.00', '50%_off');
    const d = await doc(bolt, '2026-03-15', '2026-04-14', '999.99', 'Workshop beta');
    await recordPayment(h.db, s.company.id, { documentId: a.id, amount: '100.00', date: '2026-01-20' });
    await recordPayment(h.db, s.company.id, { documentId: b.id, amount: '100.00', date: '2026-02-10' });
    await voidEntry(h.db, s.company.id, c.id);
    await recordPayment(h.db, s.company.id, { documentId: d.id, amount: '1200.00', date: '2026-03-20' });
    const rule = await createRule(h.db, s.company.id, ruleFor({ ...s, customer: { ...s.customer, id: acme } }, { type: 'invoice', name: 'Monthly retainer', cadence: 'monthly', dayOfMonth: 1, startDate: '2026-01-01' }));
    ruleId = rule.id;
    await forceNextOccurrence(h.db, s.company.id, rule.id);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists newest issue date first by default, each with the rule that posted it', async () => {
    const page = await list({});
    expect(page.items.map((d) => [d.number, d.issueDate, d.ruleName])).toEqual([
      ['INV-000004', '2026-03-15', null],
      ['INV-000003', '2026-03-01', null],
      ['INV-000002', '2026-02-05', null],
      ['INV-000001', '2026-01-10', null],
      ['INV-000005', '2026-01-01', 'Monthly retainer'],
    ]);
    expect(page.items[4]!.ruleId).toBe(ruleId);
  });

  it('searches the number, the reference, the party and the memo, case-insensitively, wildcards taken literally', async () => {
    expect(await numbers({ q: 'workshop' })).toEqual(['INV-000004', 'INV-000001']);
    expect(await numbers({ q: 'po-77' })).toEqual(['INV-000002']);
    expect(await numbers({ q: 'bolt &' })).toEqual(['INV-000004', 'INV-000002']);
    expect(await numbers({ q: 'inv-000003' })).toEqual(['INV-000003']);
    // `%` and `_` are characters here, not LIKE wildcards: only the memo "50%_off" has them side by side.
    expect(await numbers({ q: '%_' })).toEqual(['INV-000003']);
    expect(await numbers({ q: '  ' })).toHaveLength(5);
  });

  it('filters by status, party, issue-date range and origin, and the filters combine', async () => {
    expect(await numbers({ statuses: ['open', 'partially_paid'] })).toEqual(['INV-000002', 'INV-000005']);
    expect(await numbers({ statuses: ['void'] })).toEqual(['INV-000003']);
    expect(await numbers({ partyId: acme })).toEqual(['INV-000003', 'INV-000001', 'INV-000005']);
    expect(await numbers({ from: '2026-02-05', to: '2026-03-01' })).toEqual(['INV-000003', 'INV-000002']);
    expect(await numbers({ origin: 'manual' })).toEqual(['INV-000004', 'INV-000003', 'INV-000002', 'INV-000001']);
    expect(await numbers({ origin: 'rule' })).toEqual(['INV-000005']);
    expect(await numbers({ origin: { ruleId } })).toEqual(['INV-000005']);
    expect(await numbers({ origin: { ruleId: ruleId + 1000 } })).toEqual([]);
    expect(await numbers({ partyId: acme, origin: 'manual', statuses: ['paid', 'void'], q: 'a' })).toEqual(['INV-000003', 'INV-000001']);
    expect(await countDocuments(h.db, s.company.id, 'invoice', { partyId: acme, origin: 'manual' })).toBe(2);
    expect(await countDocuments(h.db, s.company.id, 'invoice', { q: 'workshop' })).toBe(2);
    // A capped count stops one past the cap ("more than 1 match"), and is exact below it.
    expect(await countDocuments(h.db, s.company.id, 'invoice', {}, { cap: 1 })).toBe(2);
    expect(await countDocuments(h.db, s.company.id, 'invoice', { q: 'workshop' }, { cap: 5 })).toBe(2);
  });

  it('sorts by each column both ways, ties broken by id in the same direction', async () => {
    expect(await numbers({ sort: { by: 'amount', direction: 'desc' } })).toEqual(['INV-000004', 'INV-000002', 'INV-000005', 'INV-000001', 'INV-000003']);
    expect(await numbers({ sort: { by: 'amount', direction: 'asc' } })).toEqual(['INV-000003', 'INV-000001', 'INV-000005', 'INV-000002', 'INV-000004']);
    expect(await numbers({ sort: { by: 'party', direction: 'asc' } })).toEqual(['INV-000001', 'INV-000003', 'INV-000005', 'INV-000002', 'INV-000004']);
    expect(await numbers({ sort: { by: 'number', direction: 'desc' } })).toEqual(['INV-000005', 'INV-000004', 'INV-000003', 'INV-000002', 'INV-000001']);
    expect(await numbers({ sort: { by: 'due', direction: 'asc' } })).toEqual(['INV-000005', 'INV-000001', 'INV-000002', 'INV-000003', 'INV-000004']);
    expect(await numbers({ sort: { by: 'date', direction: 'asc' } })).toEqual(['INV-000005', 'INV-000001', 'INV-000002', 'INV-000003', 'INV-000004']);
  });

  it('pages in any order without repeating or skipping a row, and the export walks the same rows', async () => {
    for (const by of ['date', 'number', 'party', 'amount', 'due'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { by, direction };
        const whole = await numbers({ sort });
        const walked: string[] = [];
        let after: DocumentPageQuery['after'];
        do {
          const page = await list({ sort, limit: 2, after });
          walked.push(...page.items.map((d) => d.number));
          after = page.next ?? undefined;
        } while (after);
        expect(walked, `${by} ${direction}`).toEqual(whole);
        const exported: string[] = [];
        for await (const batch of allDocuments(h.db, s.company.id, 'invoice', { sort })) exported.push(...batch.map((d) => d.number));
        expect(exported, `${by} ${direction} export`).toEqual(whole);
      }
    }
  });

  it('gives each party its open A/R, open A/P and customer credit, matching the ledger’s accounts', async () => {
    const balances = await listPartyBalances(h.db, s.company.id);
    // Acme: the rule's 100.00 is open; INV-000001 is paid, INV-000003 void. Bolt: 150.00 open on INV-000002, and
    // 1,200.00 paid on 999.99 leaves 200.01 of credit.
    expect(balances.get(acme)).toEqual({ partyId: acme, receivableMinor: 10000n, payableMinor: 0n, creditMinor: 0n });
    expect(balances.get(bolt)).toEqual({ partyId: bolt, receivableMinor: 15000n, payableMinor: 0n, creditMinor: 20001n });
    expect(await accountBalance(h.db, s.company.id, s.byCode('2050'), '2026-12-31')).toBe(20001n);
    expect(await accountBalance(h.db, s.company.id, s.byCode('1100'), '2026-12-31')).toBe(25000n);
  });

  it('a voided overpayment gives its credit back', async () => {
    const extra = await createParty(h.db, s.company.id, { kind: 'customer', name: 'Voided Co' });
    const doc = await createDocument(h.db, s.company.id, 'invoice', {
      partyId: extra.id,
      issueDate: '2026-05-01',
      dueDate: '2026-05-01',
      amount: '10.00',
      categoryId: s.byCode('4100'),
    });
    const payment = await recordPayment(h.db, s.company.id, { documentId: doc.id, amount: '15.00', date: '2026-05-02' });
    expect((await listPartyBalances(h.db, s.company.id)).get(extra.id)).toMatchObject({ receivableMinor: 0n, creditMinor: 500n });
    await voidEntry(h.db, s.company.id, payment.id);
    expect((await listPartyBalances(h.db, s.company.id)).get(extra.id)).toMatchObject({ receivableMinor: 1000n, creditMinor: 0n });
  });

  it('a customer’s statement lists documents, payments and voids in date order with a running balance', async () => {
    const bolts = await partyStatement(h.db, s.company.id, bolt);
    expect(bolts.lines.map((l) => [l.date, l.number, l.description, l.chargeMinor, l.paymentMinor, l.balanceMinor])).toEqual([
      ['2026-02-05', 'INV-000002', 'Hosting', 25000, 0, 25000n],
      ['2026-02-10', 'PAY-000002', 'Payment for INV-000002', 0, 10000, 15000n],
      ['2026-03-15', 'INV-000004', 'Workshop beta', 99999, 0, 114999n],
      ['2026-03-20', 'PAY-000003', 'Payment for INV-000004', 0, 120000, -5001n],
    ]);
    // What Bolt owes less its credit: 150.00 − 200.01.
    expect(bolts.closingMinor).toBe(15000n - 20001n);

    const acmes = await partyStatement(h.db, s.company.id, acme);
    expect(acmes.lines.map((l) => [l.date, l.number, l.chargeMinor, l.paymentMinor, l.balanceMinor])).toEqual([
      ['2026-01-01', 'INV-000005', 10000, 0, 10000n],
      ['2026-01-10', 'INV-000001', 10000, 0, 20000n],
      ['2026-01-20', 'PAY-000001', 0, 10000, 10000n],
      ['2026-03-01', 'INV-000003', 4000, 0, 14000n],
      ['2026-03-01', 'VOID-INV-000003', 0, 4000, 10000n],
    ]);
    expect(acmes.lines[4]).toMatchObject({ kind: 'void', description: 'Void of INV-000003', documentId: acmes.lines[3]!.id });
  });

  it('another company’s party has no statement', async () => {
    const other = await seedCompany(h.db, 'Other Lists Co');
    await expect(partyStatement(h.db, other.company.id, acme)).rejects.toMatchObject({ code: 'not_found' });
  });
});
