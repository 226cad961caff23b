import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocument } from '@/lib/ledger/documents';
import { createParty } from '@/lib/ledger/parties';
import { recordPayment } from '@/lib/ledger/payments';
import { buildWorld, ORIGIN, type World } from './support/auth-world';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'fatal';
});
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders));
vi.mock('next/cache', () => import('./support/next-request').then((m) => m.nextCache));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

// The CSV exports answer the same view the screen shows (its URL params), every page of it, with a viewer's key.
describe.each(BACKENDS)('CSV exports on %s', (backend) => {
  let h: TestDatabase;
  let w: World;
  let quoted: number;
  const get = async (handler: Handler, path: string, params: Record<string, string> = {}) =>
    handler(new Request(`${ORIGIN}${path}`, { headers: { authorization: `Bearer ${w.a.key.viewer}` } }), { params: Promise.resolve(params) });

  beforeAll(async () => {
    h = await openTestDatabase(backend);
    w = await buildWorld(h, `csv-${backend}`);
    // A name with a comma and quotes, and a memo a spreadsheet would run as a formula.
    quoted = (await createParty(w.db, w.a.company.id, { kind: 'customer', name: 'Smith, "Jo" & Co' })).id;
    const doc = (issueDate: string, amount: string, memo: string) =>
      createDocument(w.db, w.a.company.id, 'invoice', { partyId: quoted, issueDate, dueDate: issueDate, amount, categoryId: w.a.byCode('4100'), memo });
    const first = await doc('2026-04-01', '1,234.50', '=HYPERLINK("x")');
    await doc('2026-04-02', '0.99', 'Plain');
    await recordPayment(w.db, w.a.company.id, { documentId: first.id, amount: '1300.00', date: '2026-04-03' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('exports the filtered, sorted view with RFC 4180 quoting, decimal amounts and ISO dates', async () => {
    const { GET } = (await import('@/app/(app)/invoices/export/route')) as { GET: Handler };
    const response = await get(GET, `/invoices/export?party=${quoted}&sort=amount&dir=desc&size=10`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="invoices.csv"');
    const [header, ...rows] = (await response.text()).split('\r\n');
    expect(header).toBe('Number,Reference,Party,Issue date,Due date,Amount,Paid,Balance,Status,Category,Memo,Rule');
    // Every row of the view, not just a page's worth; `size` only shapes the screen.
    expect(rows).toEqual([
      expect.stringMatching(/^INV-\d{6},INV-\d{6},"Smith, ""Jo"" & Co",2026-04-01,2026-04-01,1234.50,1234.50,0.00,Paid,Consulting Revenue,"'=HYPERLINK\(""x""\)",$/),
      expect.stringMatching(/^INV-\d{6},INV-\d{6},"Smith, ""Jo"" & Co",2026-04-02,2026-04-02,0.99,0.00,0.99,Open,Consulting Revenue,Plain,$/),
      '',
    ]);
    const open = await (await get(GET, `/invoices/export?party=${quoted}&status=open`)).text();
    expect(open.split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('answers a bad param with a field error, as the screen names it', async () => {
    const { GET } = (await import('@/app/(app)/invoices/export/route')) as { GET: Handler };
    const response = await get(GET, '/invoices/export?from=2026-05-01&to=2026-04-01');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fields: Record<string, string[]> }).fields).toEqual({ to: ['The end date cannot be before the start date'] });
  });

  it('exports the parties with their balances, and a statement with its running balance', async () => {
    const parties = (await import('@/app/(app)/parties/export/route')) as { GET: Handler };
    const lines = (await (await get(parties.GET, '/parties/export')).text()).split('\r\n');
    expect(lines[0]).toBe('Kind,Name,Email,Owes you,You owe,Credit');
    expect(lines).toContain('Customer,"Smith, ""Jo"" & Co",,0.99,0.00,65.50');

    const statement = (await import('@/app/(app)/parties/[id]/export/route')) as { GET: Handler };
    const text = await (await get(statement.GET, `/parties/${quoted}/export`, { id: String(quoted) })).text();
    expect(text.split('\r\n').map((l) => l.replace(/(INV|PAY)-\d{6}/g, '$1-n'))).toEqual([
      'Date,Entry,Description,Charges,Payments,Balance',
      `2026-04-01,INV-n,"'=HYPERLINK(""x"")",1234.50,,1234.50`,
      '2026-04-02,INV-n,Plain,0.99,,1235.49',
      '2026-04-03,PAY-n,Payment for INV-n,,1300.00,-64.51',
      '',
    ]);
    const stranger = await get(statement.GET, `/parties/${w.b.customer.id}/export`, { id: String(w.b.customer.id) });
    expect(stranger.status).toBe(404);
  });
});
