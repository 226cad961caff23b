import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { companyMembers } from '@/db/schema/auth';
import { accounts, companies, journalEntries } from '@/db/schema/ledger';
import { createApiKey } from '@/lib/auth/api-keys';
import { createDocument } from '@/lib/ledger/documents';
import { MAX_AMOUNT_MINOR } from '@/lib/money';
import { useApiTestBed, type Answer } from './support/api-client';
import type { World } from './support/auth-world';
import { seedCompany } from './support/fixtures';
import { HAS_POSTGRES } from './support/test-db';

// The ledger's endpoints over real HTTP (issue 11): documents, payments, voids, categories, reports and new
// companies, served by a separate process (tests/support/api-server.ts) on one real PostgreSQL. One story runs
// through a company made for it over the API, so every amount, number and report total below is known exactly.

vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));

const ANY_INSTANT = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe.skipIf(!HAS_POSTGRES)('the ledger API over HTTP on PostgreSQL', () => {
  const api = useApiTestBed('ledger');
  const { documented } = api;
  let w: World;
  /** The company the story runs in: made by POST /api/companies, with keys for it. */
  const c = { id: '', accountant: '', viewer: '', customer: 0, vendor: 0, category: {} as Record<string, number> };
  /** The story's records, by name, as they are created. */
  const ids = { inv1: 0, inv2: 0, inv3: 0, bill1: 0, pay1: 0, pay2: 0, pmt1: 0 };

  beforeAll(() => {
    w = api.w;
  });
  const entryCount = async () => (await w.db.select({ n: count() }).from(journalEntries))[0]!.n;
  const companyCount = async () => (await w.db.select({ n: count() }).from(companies))[0]!.n;

  describe('POST /api/companies', () => {
    it('makes a company with its chart for a signed-in person, who becomes its owner; their session stays where it was', async () => {
      const answer = await documented('POST', '/api/companies', '/api/companies', {
        cookie: w.a.cookie.viewer,
        body: { name: ' Ledger Story ', baseCurrency: 'eur', timeZone: 'Europe/Paris', locale: 'fr-FR' },
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        company: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Ledger Story', baseCurrency: 'EUR', timeZone: 'Europe/Paris', locale: 'fr-FR' },
        role: 'owner',
      });
      c.id = answer.body.company.id;
      const members = await w.db.select({ userId: companyMembers.userId, role: companyMembers.role }).from(companyMembers).where(eq(companyMembers.companyId, c.id));
      expect(members).toEqual([{ userId: w.a.userId.viewer, role: 'owner' }]);
      const chart = await w.db.select({ code: accounts.code }).from(accounts).where(eq(accounts.companyId, c.id));
      expect(chart.map((a) => a.code).sort()).toEqual(['1000', '1100', '2000', '2050', '3000', '4000', '4100', '4200', '4300', '5000', '5100', '5200', '5300', '5400', '5500']);
      // The caller's session still works in company A, as a viewer: the switcher, not this call, changes company.
      const current = await documented('GET', '/api/company', '/api/company', { cookie: w.a.cookie.viewer });
      expect(current.body).toMatchObject({ company: { id: w.a.company.id }, role: 'viewer', via: 'session' });

      for (const role of ['accountant', 'viewer'] as const) {
        c[role] = (await createApiKey(w.auth, w.db, c.id, w.a.userId.viewer, { name: `Story ${role}`, role })).key;
      }
    });

    it('refuses an API key (403), no credential (401) and bad input (400, each field named), and makes nothing', async () => {
      const before = await companyCount();
      const body = { name: 'Refused Books', baseCurrency: 'USD' };
      const byKey = await documented('POST', '/api/companies', '/api/companies', { key: w.a.key.accountant, body });
      expect(byKey.body).toEqual({
        type: '/api/problems/forbidden',
        title: 'Not allowed',
        status: 403,
        detail: 'An API key belongs to one company: sign in to do this',
        code: 'forbidden',
      });
      const anonymous = await documented('POST', '/api/companies', '/api/companies', { body });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="ailegr"');
      const bad = await documented('POST', '/api/companies', '/api/companies', {
        cookie: w.a.cookie.owner,
        body: { name: '  ', baseCurrency: 'XYZ', timeZone: 'Mars/Olympus', owner: 'me' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toEqual({
        name: ['Enter a company name'],
        baseCurrency: ['Use a known ISO 4217 currency code, like USD'],
        timeZone: ['Use an IANA time zone, like America/New_York'],
        owner: ['Unknown field: remove it'],
      });
      expect(await companyCount()).toBe(before);
    });
  });

  describe('categories', () => {
    it('lists revenue categories for invoices and expense categories for expenses, by code and name', async () => {
      const invoice = await documented('GET', '/api/categories', '/api/categories?type=invoice', { key: c.viewer });
      expect(invoice.body.data.map((a: { code: string; name: string; type: string }) => [a.code, a.name, a.type])).toEqual([
        ['4000', 'Revenue', 'invoice'],
        ['4100', 'Consulting Revenue', 'invoice'],
        ['4200', 'Subscription Revenue', 'invoice'],
        ['4300', 'Product Sales', 'invoice'],
      ]);
      expect(invoice.body.nextCursor).toBeNull();
      expect(invoice.body.data[1]).toEqual({ id: expect.any(Number), type: 'invoice', code: '4100', name: 'Consulting Revenue', archivedAt: null, updatedAt: ANY_INSTANT });
      const expense = await documented('GET', '/api/categories', '/api/categories?type=expense', { key: c.viewer });
      expect(expense.body.data.map((a: { code: string }) => a.code)).toEqual(['5000', '5100', '5200', '5300', '5400', '5500']);
      const both = await documented('GET', '/api/categories', '/api/categories?limit=3', { key: c.viewer });
      expect(both.body.data).toHaveLength(3);
      expect(both.headers.get('link')).toMatch(/^<\/api\/categories\?limit=3&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
      for (const a of [...invoice.body.data, ...expense.body.data]) c.category[a.code] = a.id;

      const bad = await documented('GET', '/api/categories', '/api/categories?type=asset', { key: c.viewer });
      expect(bad.body.fields).toEqual({ type: ['type must be invoice or expense'] });
      expect((await documented('GET', '/api/categories', '/api/categories', {})).status).toBe(401);
    });
  });

  describe('invoices and expenses', () => {
    const invoiceBody = () => ({
      partyId: c.customer,
      categoryId: c.category['4100'],
      issueDate: '2026-01-15',
      dueDate: '2026-02-14',
      amount: '1250.50',
      memo: 'January retainer',
    });

    it('records an invoice through the ledger, numbered, with amounts as decimal strings beside minor units', async () => {
      const customer = await documented('POST', '/api/parties', '/api/parties', { key: c.accountant, body: { kind: 'customer', name: 'Story customer' } });
      const vendor = await documented('POST', '/api/parties', '/api/parties', { key: c.accountant, body: { kind: 'vendor', name: 'Story vendor' } });
      c.customer = customer.body.id;
      c.vendor = vendor.body.id;

      const answer = await documented('POST', '/api/invoices', '/api/invoices', { key: c.accountant, body: invoiceBody() });
      expect(answer.status).toBe(201);
      ids.inv1 = answer.body.id;
      expect(answer.headers.get('location')).toBe(`/api/invoices/${ids.inv1}`);
      expect(answer.body).toEqual({
        id: ids.inv1,
        kind: 'invoice',
        number: 'INV-000001',
        reference: 'INV-000001',
        issueDate: '2026-01-15',
        dueDate: '2026-02-14',
        currency: 'EUR',
        amount: '1250.50',
        amountMinor: 125050,
        paid: '0.00',
        paidMinor: 0,
        balance: '1250.50',
        balanceMinor: 125050,
        status: 'open',
        memo: 'January retainer',
        partyId: c.customer,
        partyName: 'Story customer',
        categoryId: c.category['4100'],
        categoryName: 'Consulting Revenue',
        ruleId: null,
        occurrenceDate: null,
        createdAt: ANY_INSTANT,
        updatedAt: answer.body.createdAt,
        payments: [],
      });

      const second = await documented('POST', '/api/invoices', '/api/invoices', {
        key: c.accountant,
        body: { ...invoiceBody(), categoryId: c.category['4200'], issueDate: '2026-02-01', dueDate: '2026-03-03', amount: '400', reference: 'SUB-2026-02', memo: undefined },
      });
      ids.inv2 = second.body.id;
      expect(second.body).toMatchObject({ number: 'INV-000002', reference: 'SUB-2026-02', amount: '400.00', amountMinor: 40000, memo: '', categoryName: 'Subscription Revenue' });
      const last = await documented('POST', '/api/invoices', '/api/invoices', {
        key: c.accountant,
        body: { ...invoiceBody(), categoryId: c.category['4300'], issueDate: '2025-12-20', dueDate: '2026-01-19', amount: '200.00' },
      });
      ids.inv3 = last.body.id;
      expect(last.body).toMatchObject({ number: 'INV-000003', issueDate: '2025-12-20', status: 'open' });

      const bill = await documented('POST', '/api/expenses', '/api/expenses', {
        key: c.accountant,
        body: { partyId: c.vendor, categoryId: c.category['5200'], issueDate: '2026-01-10', dueDate: '2026-01-31', amount: '300.00', reference: '' },
      });
      expect(bill.status).toBe(201);
      ids.bill1 = bill.body.id;
      expect(bill.headers.get('location')).toBe(`/api/expenses/${ids.bill1}`);
      expect(bill.body).toMatchObject({ kind: 'bill', number: 'BILL-000001', reference: 'BILL-000001', amount: '300.00', partyName: 'Story vendor', categoryName: 'Software', status: 'open' });
    });

    it('refuses bad input with each field named by its path, and posts nothing', async () => {
      const before = await entryCount();
      const shape = await documented('POST', '/api/invoices', '/api/invoices', {
        key: c.accountant,
        body: { partyId: true, categoryId: '0x10', issueDate: '2025-02-30', dueDate: '2026-01-01', amount: 12.5, discount: '5%' },
      });
      expect(shape.status).toBe(400);
      expect(shape.body).toMatchObject({ type: '/api/problems/validation', status: 400, code: 'validation' });
      expect(shape.body.fields).toEqual({
        partyId: ['Choose a record'],
        categoryId: ['Choose a record'],
        issueDate: ['Enter a real date as YYYY-MM-DD'],
        amount: ['Enter an amount'],
        discount: ['Unknown field: remove it'],
      });
      const dates = await documented('POST', '/api/invoices', '/api/invoices', { key: c.accountant, body: { ...invoiceBody(), dueDate: '2026-01-14' } });
      expect(dates.body.fields).toEqual({ dueDate: ['The due date cannot be before the issue date'] });
      const cents = await documented('POST', '/api/invoices', '/api/invoices', { key: c.accountant, body: { ...invoiceBody(), amount: '12.345' } });
      expect(cents.body.fields).toEqual({ amount: ['Use at most 2 decimal places'] });
      // Named together with the body's other problems, not after them.
      const together = await documented('POST', '/api/invoices', '/api/invoices', { key: c.accountant, body: { ...invoiceBody(), amount: '12.345', issueDate: '2026-02-30' } });
      expect(together.body.fields).toEqual({ issueDate: ['Enter a real date as YYYY-MM-DD'], amount: ['Use at most 2 decimal places'] });
      const vendor = await documented('POST', '/api/invoices', '/api/invoices', { key: c.accountant, body: { ...invoiceBody(), partyId: c.vendor } });
      expect(vendor.body.fields).toEqual({ partyId: ['Choose a customer, not a vendor'] });
      const category = await documented('POST', '/api/invoices', '/api/invoices', { key: c.accountant, body: { ...invoiceBody(), categoryId: c.category['5200'] } });
      expect(category.body.fields).toEqual({ categoryId: ['Choose a revenue category'] });
      const theirs = await documented('POST', '/api/expenses', '/api/expenses', {
        key: c.accountant,
        body: { partyId: w.a.vendor.id, categoryId: c.category['5200'], issueDate: '2026-01-10', dueDate: '2026-01-31', amount: '1.00' },
      });
      expect(theirs.body.fields).toEqual({ partyId: ['Choose a vendor of this company'] });
      const taken = await documented('POST', '/api/invoices', '/api/invoices', { key: c.accountant, body: { ...invoiceBody(), reference: 'SUB-2026-02' } });
      expect(taken.body.fields).toEqual({ reference: ['This reference is already used in this company'] });
      // Field names the request chose are only names, even those of Object.prototype's members.
      const proto = await documented('POST', '/api/invoices', '/api/invoices', {
        key: c.accountant,
        rawBody: JSON.stringify(invoiceBody()).replace(/^\{/, '{"__proto__":{"amount":"1.00"},"valueOf":2,'),
      });
      expect(proto.text).toContain('"fields":{"__proto__":["Unknown field: remove it"],"valueOf":["Unknown field: remove it"]}');
      const query = await documented('GET', '/api/invoices', '/api/invoices?constructor=1&valueOf=1&valueOf=2', { key: c.viewer });
      expect(query.text).toContain('"fields":{"valueOf":["Give valueOf once"],"constructor":["Unknown field: remove it"]}');
      const viewer = await documented('POST', '/api/invoices', '/api/invoices', { key: c.viewer, body: invoiceBody() });
      expect(viewer.body).toMatchObject({ status: 403, code: 'forbidden' });
      expect(await entryCount()).toBe(before);
    });

    it('records one invoice for a repeated Idempotency-Key, replaying the first answer', async () => {
      const before = await entryCount();
      const body = { ...invoiceBody(), reference: 'IDEM-1', amount: '1.00' };
      const post = () => documented('POST', '/api/invoices', '/api/invoices', { key: c.accountant, body, headers: { 'idempotency-key': 'story-invoice-1' } });
      const first = await post();
      const again = await post();
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await entryCount()).toBe(before + 1);
      // It is voided at once, so the story's totals below stay as planned.
      expect((await documented('POST', '/api/invoices/{id}/void', `/api/invoices/${first.body.id}/void`, { key: c.accountant })).status).toBe(200);
    });

    it('shows one document with an ETag; the other kind’s id, another company’s and a missing one are 404', async () => {
      const answer = await documented('GET', '/api/invoices/{id}', `/api/invoices/${ids.inv1}`, { key: c.viewer });
      expect(answer.body).toMatchObject({ id: ids.inv1, number: 'INV-000001', balance: '1250.50', payments: [] });
      const etag = answer.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect((await documented('GET', '/api/invoices/{id}', `/api/invoices/${ids.inv1}`, { key: c.viewer, headers: { 'if-none-match': etag } })).status).toBe(304);

      const notFound = (detail: string) => ({ type: '/api/problems/not-found', title: 'Not found', status: 404, detail, code: 'not_found' });
      expect((await documented('GET', '/api/expenses/{id}', `/api/expenses/${ids.inv1}`, { key: c.viewer })).body).toEqual(notFound('Expense not found'));
      expect((await documented('GET', '/api/invoices/{id}', `/api/invoices/${ids.bill1}`, { key: c.viewer })).body).toEqual(notFound('Invoice not found'));
      expect((await documented('GET', '/api/invoices/{id}', `/api/invoices/${w.a.invoice.id}`, { key: c.viewer })).body).toEqual(notFound('Invoice not found'));
      expect((await documented('GET', '/api/expenses/{id}', '/api/expenses/999999999', { key: c.viewer })).status).toBe(404);
      expect((await documented('GET', '/api/expenses/{id}', '/api/expenses/1.5', { key: c.viewer })).body.fields).toEqual({ id: ['Choose a record'] });
      expect((await documented('GET', '/api/invoices/{id}', `/api/invoices/${ids.inv1}`, {})).status).toBe(401);
    });
  });

  describe('payments and voids', () => {
    it('settles an invoice: the part beyond its balance goes to Customer Credits (2050)', async () => {
      const first = await documented('POST', '/api/invoices/{id}/payments', `/api/invoices/${ids.inv1}/payments`, {
        key: c.accountant,
        body: { amount: '1000.00', date: '2026-01-20', reference: 'WIRE-1', memo: 'First part' },
      });
      expect(first.status).toBe(201);
      ids.pay1 = first.body.payment.id;
      expect(first.body.payment).toEqual({
        id: ids.pay1,
        kind: 'payment_received',
        number: 'PAY-000001',
        reference: 'WIRE-1',
        documentId: ids.inv1,
        date: '2026-01-20',
        currency: 'EUR',
        amount: '1000.00',
        amountMinor: 100000,
        applied: '1000.00',
        appliedMinor: 100000,
        credit: '0.00',
        creditMinor: 0,
        memo: 'First part',
        voided: false,
        voidReference: null,
      });
      expect(first.body.document).toMatchObject({ id: ids.inv1, status: 'partially_paid', paid: '1000.00', paidMinor: 100000, balance: '250.50', balanceMinor: 25050 });
      expect(first.body.document.payments).toEqual([first.body.payment]);

      const second = await documented('POST', '/api/invoices/{id}/payments', `/api/invoices/${ids.inv1}/payments`, {
        key: c.accountant,
        body: { amount: '300', date: '2026-01-25' },
      });
      ids.pay2 = second.body.payment.id;
      expect(second.body.payment).toMatchObject({
        number: 'PAY-000002',
        reference: 'PAY-000002',
        amount: '300.00',
        applied: '250.50',
        appliedMinor: 25050,
        credit: '49.50',
        creditMinor: 4950,
        memo: '',
      });
      expect(second.body.document).toMatchObject({ status: 'paid', paid: '1250.50', balance: '0.00', balanceMinor: 0 });
      expect(second.body.document.payments.map((p: { number: string }) => p.number)).toEqual(['PAY-000001', 'PAY-000002']);

      const sheet = await documented('GET', '/api/reports/balance-sheet', '/api/reports/balance-sheet?asOf=2026-01-31', { key: c.viewer });
      expect(sheet.body.liabilities).toEqual([
        { accountId: expect.any(Number), code: '2000', name: 'Accounts Payable', type: 'liability', amount: '300.00', amountMinor: 30000 },
        { accountId: expect.any(Number), code: '2050', name: 'Customer Credits', type: 'liability', amount: '49.50', amountMinor: 4950 },
      ]);
    });

    it('pays an expense up to its balance and no further', async () => {
      const before = await entryCount();
      const over = await documented('POST', '/api/expenses/{id}/payments', `/api/expenses/${ids.bill1}/payments`, { key: c.accountant, body: { amount: '300.01', date: '2026-01-12' } });
      expect(over.body.fields).toEqual({ amount: ['The payment is more than the bill’s open balance'] });
      const early = await documented('POST', '/api/expenses/{id}/payments', `/api/expenses/${ids.bill1}/payments`, { key: c.accountant, body: { amount: '1.00', date: '2026-01-09' } });
      expect(early.body.fields).toEqual({ date: ['The payment cannot be dated before the document'] });
      const bad = await documented('POST', '/api/expenses/{id}/payments', `/api/expenses/${ids.bill1}/payments`, {
        key: c.accountant,
        body: { amount: 120, date: '2026-13-01', documentId: ids.bill1 },
      });
      expect(bad.body.fields).toEqual({ amount: ['Enter an amount'], date: ['Enter a real date as YYYY-MM-DD'], documentId: ['Unknown field: remove it'] });
      const wrongKind = await documented('POST', '/api/expenses/{id}/payments', `/api/expenses/${ids.inv1}/payments`, { key: c.accountant, body: { amount: '1.00', date: '2026-02-01' } });
      expect(wrongKind.body).toMatchObject({ status: 404, detail: 'Expense not found' });
      const viewer = await documented('POST', '/api/expenses/{id}/payments', `/api/expenses/${ids.bill1}/payments`, { key: c.viewer, body: { amount: '1.00', date: '2026-02-01' } });
      expect(viewer.status).toBe(403);
      expect(await entryCount()).toBe(before);

      const paid = await documented('POST', '/api/expenses/{id}/payments', `/api/expenses/${ids.bill1}/payments`, { key: c.accountant, body: { amount: '120.00', date: '2026-01-12' } });
      ids.pmt1 = paid.body.payment.id;
      expect(paid.body.payment).toMatchObject({ kind: 'payment_made', number: 'PAY-000003', amount: '120.00', applied: '120.00', credit: '0.00', creditMinor: 0 });
      expect(paid.body.document).toMatchObject({ kind: 'bill', status: 'partially_paid', paid: '120.00', balance: '180.00', balanceMinor: 18000 });
    });

    it('voids a payment (its applied part back on the balance, its credit reversed) but never twice, and a document only once its payments are void', async () => {
      const blocked = await documented('POST', '/api/invoices/{id}/void', `/api/invoices/${ids.inv1}/void`, { key: c.accountant, body: {} });
      expect(blocked.body).toEqual({
        type: '/api/problems/conflict',
        title: 'Conflict with the current state',
        status: 409,
        detail: 'INV-000001 has payments that are not void (PAY-000001, PAY-000002): void them first',
        code: 'conflict',
      });

      const voided = await documented('POST', '/api/payments/{id}/void', `/api/payments/${ids.pay2}/void`, { key: c.accountant });
      expect(voided.status).toBe(200);
      expect(voided.body.payment).toMatchObject({ id: ids.pay2, number: 'PAY-000002', voided: true, voidReference: 'VOID-PAY-000002', credit: '49.50' });
      expect(voided.body.document).toMatchObject({ id: ids.inv1, status: 'partially_paid', paid: '1000.00', balance: '250.50' });
      expect(Date.parse(voided.body.document.updatedAt)).toBeGreaterThan(Date.parse(voided.body.document.createdAt));

      const again = await documented('POST', '/api/payments/{id}/void', `/api/payments/${ids.pay2}/void`, { key: c.accountant, body: {} });
      expect(again.body).toMatchObject({ status: 409, detail: 'PAY-000002 is already void' });
      const notPayment = await documented('POST', '/api/payments/{id}/void', `/api/payments/${ids.inv1}/void`, { key: c.accountant, body: {} });
      expect(notPayment.body).toMatchObject({ status: 404, detail: 'Payment not found' });
      const theirs = await documented('POST', '/api/payments/{id}/void', `/api/payments/${w.a.payment.id}/void`, { key: c.accountant, body: {} });
      expect(theirs.body).toMatchObject({ status: 404, detail: 'Payment not found' });
      const withField = await documented('POST', '/api/payments/{id}/void', `/api/payments/${ids.pay1}/void`, { key: c.accountant, body: { reason: 'typo' } });
      expect(withField.body.fields).toEqual({ reason: ['Unknown field: remove it'] });
      expect((await documented('POST', '/api/payments/{id}/void', `/api/payments/${ids.pay1}/void`, { key: c.viewer })).status).toBe(403);

      const sheet = await documented('GET', '/api/reports/balance-sheet', '/api/reports/balance-sheet?asOf=2026-01-31', { key: c.viewer });
      expect(sheet.body.liabilities.map((a: { code: string; amount: string }) => [a.code, a.amount])).toEqual([['2000', '180.00']]);

      const invoice = await documented('POST', '/api/invoices/{id}/void', `/api/invoices/${ids.inv2}/void`, { key: c.accountant });
      expect(invoice.body).toMatchObject({ id: ids.inv2, number: 'INV-000002', status: 'void', amount: '400.00', paid: '0.00', balance: '0.00', payments: [] });
      const twice = await documented('POST', '/api/invoices/{id}/void', `/api/invoices/${ids.inv2}/void`, { key: c.accountant });
      expect(twice.body).toMatchObject({ status: 409, detail: 'INV-000002 is already void' });
      const payVoid = await documented('POST', '/api/invoices/{id}/payments', `/api/invoices/${ids.inv2}/payments`, { key: c.accountant, body: { amount: '1.00', date: '2026-02-02' } });
      expect(payVoid.body).toMatchObject({ status: 409, detail: 'INV-000002 is void' });
      const wrongKind = await documented('POST', '/api/expenses/{id}/void', `/api/expenses/${ids.inv3}/void`, { key: c.accountant });
      expect(wrongKind.body).toMatchObject({ status: 404, detail: 'Expense not found' });
      const viewer = await documented('POST', '/api/expenses/{id}/void', `/api/expenses/${ids.bill1}/void`, { key: c.viewer });
      expect(viewer.status).toBe(403);
    });
  });

  describe('document lists', () => {
    const numbers = (answer: Answer) => answer.body.data.map((d: { number: string }) => d.number);

    it('filter by status (repeatable), party, rule and issue dates', async () => {
      const all = await documented('GET', '/api/invoices', '/api/invoices', { key: c.viewer });
      // In the order they last changed: INV-000004 (the idempotent one) was voided at once after INV-000003 was
      // posted; INV-000001 changed when PAY-000002 was voided, and INV-000002 last, when it was voided.
      expect(numbers(all)).toEqual(['INV-000003', 'INV-000004', 'INV-000001', 'INV-000002']);
      expect(all.body.nextCursor).toBeNull();
      expect(all.headers.get('link')).toBeNull();
      const byStatus = await documented('GET', '/api/invoices', '/api/invoices?status=open&status=partially_paid', { key: c.viewer });
      expect(numbers(byStatus)).toEqual(['INV-000003', 'INV-000001']);
      expect(numbers(await documented('GET', '/api/invoices', '/api/invoices?status=void', { key: c.viewer }))).toEqual(['INV-000004', 'INV-000002']);
      expect(numbers(await documented('GET', '/api/invoices', '/api/invoices?from=2026-01-01&to=2026-01-31', { key: c.viewer }))).toEqual(['INV-000004', 'INV-000001']);
      expect(numbers(await documented('GET', '/api/invoices', '/api/invoices?to=2025-12-31', { key: c.viewer }))).toEqual(['INV-000003']);
      expect(numbers(await documented('GET', '/api/invoices', `/api/invoices?partyId=${c.customer}&status=paid`, { key: c.viewer }))).toEqual([]);
      expect(numbers(await documented('GET', '/api/invoices', `/api/invoices?partyId=${c.vendor}`, { key: c.viewer }))).toEqual([]);
      expect(numbers(await documented('GET', '/api/invoices', '/api/invoices?ruleId=1', { key: c.viewer }))).toEqual([]);
      const expenses = await documented('GET', '/api/expenses', `/api/expenses?partyId=${c.vendor}`, { key: c.viewer });
      expect(expenses.body.data).toEqual([expect.objectContaining({ number: 'BILL-000001', status: 'partially_paid', paid: '120.00', balance: '180.00' })]);

      const bad = await documented('GET', '/api/invoices', '/api/invoices?status=draft&from=2026-02-30&partyId=abc&sort=number', { key: c.viewer });
      expect(bad.body.fields).toEqual({
        'status.0': ['status must be one of open, partially_paid, paid, void'],
        from: ['Enter a real date as YYYY-MM-DD'],
        partyId: ['Choose a record'],
        sort: ['Unknown field: remove it'],
      });
      const backwards = await documented('GET', '/api/expenses', '/api/expenses?from=2026-02-01&to=2026-01-01', { key: c.viewer });
      expect(backwards.body.fields).toEqual({ to: ['to cannot be before from'] });
    });

    it('walk every document once by cursor, and updatedSince finds what a payment or void changed', async () => {
      const seen: string[] = [];
      let pathAndQuery: string | null = '/api/invoices?limit=1';
      while (pathAndQuery) {
        const answer: Answer = await documented('GET', '/api/invoices', pathAndQuery, { key: c.viewer });
        seen.push(...numbers(answer));
        const link = answer.headers.get('link');
        pathAndQuery = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1]! : null;
      }
      expect(seen).toEqual(['INV-000003', 'INV-000004', 'INV-000001', 'INV-000002']);

      // updatedAt is shown to the millisecond (truncated), so asking from it includes the row itself.
      const inv2 = await documented('GET', '/api/invoices/{id}', `/api/invoices/${ids.inv2}`, { key: c.viewer });
      const since = await documented('GET', '/api/invoices', `/api/invoices?updatedSince=${inv2.body.updatedAt}`, { key: c.viewer });
      expect(numbers(since)).toEqual(['INV-000002']);
      const later = new Date(Date.parse(inv2.body.updatedAt) + 1).toISOString();
      expect(numbers(await documented('GET', '/api/invoices', `/api/invoices?updatedSince=${later}`, { key: c.viewer }))).toEqual([]);
      // A payment moves its document to the end of the sync order.
      await documented('POST', '/api/invoices/{id}/payments', `/api/invoices/${ids.inv3}/payments`, { key: c.accountant, body: { amount: '0.01', date: '2026-01-05' } });
      const moved = await documented('GET', '/api/invoices', `/api/invoices?updatedSince=${inv2.body.updatedAt}`, { key: c.viewer });
      expect(numbers(moved)).toEqual(['INV-000002', 'INV-000003']);
      expect(moved.body.data[1]).toMatchObject({ paid: '0.01', balance: '199.99', status: 'partially_paid' });
      const payments = (await documented('GET', '/api/invoices/{id}', `/api/invoices/${ids.inv3}`, { key: c.viewer })).body.payments;
      expect((await documented('POST', '/api/payments/{id}/void', `/api/payments/${payments[0].id}/void`, { key: c.accountant })).body.document).toMatchObject({
        status: 'open',
        balance: '200.00',
      });
    });
  });

  describe('reports', () => {
    it('shows Profit & Loss by category, voids netting out, totals exact', async () => {
      const year = await documented('GET', '/api/reports/profit-and-loss', '/api/reports/profit-and-loss?from=2026-01-01&to=2026-12-31', { key: c.viewer });
      expect(year.body).toEqual({
        from: '2026-01-01',
        to: '2026-12-31',
        basis: 'accrual',
        currency: 'EUR',
        revenue: [{ accountId: c.category['4100'], code: '4100', name: 'Consulting Revenue', type: 'revenue', amount: '1250.50', amountMinor: 125050 }],
        expenses: [{ accountId: c.category['5200'], code: '5200', name: 'Software', type: 'expense', amount: '300.00', amountMinor: 30000 }],
        totalRevenue: '1250.50',
        totalRevenueMinor: 125050,
        totalExpenses: '300.00',
        totalExpensesMinor: 30000,
        netIncome: '950.50',
        netIncomeMinor: 95050,
      });
      const before = await documented('GET', '/api/reports/profit-and-loss', '/api/reports/profit-and-loss?from=2025-01-01&to=2025-12-31', { key: c.viewer });
      expect(before.body).toMatchObject({ revenue: [expect.objectContaining({ code: '4300', amount: '200.00' })], expenses: [], netIncome: '200.00', netIncomeMinor: 20000 });
      const bad = await documented('GET', '/api/reports/profit-and-loss', '/api/reports/profit-and-loss?from=2026-12-31&to=2026-01-01', { key: c.viewer });
      expect(bad.body.fields).toEqual({ to: ['The end of the period cannot be before its start'] });
      const missing = await documented('GET', '/api/reports/profit-and-loss', '/api/reports/profit-and-loss?from=2026-01-01', { key: c.viewer });
      expect(Object.keys(missing.body.fields)).toEqual(['to']);
    });

    it('takes basis=cash|accrual (issue 14): over the whole history cash net income = accrual − open A/R + open A/P', async () => {
      const report = (query: string) => documented('GET', '/api/reports/profit-and-loss', `/api/reports/profit-and-loss?from=2000-01-01&to=2026-12-31${query}`, { key: c.viewer });
      // Accrual: 950.50 in 2026 and 200.00 in 2025; A/R 450.50 and A/P 180.00 at the end (the Balance Sheet below).
      expect((await report('&basis=accrual')).body).toMatchObject({ basis: 'accrual', netIncome: '1150.50', netIncomeMinor: 115050 });
      expect((await report('')).body).toMatchObject({ basis: 'accrual', netIncome: '1150.50' });
      // Cash: 1150.50 − 450.50 + 180.00, which is the Balance Sheet's cash (no customer credit is left).
      expect((await report('&basis=cash')).body).toMatchObject({ basis: 'cash', netIncome: '880.00', netIncomeMinor: 88000 });
      const bad = await report('&basis=cashflow');
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toEqual({ basis: ['basis must be accrual or cash'] });
    });

    it('shows the Balance Sheet with earnings in equity, balanced', async () => {
      const sheet = await documented('GET', '/api/reports/balance-sheet', '/api/reports/balance-sheet?asOf=2026-12-31', { key: c.viewer });
      const line = (code: string, name: string, type: string, amount: string, amountMinor: number) => ({ accountId: expect.any(Number), code, name, type, amount, amountMinor });
      expect(sheet.body).toEqual({
        asOf: '2026-12-31',
        currency: 'EUR',
        assets: [line('1000', 'Cash', 'asset', '880.00', 88000), line('1100', 'Accounts Receivable', 'asset', '450.50', 45050)],
        liabilities: [line('2000', 'Accounts Payable', 'liability', '180.00', 18000)],
        equity: [],
        currentPeriodEarnings: '950.50',
        currentPeriodEarningsMinor: 95050,
        retainedEarnings: '200.00',
        retainedEarningsMinor: 20000,
        totalAssets: '1330.50',
        totalAssetsMinor: 133050,
        totalLiabilities: '180.00',
        totalLiabilitiesMinor: 18000,
        totalEquity: '1150.50',
        totalEquityMinor: 115050,
        balanced: true,
      });
      expect((await documented('GET', '/api/reports/balance-sheet', '/api/reports/balance-sheet?asOf=yesterday', { key: c.viewer })).body.fields).toEqual({
        asOf: ['Enter a real date as YYYY-MM-DD'],
      });
    });

    it('shows open balances by party, receivables and payables', async () => {
      const receivable = await documented('GET', '/api/reports/open-balances', '/api/reports/open-balances?type=invoice', { key: c.viewer });
      expect(receivable.body).toEqual({
        type: 'invoice',
        currency: 'EUR',
        parties: [{ partyId: c.customer, partyName: 'Story customer', documents: 2, open: '450.50', openMinor: 45050, oldestDueDate: '2026-01-19' }],
        total: '450.50',
        totalMinor: 45050,
      });
      const payable = await documented('GET', '/api/reports/open-balances', '/api/reports/open-balances?type=expense', { key: c.viewer });
      expect(payable.body).toEqual({
        type: 'expense',
        currency: 'EUR',
        parties: [{ partyId: c.vendor, partyName: 'Story vendor', documents: 1, open: '180.00', openMinor: 18000, oldestDueDate: '2026-01-31' }],
        total: '180.00',
        totalMinor: 18000,
      });
      expect((await documented('GET', '/api/reports/open-balances', '/api/reports/open-balances', { key: c.viewer })).body.fields).toEqual({
        type: ['type must be invoice or expense'],
      });
    });

    it('gives a total past 2^53 − 1 minor units as exact digits in a string, never a rounded number', async () => {
      // 100 invoices of the largest amount: 9,999,999,999,999,900 cents, past what a double holds exactly.
      const big = await seedCompany(w.db, 'Big Books');
      await w.db.insert(companyMembers).values({ companyId: big.company.id, userId: w.a.userId.viewer, role: 'owner' });
      const { key } = await createApiKey(w.auth, w.db, big.company.id, w.a.userId.viewer, { name: 'Big viewer', role: 'viewer' });
      const largest = `${Math.floor(MAX_AMOUNT_MINOR / 100)}.${String(MAX_AMOUNT_MINOR % 100).padStart(2, '0')}`;
      for (let i = 0; i < 100; i++) {
        await createDocument(w.db, big.company.id, 'invoice', { partyId: big.customer.id, categoryId: big.byCode('4100'), issueDate: '2026-05-01', dueDate: '2026-05-31', amount: largest });
      }
      const expected = (BigInt(MAX_AMOUNT_MINOR) * 100n).toString();
      expect(Number.isSafeInteger(Number(expected))).toBe(false);
      const report = await documented('GET', '/api/reports/profit-and-loss', '/api/reports/profit-and-loss?from=2026-05-01&to=2026-05-31', { key });
      expect(report.body).toMatchObject({ totalRevenueMinor: expected, totalRevenue: `${expected.slice(0, -2)}.${expected.slice(-2)}`, netIncomeMinor: expected, totalExpensesMinor: 0 });
      expect(report.text).toContain(`"totalRevenueMinor":"${expected}"`);
      const open = await documented('GET', '/api/reports/open-balances', '/api/reports/open-balances?type=invoice', { key });
      expect(open.body).toMatchObject({ totalMinor: expected, parties: [expect.objectContaining({ documents: 100, openMinor: expected })] });
      // One invoice's amount is a safe integer: a JSON number.
      const one = await documented('GET', '/api/invoices', '/api/invoices?limit=1', { key });
      expect(one.body.data[0].amountMinor).toBe(MAX_AMOUNT_MINOR);
      expect(await w.db.select({ n: count() }).from(journalEntries).where(and(eq(journalEntries.companyId, big.company.id), eq(journalEntries.kind, 'invoice')))).toEqual([{ n: 100 }]);
    });
  });

  it('checked every answer above against the contract', () => {
    expect(api.contract.checked).toBeGreaterThan(90);
  });
});
