import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, E2E_DEMO_PASSWORD } from './demo';
import { apiCall, createOwnInvoiceRule } from './own-rule';
import { startOwnServer, type OwnServer } from './own-server';
import { minorFromMoneyText } from './pages/money';
import { amountOf } from './pages/reports';
import { markPage, simulateFromMenu, stillUnreloaded } from './pages/rule-menu';

// The developer tools in dev mode: a `next dev` server of this spec's own (its own port and data folder), which
// turns the tools on by itself (no AILEGR_DEV_TOOLS). The customer and the rule are this spec's own, so every
// value it checks is its own: the rule's dates, its references, and the P&L's change by its amount. A dev server
// compiles each page on first use, which on a busy machine takes minutes: this spec is kept to one test.

const RUN = Date.now().toString(36);
const AMOUNT = '123.45';
const AMOUNT_MINOR = 12_345;

let server: OwnServer;

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(360_000);
  server = await startOwnServer('dev', {}, 300_000);
});

test.afterAll(async () => {
  await server?.stop();
});

/** The calendar date n days from today in `zone`, computed here with Intl alone (not the app's date code). */
function dateInZone(zone: string, offsetDays: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

/** A 'YYYY-MM-DD' date as the demo company (en-US) shows it: MM/DD/YYYY. */
function shown(date: string): string {
  const [y, m, d] = date.split('-');
  return `${m}/${d}/${y}`;
}

test('next dev: Simulate shows the due dates and writes nothing; Force posts the next one, seen under Invoices and in the P&L, with no reload of the list', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const base = server.baseURL;
  // Signed in through the API: the browser context keeps the session cookie.
  const signedIn = await page.request.post(`${base}/api/auth/sign-in/email`, {
    data: { email: DEMO_EMAIL, password: E2E_DEMO_PASSWORD },
    headers: { origin: base },
  });
  expect(signedIn.status()).toBe(200);

  // A customer and a daily rule of our own, started two days ago (in this year, for the P&L's year to date).
  const { company } = await apiCall<{ company: { timeZone: string | null } }>(page.request, base, 'GET', '/api/company');
  const zone = company.timeZone ?? 'UTC';
  const today = dateInZone(zone, 0);
  const start = [dateInZone(zone, -2), dateInZone(zone, -1), today].find((d) => d.slice(0, 4) === today.slice(0, 4))!;
  const due = [dateInZone(zone, -2), dateInZone(zone, -1), today].filter((d) => d >= start);
  const name = `Dev mode rule ${RUN}`;
  const rule = await createOwnInvoiceRule(page.request, base, { name, cadence: 'daily', startDate: start, amount: AMOUNT, options: { catchUp: 'all', dueDays: 30 } });
  const references = due.map((d) => `REC-${rule.id}-${d}`);

  const profitAndLoss = page.getByRole('table', { name: 'Profit and loss' });
  const revenue = async () => {
    await page.goto(`${base}/reports/profit-and-loss`);
    return minorFromMoneyText(await amountOf(profitAndLoss, 'Total revenue').innerText());
  };
  const revenueBefore = await revenue();

  await page.goto(`${base}/settings/recurring?q=${encodeURIComponent(name)}`);
  // The tools are on under next dev without AILEGR_DEV_TOOLS.
  await expect(page.getByTestId('dev-tools')).toBeVisible();
  const row = page.locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });
  const nextDate = row.locator('td').nth(3).locator('time');
  await expect(nextDate).toHaveAttribute('datetime', due[0]!);
  await markPage(page);

  const { dialog: simulation, wouldPost } = await simulateFromMenu(page, name);
  await expect(wouldPost).toHaveCount(due.length);
  for (const [i, date] of due.entries()) {
    await expect(wouldPost.nth(i).locator('td')).toHaveText([`#${rule.id}`, shown(date), `Would post, due ${shown(dateInZone(zone, 30 - (due.length - 1 - i)))}`, references[i]!]);
  }
  await page.keyboard.press('Escape');
  await expect(simulation).toBeHidden();
  // Nothing written: the same next date, and no sweep run logged.
  await expect(nextDate).toHaveAttribute('datetime', due[0]!);
  await expect(page.getByRole('table', { name: 'Sweep runs' })).toHaveCount(0);

  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Force', exact: true }).click();
  await expect(page.getByText(`${name}: Posted ${references[0]} dated ${shown(due[0]!)}`)).toBeVisible();
  // The list shows it without a reload: the next date moved on.
  await expect(nextDate).toHaveAttribute('datetime', due[1] ?? dateInZone(zone, 1));
  expect(await stillUnreloaded(page)).toBe(true);

  await page.goto(`${base}/invoices`);
  await expect(page.getByText(references[0]!, { exact: true }).first()).toBeVisible();
  // Only the forced date was posted: the simulation wrote none of the others.
  for (const reference of references.slice(1)) await expect(page.getByText(reference, { exact: true })).toHaveCount(0);
  expect(await revenue()).toBe(revenueBefore + AMOUNT_MINOR);
});
