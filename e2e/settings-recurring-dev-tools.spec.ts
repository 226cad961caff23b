import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/tests/support/postgres-server';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_EMAIL, E2E_DEMO_PASSWORD } from './demo';
import { minorFromMoneyText } from './pages/money';
import { SignInPage } from './pages/sign-in-page';

// The developer tools need a server that has them on. This spec starts its own `next start` of the build under
// test with AILEGR_DEV_TOOLS=true (not `next dev`: a dev server compiles each page on first use, which on this
// shared machine takes minutes, and the tools' switch is the same one `next dev` turns on), over a fresh demo
// database, with no sweep of its own so that only the tools post.

let server: ChildProcess;
let baseURL: string;
let dataDir: string;
let output = '';

test.use({ storageState: { cookies: [], origins: [] } });

async function waitForHealth(url: string, timeoutMs: number) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode}) before it answered:\n${output.slice(-3000)}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

test.beforeAll(async () => {
  test.setTimeout(150_000);
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-dev-tools-'));
  server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: '',
      AILEGR_DATA_DIR: dataDir,
      AILEGR_DEMO: 'true',
      AILEGR_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      AILEGR_DEV_TOOLS: 'true',
      AILEGR_RECURRING_CRON: 'false',
      AILEGR_RECURRING_RUN_AT_STARTUP: 'false',
      BETTER_AUTH_SECRET: 'dev-tools-test-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      BETTER_AUTH_URL: baseURL,
      AILEGR_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForHealth(`${baseURL}/api/health`, 120_000);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
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
  // A mark on the window: still there at the end means the page was never reloaded.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Simulate', exact: true }).click();
  const simulation = page.getByRole('dialog', { name: `Simulate: ${name}` });
  await expect(simulation).toContainText('A dry run: nothing was written.');
  const wouldPost = simulation.getByRole('table', { name: 'What would be posted' }).locator('tbody tr');
  // Every Monday since the demo rule started 42 days ago is due, the first on its next date.
  const mondays = Array.from({ length: 43 }, (_, i) => newYorkDate(i - 42)).filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1);
  await expect(wouldPost).toHaveCount(mondays.length);
  expect(nextBefore).toBe(mondays[0]);
  await expect(wouldPost.first().locator('td').nth(1)).toHaveText(nextBefore);
  await expect(wouldPost.first().locator('td').nth(3)).toHaveText(`REC-${ruleId}-${nextBefore}`);
  await page.keyboard.press('Escape');
  // Nothing written: the same next date, no run in the log, nothing in the rule's log.
  await expect(row.locator('td').nth(3).locator('time')).toHaveAttribute('datetime', nextBefore);

  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Force', exact: true }).click();
  const reference = `REC-${ruleId}-${nextBefore}`;
  await expect(page.getByText(`${name}: Posted ${reference} dated ${nextBefore}`)).toBeVisible();
  await expect(row.locator('td').nth(3).locator('time')).not.toHaveAttribute('datetime', nextBefore);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

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
