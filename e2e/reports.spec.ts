import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { minorFromMoneyText } from './pages/money';
import { SignInPage } from './pages/sign-in-page';
import { addViewer } from './pages/members-page';

// Issues 13 and 14 on the reports: presets, the comparison column, drill-down, CSV and the cash/accrual toggle,
// with exact figures from books this spec writes itself, in a company of its own (never the demo's), by a person of
// its own (so the demo owner's session and report preference stay as other specs expect).

const RUN = Date.now().toString(36);
const ZONE = 'Pacific/Auckland';
const P_AND_L = '/reports/profit-and-loss';
const MARCH = 'from=2025-03-01&to=2025-03-31';

test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let ids: { consulting: number; rent: number; invoice: number; bill: number };

/** An answer's JSON after checking its status, so a refused call fails here with its problem, not later. */
async function created(answer: Awaited<ReturnType<APIRequestContext['post']>>): Promise<{ id: number }> {
  expect(answer.status(), await answer.text()).toBe(201);
  return (await answer.json()) as { id: number };
}

test.beforeAll(async ({ browser }) => {
  // The demo owner adds a viewer, who signs in and starts a company of their own, where they are the owner.
  const owner = await browser.newPage();
  const email = `reports-${RUN}@example.test`;
  const password = await addViewer(owner, email, 'E2E Reporter');
  await owner.close();

  context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  const name = `E2E Reports ${RUN}`;
  await created(await context.request.post('/api/companies', { data: { name, baseCurrency: 'USD', timeZone: ZONE } }));
  await page.goto('/');
  await page.getByLabel('Company', { exact: true }).selectOption({ label: name });
  await expect(page.getByTestId('current-role')).toHaveText('Owner');

  // The books, through the API with the session (now in the new company):
  // - an invoice of 1,000.00 (Consulting) on 20 February, paid 400.00 on 10 March and 600.00 on 5 April;
  // - an invoice of 200.00 (Subscriptions) on 12 March, unpaid;
  // - a bill of 750.00 (Rent) on 5 March, paid 500.00 on 31 March and 250.00 on 2 April.
  const api = context.request;
  const customer = await created(await api.post('/api/parties', { data: { kind: 'customer', name: 'Harbour Cafe' } }));
  const vendor = await created(await api.post('/api/parties', { data: { kind: 'vendor', name: 'Quay Properties' } }));
  const categories = async (type: string) => ((await (await api.get(`/api/categories?type=${type}`)).json()).data as { id: number; code: string }[]);
  const code = (list: { id: number; code: string }[], c: string) => list.find((a) => a.code === c)!.id;
  const revenue = await categories('invoice');
  const expense = await categories('expense');
  ids = { consulting: code(revenue, '4100'), rent: code(expense, '5000'), invoice: 0, bill: 0 };
  const invoice = await created(
    await api.post('/api/invoices', { data: { partyId: customer.id, categoryId: ids.consulting, issueDate: '2025-02-20', dueDate: '2025-03-20', amount: '1000.00', memo: 'Fit-out design' } }),
  );
  ids.invoice = invoice.id;
  await created(await api.post('/api/invoices', { data: { partyId: customer.id, categoryId: code(revenue, '4200'), issueDate: '2025-03-12', dueDate: '2025-04-11', amount: '200.00' } }));
  const bill = await created(
    await api.post('/api/expenses', { data: { partyId: vendor.id, categoryId: ids.rent, issueDate: '2025-03-05', dueDate: '2025-04-04', amount: '750.00', memo: 'March rent' } }),
  );
  ids.bill = bill.id;
  for (const [path, amount, date] of [
    [`/api/invoices/${invoice.id}/payments`, '400.00', '2025-03-10'],
    [`/api/invoices/${invoice.id}/payments`, '600.00', '2025-04-05'],
    [`/api/expenses/${bill.id}/payments`, '500.00', '2025-03-31'],
    [`/api/expenses/${bill.id}/payments`, '250.00', '2025-04-02'],
  ] as const) {
    await created(await api.post(path, { data: { amount, date } }));
  }
});

test.afterAll(async () => {
  await context?.close();
});

/** The P&L's amount rows as `[label, ...cells]`, in screen order (headings and "nothing here" notes left out). */
async function screenRows(p: Page): Promise<string[][]> {
  const rows = p.getByRole('table', { name: 'Profit and loss' }).locator('tr[data-row-kind]');
  return rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent!.trim(), ...[...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())]));
}

/** axe's serious and critical findings against WCAG 2.1 A/AA (empty when clean). */
async function seriousViolations(p: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test('the basis toggle switches March between accrual and cash with exact figures, and the choice is remembered after a reload', async () => {
  await page.goto(`${P_AND_L}?${MARCH}`);
  // Nothing chosen yet: accrual, compared with February.
  await expect(page.getByTestId('report-basis')).toHaveText('Accrual basis');
  await expect(page.getByRole('navigation', { name: 'Basis' }).getByRole('link', { name: 'Accrual' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('header time[datetime="2025-02-01"]')).toBeVisible();
  await expect(page.locator('header time[datetime="2025-02-28"]')).toBeVisible();
  expect(await screenRows(page)).toEqual([
    ['4100 · Consulting Revenue', '$0.00', '$1,000.00', '-$1,000.00'],
    ['4200 · Subscription Revenue', '$200.00', '$0.00', '$200.00'],
    ['Total revenue', '$200.00', '$1,000.00', '-$800.00'],
    ['5000 · Rent', '$750.00', '$0.00', '$750.00'],
    ['Total expenses', '$750.00', '$0.00', '$750.00'],
    ['Net income', '-$550.00', '$1,000.00', '-$1,550.00'],
  ]);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('navigation', { name: 'Basis' }).getByRole('link', { name: 'Cash' }).click();
  await expect(page.getByTestId('report-basis')).toHaveText('Cash basis');
  await expect(page).toHaveURL(/basis=cash/);
  // Cash: 400.00 of the February invoice received in March, 500.00 of the rent paid; February had no cash movement.
  expect(await screenRows(page)).toEqual([
    ['4100 · Consulting Revenue', '$400.00', '$0.00', '$400.00'],
    ['Total revenue', '$400.00', '$0.00', '$400.00'],
    ['5000 · Rent', '$500.00', '$0.00', '$500.00'],
    ['Total expenses', '$500.00', '$0.00', '$500.00'],
    ['Net income', '-$100.00', '$0.00', '-$100.00'],
  ]);

  // The same report without a basis in the URL, after a reload: still cash, remembered for this user.
  await page.goto(`${P_AND_L}?${MARCH}`);
  await page.reload();
  await expect(page.getByTestId('report-basis')).toHaveText('Cash basis');
  await expect(page.getByRole('navigation', { name: 'Basis' }).getByRole('link', { name: 'Cash' })).toHaveAttribute('aria-current', 'page');
  // April on cash: the other 600.00 received and 250.00 paid.
  await page.goto(`${P_AND_L}?from=2025-04-01&to=2025-04-30&compare=none`);
  expect(await screenRows(page)).toEqual([
    ['4100 · Consulting Revenue', '$600.00'],
    ['Total revenue', '$600.00'],
    ['5000 · Rent', '$250.00'],
    ['Total expenses', '$250.00'],
    ['Net income', '$350.00'],
  ]);

  // Back to accrual, remembered too.
  await page.getByRole('navigation', { name: 'Basis' }).getByRole('link', { name: 'Accrual' }).click();
  await expect(page.getByTestId('report-basis')).toHaveText('Accrual basis');
  await page.goto(`${P_AND_L}?from=2025-02-01&to=2025-02-28&compare=none`);
  await expect(page.getByTestId('report-basis')).toHaveText('Accrual basis');
  expect(await screenRows(page)).toEqual([
    ['4100 · Consulting Revenue', '$1,000.00'],
    ['Total revenue', '$1,000.00'],
    ['Total expenses', '$0.00'],
    ['Net income', '$1,000.00'],
  ]);
});

test('the presets pick this month, last month, this quarter, year to date and last year from the company-local today', async () => {
  // Today where the company is (Auckland), worked out here without the app's code.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
  const quarterStart = Math.floor((m - 1) / 3) * 3 + 1;
  const expected = {
    'This month': [iso(y, m, 1), iso(y, m + 1, 0)],
    'Last month': [iso(y, m - 1, 1), iso(y, m, 0)],
    'This quarter': [iso(y, quarterStart, 1), iso(y, quarterStart + 3, 0)],
    'Year to date': [`${y}-01-01`, today],
    'Last year': [`${y - 1}-01-01`, `${y - 1}-12-31`],
  };
  await page.goto(`${P_AND_L}?${MARCH}&basis=accrual`);
  const presets = page.getByRole('navigation', { name: 'Presets' });
  for (const [label, [from, to]] of Object.entries(expected)) {
    const href = await presets.getByRole('link', { name: label }).getAttribute('href');
    const query = new URL(href!, 'http://x').searchParams;
    expect([label, query.get('from'), query.get('to'), query.get('basis')]).toEqual([label, from, to, 'accrual']);
  }
  await presets.getByRole('link', { name: 'Last month' }).click();
  await expect(page.getByLabel('From')).toHaveValue(expected['Last month'][0]!);
  await expect(page.getByLabel('To')).toHaveValue(expected['Last month'][1]!);
  await expect(presets.getByRole('link', { name: 'Last month' })).toHaveAttribute('aria-current', 'page');

  // Custom dates and "same period last year" through the form.
  await page.getByLabel('From').fill('2026-03-01');
  await page.getByLabel('To').fill('2026-03-31');
  await page.getByLabel('Compare with').selectOption('previous_year');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/from=2026-03-01&to=2026-03-31/);
  await expect(page.getByRole('columnheader', { name: 'Same period last year' })).toBeVisible();
  expect(await screenRows(page)).toEqual([
    ['4200 · Subscription Revenue', '$0.00', '$200.00', '-$200.00'],
    ['Total revenue', '$0.00', '$200.00', '-$200.00'],
    ['5000 · Rent', '$0.00', '$750.00', '-$750.00'],
    ['Total expenses', '$0.00', '$750.00', '-$750.00'],
    ['Net income', '$0.00', '-$550.00', '$550.00'],
  ]);
});

test('a P&L line drills down to its entries, whose total is the line, on either basis', async () => {
  await page.goto(`${P_AND_L}?${MARCH}&basis=cash`);
  await page.getByRole('link', { name: '4100 · Consulting Revenue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('4100 · Consulting Revenue');
  await expect(page.getByTestId('report-basis')).toHaveText('Cash basis');
  const entries = page.getByRole('table', { name: 'Entries' });
  await expect(entries.locator('tbody tr')).toHaveCount(1);
  await expect(entries.locator('tbody tr time[datetime="2025-03-10"]')).toBeVisible();
  await expect(entries.locator('tbody tr')).toContainText('Payment received');
  await expect(entries.locator('tbody tr')).toContainText('$400.00');
  await expect(page.getByTestId('drill-down-total')).toHaveText('$400.00');
  expect(await seriousViolations(page)).toEqual([]);
  // The entry links to its invoice.
  await expect(entries.locator('tbody tr').getByRole('link')).toHaveAttribute('href', `/invoices/${ids.invoice}`);

  await page.goto(`${P_AND_L}?${MARCH}&basis=accrual`);
  const line = minorFromMoneyText(
    await page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '5000 · Rent' }) }).getByRole('cell').first().innerText(),
  );
  await page.getByRole('link', { name: '5000 · Rent' }).click();
  await expect(page.getByTestId('report-basis')).toHaveText('Accrual basis');
  await expect(entries.locator('tbody tr')).toHaveCount(1);
  await expect(entries.locator('tbody tr')).toContainText('March rent');
  expect(minorFromMoneyText(await page.getByTestId('drill-down-total').innerText())).toBe(line);
  expect(line).toBe(750_00);
});

test('the CSV export holds exactly the rows the screen shows', async () => {
  for (const query of [`${MARCH}&basis=accrual`, `${MARCH}&basis=cash`, `from=2025-01-01&to=2025-12-31&basis=cash&compare=none`]) {
    await page.goto(`${P_AND_L}?${query}`);
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const answer = await context.request.get(href!);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const text = await answer.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...records] = text.trimEnd().split('\r\n').map((line) => line.split(','));
    const screen = await screenRows(page);
    expect(header!.length).toBe(screen[0]!.length + 1);
    // Each record: section, label, then the amounts as plain decimals (no thousands separators in these figures).
    expect(records.map((r) => [r[1], ...r.slice(2).map((d) => minorFromMoneyText(d))])).toEqual(screen.map((r) => [r[0], ...r.slice(1).map(minorFromMoneyText)]));
  }
});

test('the print layout leaves out the navigation and every control, and keeps the whole report', async () => {
  await page.goto(`${P_AND_L}?${MARCH}&basis=accrual`);
  const table = page.getByRole('table', { name: 'Profit and loss' });
  await expect(page.getByRole('banner')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  for (const control of [
    page.getByRole('navigation', { name: 'Presets' }),
    page.getByRole('navigation', { name: 'Basis' }),
    page.getByRole('link', { name: 'Export CSV' }),
    page.getByRole('button', { name: 'Print' }),
    page.getByRole('button', { name: 'Show' }),
  ]) {
    await expect(control).toBeHidden();
  }
  await expect(table).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Profit & Loss' })).toBeVisible();
  // Full width: the table spans the printable page, not the screen's 720 px column.
  const widths = await table.evaluate((t) => [t.getBoundingClientRect().width, document.querySelector('main')!.getBoundingClientRect().width]);
  expect(Math.round(widths[0]!)).toBe(Math.round(widths[1]!));
  // Each section after the first starts a new page.
  expect(await table.locator('tbody.report-section').evaluateAll((bodies) => bodies.map((b) => getComputedStyle(b).breakBefore))).toEqual(['auto', 'page']);
  await page.emulateMedia({ media: 'screen' });
});
