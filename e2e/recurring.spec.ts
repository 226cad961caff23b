import { expect, test } from '@playwright/test';

/** A calendar date n days from today in New York, computed here with Intl alone (not the app's date code). */
function newYorkDate(offsetDays: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

test('Settings → Recurring lists the demo rules with their cadence in words', async ({ page }) => {
  await page.goto('/settings/recurring');
  await expect(page.getByRole('heading', { name: 'Recurring rules' })).toBeVisible();
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(6);
  const cadences: Record<string, string> = {
    'Cloud usage': 'Daily',
    'Leap-day license': 'Yearly on Feb 29 (Feb 28 in common years)',
    Payroll: 'Monthly on the last Friday',
    'Quarterly support': 'Every 3 months on the 1st',
    'Studio rent': 'Monthly on the 31st, or the last day of shorter months',
    'Weekly retainer': 'Weekly on Monday',
  };
  for (const [name, cadence] of Object.entries(cadences)) {
    const row = rows.filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(row.getByRole('cell', { name: cadence, exact: true })).toBeVisible();
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
  }
});

test('a run through the job-key endpoint posts the daily rule on its own dates and records the pauseUntil skips', async ({ page, request, playwright, baseURL }) => {
  // `request` carries the demo owner's session, which may run its own company now: ask without any credential.
  const stranger = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const anonymous = await stranger.post('/api/recurring/run', { data: {} });
  expect(anonymous.status()).toBe(401);
  await stranger.dispose();

  const headers = { authorization: `Bearer ${process.env.E2E_JOB_KEY}` };
  const dry = await request.post('/api/recurring/run', { headers, data: { dryRun: true } });
  expect(dry.status()).toBe(200);
  const preview = await dry.json();
  const run = await request.post('/api/recurring/run', { headers, data: {} });
  expect(run.status()).toBe(200);
  const summary = await run.json();
  expect(summary).toMatchObject({ dryRun: false, failures: 0, duplicates: 0, posted: preview.posted, skipped: preview.skipped });
  const again = await (await request.post('/api/recurring/run', { headers, data: {} })).json();
  expect(again).toMatchObject({ posted: 0, skipped: 0, duplicates: 0, failures: 0 });

  // The demo's daily rule started 10 days ago with pauseUntil 7 days ago.
  await page.goto('/settings/recurring');
  await page.getByRole('link', { name: 'Cloud usage', exact: true }).click();
  const history = page.getByTestId('history').locator('tbody tr');
  const expected = [
    ...[0, -1, -2, -3, -4, -5, -6].map((d) => `${newYorkDate(d)} Posted`),
    ...[-7, -8, -9, -10].map((d) => `${newYorkDate(d)} Skipped: before the pause-until date`),
  ];
  await expect(history).toHaveCount(expected.length);
  for (const [i, text] of expected.entries()) {
    const [date, ...outcome] = text.split(' ');
    await expect(history.nth(i).locator('td').nth(0).locator('time')).toHaveAttribute('datetime', date!);
    await expect(history.nth(i).locator('td').nth(1)).toHaveText(outcome.join(' '));
  }
  await expect(page.getByTestId('preview').locator('tbody tr').first().locator('td').first().locator('time')).toHaveAttribute('datetime', newYorkDate(1));
  await expect(page.getByTestId('preview').locator('tbody tr').first()).toContainText('Dr 5200 Software $12.40');
  await expect(page.getByTestId('preview').locator('tbody tr').first()).toContainText('Cr 2000 Accounts Payable $12.40');
});
