import { expect, test, type Page } from '@playwright/test';
import { DEMO_EMAIL, E2E_DEMO_PASSWORD } from './demo';
import { startOwnServer, type OwnServer } from './own-server';
import { minorFromMoneyText } from './pages/money';
import { markPage, simulateFromMenu, stillUnreloaded } from './pages/rule-menu';
import { SignInPage } from './pages/sign-in-page';

// The developer tools need a server that has them on. This spec starts its own `next start` of the build under
// test with AILEGR_DEV_TOOLS=true, over a fresh demo database, with no sweep of its own so that only the tools
// post. settings-recurring-dev-mode.spec.ts checks the same tools under `next dev`, which turns them on by itself.

let server: OwnServer;
let baseURL: string;

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  server = await startOwnServer('start', { AILEGR_DEV_TOOLS: 'true' }, 120_000);
  baseURL = server.baseURL;
});

test.afterAll(async () => {
  await server?.stop();
});

/** A calendar date n days from today in New York, computed here with Intl alone (not the app's date code). */
function newYorkDate(offsetDays: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

async function signIn(page: Page) {
  const signInPage = new SignInPage(page);
  await page.goto(`${baseURL}/sign-in`);
  await signInPage.signIn(DEMO_EMAIL, E2E_DEMO_PASSWORD);
}

async function totalRevenueMinor(page: Page): Promise<number> {
  await page.goto(`${baseURL}/reports/profit-and-loss`);
  const table = page.getByRole('table', { name: 'Profit and loss' });
  const cell = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Total revenue', exact: true }) }).getByRole('cell').first();
  return minorFromMoneyText(await cell.innerText());
}

/** A 'YYYY-MM-DD' date as the demo company (en-US) shows it: MM/DD/YYYY. */
function shown(date: string): string {
  const [y, m, d] = date.split('-');
  return `${m}/${d}/${y}`;
}

test('Simulate shows what is due and writes nothing; Force posts the next occurrence, seen in Invoices and the P&L, without reloading the list', async ({ page }) => {
  await signIn(page);
  const revenueBefore = await totalRevenueMinor(page);
  const name = 'Weekly retainer';

  await page.goto(`${baseURL}/settings/recurring`);
  await expect(page.getByTestId('dev-tools')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Sweep runs' })).toHaveCount(0);
  const ruleLink = page.getByRole('link', { name, exact: true });
  const ruleId = (await ruleLink.getAttribute('href'))!.split('/').at(-1)!;
  const row = page.locator('tbody tr').filter({ has: ruleLink });
  const nextBefore = (await row.locator('td').nth(3).locator('time').getAttribute('datetime'))!;
  await markPage(page);

  const { wouldPost } = await simulateFromMenu(page, name);
  // Every Monday since the demo rule started 42 days ago is due, the first on its next date.
  const mondays = Array.from({ length: 43 }, (_, i) => newYorkDate(i - 42)).filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1);
  await expect(wouldPost).toHaveCount(mondays.length);
  expect(nextBefore).toBe(mondays[0]);
  await expect(wouldPost.first().locator('td').nth(1)).toHaveText(shown(nextBefore));
  await expect(wouldPost.first().locator('td').nth(3)).toHaveText(`REC-${ruleId}-${nextBefore}`);
  await page.keyboard.press('Escape');
  // Nothing written: the same next date, no run in the log, nothing in the rule's log.
  await expect(row.locator('td').nth(3).locator('time')).toHaveAttribute('datetime', nextBefore);

  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Force', exact: true }).click();
  const reference = `REC-${ruleId}-${nextBefore}`;
  await expect(page.getByText(`${name}: Posted ${reference} dated ${shown(nextBefore)}`)).toBeVisible();
  await expect(row.locator('td').nth(3).locator('time')).not.toHaveAttribute('datetime', nextBefore);
  expect(await stillUnreloaded(page)).toBe(true);

  await page.goto(`${baseURL}/invoices`);
  await expect(page.getByText(reference).first()).toBeVisible();
  expect(await totalRevenueMinor(page)).toBe(revenueBefore + 150_000);

  // Run due now posts the rest and logs its run; the sweep's run log shows it.
  await page.goto(`${baseURL}/settings/recurring`);
  await page.getByRole('button', { name: 'Run due now' }).click();
  await expect(page.getByTestId('dev-tools').getByTestId('run-summary')).toContainText(/^Posted \d+/);
  const runs = page.getByRole('table', { name: 'Sweep runs' }).locator('tbody tr');
  await expect(runs.first()).toContainText('manual');
});

test('Raw JSON shows the rule as stored', async ({ page }) => {
  await signIn(page);
  await page.goto(`${baseURL}/settings/recurring`);
  await page.getByRole('button', { name: 'Actions for Payroll' }).click();
  await page.getByRole('menuitem', { name: 'Raw JSON', exact: true }).click();
  const raw = page.getByTestId('raw-json');
  await expect(raw).toContainText('"name": "Payroll"');
  const stored = JSON.parse((await raw.textContent())!) as { amountMinor: number; nthWeekday: number; nthWeek: number };
  expect([stored.amountMinor, stored.nthWeek, stored.nthWeekday]).toEqual([840_000, 5, 5]);
});
