import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_EMAIL, E2E_DEMO_PASSWORD } from './demo';
import { minorFromMoneyText } from './pages/money';
import { SignInPage } from './pages/sign-in-page';

// A company of this spec's own, so every value below is exact and no other spec's data moves it. The demo owner
// signs in again in a context of its own (a second session), creates the company, and switches that session to
// it: the saved demo session the other specs use stays on the demo company.
//
//   INV-000001  Acme        2026-01-10  due 02-09   100.00  "Workshop alpha"        paid in full
//   INV-000002  Bolt & Co   2026-02-05  due 03-07   250.00  "Hosting", ref PO-77    100.00 paid
//   INV-000003  Acme        2026-03-01  due 03-31    40.00  "Training"              void
//   INV-000004  Bolt & Co   2026-03-15  due 04-14   999.99  "Workshop beta"         1,200.00 paid: 200.01 credit
//   INV-000005  Acme        2026-01-01  (rule "Monthly retainer", 100.00, due on the day)
//   INV-000006…12  Cato     2026-05-01…07  10.00 each  "Batch n"                 open
test.describe.configure({ mode: 'serial' });

const RUN = Date.now().toString(36);
const COMPANY = `Lists ${RUN}`;

let context: BrowserContext;
let page: Page;
let ids: Record<string, number> = {};
let ruleId = 0;

async function api(request: APIRequestContext, baseURL: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await request.fetch(path, { method, data: body, headers: { origin: baseURL } });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown> & { id: number; data: { id: number; code: string; name: string }[] };
}

async function openCompany(browser: Browser, baseURL: string) {
  context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
  page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO_EMAIL, E2E_DEMO_PASSWORD);
  await api(context.request, baseURL, 'POST', '/api/companies', { name: COMPANY, baseCurrency: 'USD', timeZone: 'UTC' });
  await page.reload();
  await page.getByLabel('Company', { exact: true }).selectOption({ label: COMPANY });
  await expect(page.getByTestId('current-company')).toContainText(COMPANY);

  const call = (method: 'GET' | 'POST', path: string, body?: unknown) => api(context.request, baseURL, method, path, body);
  const categories = await call('GET', '/api/categories?type=invoice&limit=100');
  const consulting = categories.data.find((c) => c.code === '4100')!.id;
  const party = async (name: string) => (await call('POST', '/api/parties', { kind: 'customer', name })).id;
  const acme = await party('Acme');
  const bolt = await party('Bolt & Co');
  const cato = await party('Cato');
  ids = { acme, bolt, cato };
  const invoice = async (partyId: number, issueDate: string, dueDate: string, amount: string, memo: string, reference?: string) =>
    (await call('POST', '/api/invoices', { partyId, issueDate, dueDate, amount, categoryId: consulting, memo, ...(reference ? { reference } : {}) })).id;
  const a = await invoice(acme, '2026-01-10', '2026-02-09', '100.00', 'Workshop alpha');
  const b = await invoice(bolt, '2026-02-05', '2026-03-07', '250.00', 'Hosting', 'PO-77');
  const c = await invoice(acme, '2026-03-01', '2026-03-31', '40.00', 'Training');
  const d = await invoice(bolt, '2026-03-15', '2026-04-14', '999.99', 'Workshop beta');
  await call('POST', `/api/invoices/${a}/payments`, { amount: '100.00', date: '2026-01-20' });
  await call('POST', `/api/invoices/${b}/payments`, { amount: '100.00', date: '2026-02-10' });
  await call('POST', `/api/invoices/${c}/void`, {});
  await call('POST', `/api/invoices/${d}/payments`, { amount: '1200.00', date: '2026-03-20' });
  const rule = await call('POST', '/api/recurring', {
    name: 'Monthly retainer',
    type: 'invoice',
    cadence: 'monthly',
    startDate: '2026-01-01',
    endDate: '2026-01-31',
    payload: { partyId: acme, amount: '100.00', categoryId: consulting, memo: 'Retainer' },
    options: { dayOfMonth: 1 },
  });
  ruleId = rule.id;
  await call('POST', '/api/recurring/run', { ruleId });
  for (let n = 1; n <= 7; n++) await invoice(cato, `2026-05-0${n}`, `2026-05-0${n}`, '10.00', `Batch ${n}`);
}

const table = () => page.getByRole('table', { name: 'Invoices' });
/** The numbers of the listed invoices, top to bottom (retried until the page shows them). */
async function expectNumbers(numbers: string[]) {
  await expect(table().locator('tbody tr').locator('td:first-child > a')).toHaveText(numbers);
}

test.beforeAll(async ({ browser, baseURL }) => {
  await openCompany(browser, baseURL!);
});
test.afterAll(async () => {
  await context?.close();
});

test('the list is newest first, and a search through the filter form lands in the URL and survives a reload', async () => {
  await page.goto('/invoices');
  await expect(page.getByTestId('list-count')).toHaveText('12 documents');
  // Issue dates newest first: Cato's batch (May), then March, February, January.
  await expectNumbers(['INV-000012', 'INV-000011', 'INV-000010', 'INV-000009', 'INV-000008', 'INV-000007', 'INV-000006', 'INV-000004', 'INV-000003', 'INV-000002', 'INV-000001', 'INV-000005']);

  const filters = page.getByRole('search', { name: 'Filter the list' });
  await filters.getByLabel('Search').fill('workshop');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]q=workshop/);
  await expect(page.getByTestId('list-count')).toHaveText('2 documents match');
  await expectNumbers(['INV-000004', 'INV-000001']);
  await page.reload();
  await expectNumbers(['INV-000004', 'INV-000001']);
  await expect(filters.getByLabel('Search')).toHaveValue('workshop');

  // The reference, and the party's name, are searched too.
  await page.goto('/invoices?q=po-77');
  await expectNumbers(['INV-000002']);
  await page.goto('/invoices?q=bolt');
  await expectNumbers(['INV-000004', 'INV-000002']);
});

test('each filter narrows the list: status, customer, issue dates and origin', async () => {
  const filters = page.getByRole('search', { name: 'Filter the list' });
  await page.goto('/invoices');
  await filters.getByLabel('Partially paid').check();
  await filters.getByLabel('Void').check();
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expectNumbers(['INV-000003', 'INV-000002']);

  await page.goto('/invoices');
  await filters.getByLabel('Customer').selectOption({ label: 'Acme' });
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expectNumbers(['INV-000003', 'INV-000001', 'INV-000005']);

  await page.goto('/invoices');
  await filters.getByLabel('Issued from').fill('2026-02-05');
  await filters.getByLabel('Issued to').fill('2026-03-01');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expectNumbers(['INV-000003', 'INV-000002']);

  await page.goto('/invoices');
  await filters.getByLabel('Origin').selectOption({ label: 'From rule Monthly retainer' });
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expectNumbers(['INV-000005']);
  await page.goto('/invoices?rule=any');
  await expectNumbers(['INV-000005']);
  await page.goto('/invoices?rule=manual&party=' + ids.acme);
  await expectNumbers(['INV-000003', 'INV-000001']);

  // A date the URL got wrong is named beside its field, and the list is not narrowed by it.
  await page.goto('/invoices?party=' + ids.acme + '&from=2026-02-30');
  await expect(filters.getByText('Enter a real date as YYYY-MM-DD')).toBeVisible();
  await expect(filters.getByLabel('Issued from')).toHaveAttribute('aria-invalid', 'true');
  await expectNumbers(['INV-000003', 'INV-000001', 'INV-000005']);
});

test('a column heading sorts by it, and a second click turns the order round', async () => {
  // Paid in full or in part: INV-000001 (100.00, Acme), INV-000002 (250.00, Bolt), INV-000004 (999.99, Bolt).
  await page.goto('/invoices?status=paid&status=partially_paid');
  await table().getByRole('link', { name: 'Amount' }).click();
  await expect(page).toHaveURL(/sort=amount/);
  await expect(page).toHaveURL(/status=paid&status=partially_paid/);
  await expect(table().getByRole('columnheader', { name: /Amount/ })).toHaveAttribute('aria-sort', 'descending');
  await expectNumbers(['INV-000004', 'INV-000002', 'INV-000001']);
  await table().getByRole('link', { name: 'Amount' }).click();
  await expect(table().getByRole('columnheader', { name: /Amount/ })).toHaveAttribute('aria-sort', 'ascending');
  await expectNumbers(['INV-000001', 'INV-000002', 'INV-000004']);
  // By name, ties by number: A to Z first, then Z to A (the same order as by amount above, so wait for the heading).
  await table().getByRole('link', { name: 'Customer' }).click();
  await expect(table().getByRole('columnheader', { name: /Customer/ })).toHaveAttribute('aria-sort', 'ascending');
  await expectNumbers(['INV-000001', 'INV-000002', 'INV-000004']);
  await table().getByRole('link', { name: 'Customer' }).click();
  await expect(table().getByRole('columnheader', { name: /Customer/ })).toHaveAttribute('aria-sort', 'descending');
  await expectNumbers(['INV-000004', 'INV-000002', 'INV-000001']);
});

test('pages follow on without repeating a row, Previous goes exactly one page back, and the first page is one click away', async () => {
  const pageOne = ['INV-000001', 'INV-000002', 'INV-000003', 'INV-000004', 'INV-000005', 'INV-000006', 'INV-000007', 'INV-000008', 'INV-000009', 'INV-000010'];
  await page.goto('/invoices?sort=number&dir=asc&size=10');
  await expectNumbers(pageOne);
  const pager = page.getByRole('navigation', { name: 'Pages of invoices' });
  await expect(pager.getByRole('link', { name: '← Previous page' })).toHaveCount(0);
  await pager.getByRole('link', { name: 'Next page →' }).click();
  await expect(page).toHaveURL(/after=/);
  await expectNumbers(['INV-000011', 'INV-000012']);
  await expect(pager.getByRole('link', { name: 'Next page →' })).toHaveCount(0);
  await pager.getByRole('link', { name: '← Previous page' }).click();
  await expect(page).toHaveURL(/before=/);
  await expectNumbers(pageOne);
  // Back on the first page: no Previous, and Next leads on again.
  await expect(pager.getByRole('link', { name: '← Previous page' })).toHaveCount(0);
  await pager.getByRole('link', { name: 'Next page →' }).click();
  await expectNumbers(['INV-000011', 'INV-000012']);
  await pager.getByRole('link', { name: '← First page' }).click();
  await expect(table().locator('tbody tr')).toHaveCount(10);
  await expect(page).not.toHaveURL(/after=/);

  // Largest first (ties by id, also descending): the second page's Previous gives the first page's rows again.
  await page.goto('/invoices?size=10&sort=amount&dir=desc');
  const amountsFirst = ['INV-000004', 'INV-000002', 'INV-000005', 'INV-000001', 'INV-000003', 'INV-000012', 'INV-000011', 'INV-000010', 'INV-000009', 'INV-000008'];
  await expectNumbers(amountsFirst);
  await pager.getByRole('link', { name: 'Next page →' }).click();
  await expectNumbers(['INV-000007', 'INV-000006']);
  await pager.getByRole('link', { name: '← Previous page' }).click();
  await expectNumbers(amountsFirst);
});

test('a posted invoice says which rule posted it, linked to the rule’s log, and the log links back', async () => {
  await page.goto('/invoices?rule=any');
  const origin = table().getByTestId('document-origin');
  await expect(origin).toHaveText('from rule Monthly retainer');
  await expect(origin.getByRole('link')).toHaveAttribute('href', `/settings/recurring/${ruleId}#log`);
  await origin.getByRole('link', { name: 'Monthly retainer' }).click();
  const log = page.getByRole('table', { name: 'Log of Monthly retainer' });
  await expect(log).toBeVisible();
  await log.getByRole('link', { name: /INV-000005/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('INV-000005');
  // The document says so too, linked the same way.
  const detailOrigin = page.getByTestId('document-origin');
  await expect(detailOrigin).toHaveText('from rule Monthly retainer, occurrence 01/01/2026');
  await expect(detailOrigin.getByRole('link', { name: 'Monthly retainer' })).toHaveAttribute('href', `/settings/recurring/${ruleId}#log`);
  await expect(detailOrigin.locator('time')).toHaveAttribute('datetime', '2026-01-01');
});

test('customers show what they owe and their credit; a statement runs its balance entry by entry', async () => {
  await page.goto('/parties');
  const customers = page.getByRole('table', { name: 'Customers' });
  const row = (name: string) => customers.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row('Acme').getByRole('cell')).toHaveText(['Acme', '', '$100.00', '$0.00']);
  await expect(row('Bolt & Co').getByRole('cell')).toHaveText(['Bolt & Co', '', '$150.00', '$200.01']);
  await expect(row('Cato').getByRole('cell')).toHaveText(['Cato', '', '$70.00', '$0.00']);

  await row('Bolt & Co').getByRole('link', { name: 'Bolt & Co' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statement of Bolt & Co');
  const statement = page.getByRole('table', { name: 'Statement of Bolt & Co' });
  const lines = statement.locator('tbody tr');
  await expect(lines).toHaveCount(4);
  expect(await lines.locator('td:nth-child(1) time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')))).toEqual([
    '2026-02-05',
    '2026-02-10',
    '2026-03-15',
    '2026-03-20',
  ]);
  expect(await lines.locator('td:nth-child(3)').allTextContents()).toEqual(['Hosting', 'Payment for INV-000002', 'Workshop beta', 'Payment for INV-000004']);
  expect(await lines.locator('td:nth-child(6)').allTextContents()).toEqual(['$250.00', '$150.00', '$1,149.99', '-$50.01']);
  await expect(page.getByTestId('statement-closing')).toHaveText('They have $50.01 of credit.');

  // From the payment of 10 February to the invoice of 15 March: it opens on what Bolt owed before (250.00) and
  // closes on 1,149.99; the CSV export of that view holds the same rows.
  await page.goto(`/parties/${ids.bolt}?from=2026-02-10&to=2026-03-15`);
  await expect(lines).toHaveCount(3);
  const shown = await statement.locator('tbody tr, tfoot tr').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('time')?.getAttribute('datetime') ?? '', ...[...r.querySelectorAll('td, th')].slice(1).map((c) => c.textContent!.trim())]),
  );
  expect(shown).toEqual([
    ['2026-02-10', '', 'Opening balance', '', '', '$250.00'],
    ['2026-02-10', 'PAY-000002', 'Payment for INV-000002', '', '$100.00', '$150.00'],
    ['2026-03-15', 'INV-000004', 'Workshop beta', '$999.99', '', '$1,149.99'],
    ['2026-03-15', '', 'Closing balance', '', '', '$1,149.99'],
  ]);
  await expect(statement.getByTestId('statement-opening').getByRole('cell').last()).toHaveText('$250.00');
  await expect(statement.getByTestId('statement-closing-row').getByRole('cell').last()).toHaveText('$1,149.99');
  const csv = await (await page.request.get(`/parties/${ids.bolt}/export?from=2026-02-10&to=2026-03-15`)).text();
  expect(csv.split('\r\n').filter((l) => l !== '')).toEqual([
    'Date,Entry,Description,Charges,Payments,Balance',
    '2026-02-10,,Opening balance,,,250.00',
    '2026-02-10,PAY-000002,Payment for INV-000002,,100.00,150.00',
    '2026-03-15,INV-000004,Workshop beta,999.99,,1149.99',
    '2026-03-15,,Closing balance,,,1149.99',
  ]);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', `/parties/${ids.bolt}/export?from=2026-02-10&to=2026-03-15`);
});

test('the CSV export of a filtered view holds exactly the rows on the screen', async () => {
  await page.goto('/invoices?status=paid&status=partially_paid&sort=amount&dir=asc');
  const screen = await table()
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => {
        const cells = [...r.querySelectorAll('td')];
        return {
          number: cells[0]!.querySelector('a')!.textContent!,
          party: cells[1]!.textContent!,
          issueDate: cells[2]!.querySelector('time')!.getAttribute('datetime')!,
          dueDate: cells[3]!.querySelector('time')!.getAttribute('datetime')!,
          amount: cells[4]!.textContent!,
          paid: cells[5]!.textContent!,
          balance: cells[6]!.textContent!,
          status: cells[7]!.textContent!,
        };
      }),
    );
  expect(screen.map((r) => r.number)).toEqual(['INV-000001', 'INV-000002', 'INV-000004']);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(file, 'utf8');
  const [header, ...records] = text.split('\r\n').filter((l) => l !== '');
  expect(header).toBe('Number,Reference,Party,Issue date,Due date,Amount,Paid,Balance,Status,Category,Memo,Rule');
  // No field here holds a comma or a quote, so a split reads it (lib/csv.test.ts covers the quoting).
  const csv = records.map((line) => line.split(','));
  expect(csv.map((c) => c[0])).toEqual(screen.map((r) => r.number));
  const minor = (decimal: string) => minorFromMoneyText(`$${decimal}`);
  for (const [i, r] of screen.entries()) {
    const c = csv[i]!;
    expect([c[2], c[3], c[4], minor(c[5]!), minor(c[6]!), minor(c[7]!), c[8]]).toEqual([
      r.party,
      r.issueDate,
      r.dueDate,
      minorFromMoneyText(r.amount),
      minorFromMoneyText(r.paid),
      minorFromMoneyText(r.balance),
      r.status,
    ]);
  }
  expect(csv[1]).toEqual(['INV-000002', 'PO-77', 'Bolt & Co', '2026-02-05', '2026-03-07', '250.00', '100.00', '150.00', 'Partially paid', 'Consulting Revenue', 'Hosting', '']);
});

test('the lists and a statement have no serious axe finding, and their tables scroll inside themselves at 390 px', async () => {
  for (const path of ['/invoices?q=workshop&status=paid', '/expenses', '/parties', `/parties/${ids.bolt}`, `/parties/${ids.bolt}?from=2026-02-10&to=2026-03-15`]) {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, path).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path);
    // The page's own content (the shell around it is another spec's): nothing reaches past the screen's edge,
    // because each table scrolls inside its own frame.
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !el.parentElement?.closest('.table-wrap')).length,
    );
    expect(overflow, `${path}: elements past the right edge at 390 px`).toBe(0);
  }
});
