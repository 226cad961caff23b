import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createOwnInvoiceRule } from './own-rule';
import { DESKTOP, PHONE } from './pages/shell';
import { SignInPage } from './pages/sign-in-page';

// Settings → Recurring against the production build (dev tools off). It changes the demo's rules (pauses,
// skips, deletes one), so it runs after recurring.spec.ts, which reads them as seeded.

const RUN = Date.now().toString(36);
const SHOTS = '/tmp/s2a-shots';

/** A calendar date n days from today in New York, computed here with Intl alone (not the app's date code). */
function newYorkDate(offsetDays: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

/** A 'YYYY-MM-DD' date as the demo company (en-US) shows it: MM/DD/YYYY. */
function shown(date: string): string {
  const [y, m, d] = date.split('-');
  return `${m}/${d}/${y}`;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`.trim()));
}

const rowOf = (page: Page, name: string) => page.locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });
const menuOf = (page: Page, name: string) => page.getByRole('button', { name: `Actions for ${name}`, exact: true });

async function openMenu(page: Page, name: string) {
  await menuOf(page, name).click();
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  return menu;
}

/** Types a date into the kit's date picker (react-aria segments: month, day, year). */
async function typeDate(scope: Locator, date: string) {
  const [y, m, d] = date.split('-') as [string, string, string];
  await scope.locator('[role="spinbutton"][data-type="month"]').click();
  await scope.page().keyboard.type(`${m}${d}${y}`);
}

/** The rule's next date to post, as its row shows it. */
async function nextDateOf(page: Page, name: string): Promise<string> {
  return (await rowOf(page, name).locator('td').nth(3).locator('time').getAttribute('datetime'))!;
}

test('pause with a resume date, resume, and skip next: each shows in the badge, the rule page and its log', async ({ page }) => {
  await page.goto('/settings/recurring');
  const name = 'Quarterly support';
  const row = rowOf(page, name);
  await expect(row.getByTestId('rule-status')).toHaveText('Active');
  const resumeOn = newYorkDate(20);

  const menu = await openMenu(page, name);
  await expect(menu.getByRole('menuitem')).toHaveText(['Edit', 'Pause', 'Preview', 'Skip next', 'View log', 'Delete']);
  await menu.getByRole('menuitem', { name: 'Pause', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Pause ${name}` });
  await typeDate(dialog, resumeOn);
  await dialog.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${name}: Paused until ${shown(resumeOn)}`)).toBeVisible();
  await expect(row.getByTestId('rule-status')).toHaveText(`Paused until ${shown(resumeOn)}`);
  // Paused, it offers Resume instead of Pause.
  await expect((await openMenu(page, name)).getByRole('menuitem')).toHaveText(['Edit', 'Resume', 'Preview', 'Skip next', 'View log', 'Delete']);
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByTestId('rule-page-status').getByTestId('rule-status')).toHaveText(`Paused until ${shown(resumeOn)}`);
  await page.goBack();

  await (await openMenu(page, name)).getByRole('menuitem', { name: 'Resume', exact: true }).click();
  await expect(row.getByTestId('rule-status')).toHaveText('Active');
  const skipped = await nextDateOf(page, name);
  await (await openMenu(page, name)).getByRole('menuitem', { name: 'Skip next', exact: true }).click();
  await expect(page.getByText(new RegExp(`^${name}: Skipped ${shown(skipped)}; next on `))).toBeVisible();
  await expect.poll(() => nextDateOf(page, name)).not.toBe(skipped);

  await (await openMenu(page, name)).getByRole('menuitem', { name: 'View log', exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/recurring\/\d+#log$/);
  const first = page.getByTestId('history').locator('tbody tr').first();
  await expect(first.locator('td').nth(0)).toHaveText(shown(skipped));
  await expect(first.locator('td').nth(1)).toHaveText('Skipped by hand');
  await expect(page.getByTestId('rule-page-status').getByTestId('rule-status')).toHaveText('Active');
});

test('the rule page has the row\'s ⋯ menu: pause, resume, skip next and delete from there, each shown on the page', async ({ page, baseURL }) => {
  // A rule of this test's own: daily from a start well ahead, so its first date is that start (not the demo's dates).
  const start = newYorkDate(40);
  const name = `Rule page menu ${RUN}`;
  const { id } = await createOwnInvoiceRule(page.request, baseURL!, { name, cadence: 'daily', startDate: start, amount: '80.00' });
  await page.goto(`/settings/recurring/${id}`);
  const status = page.getByTestId('rule-page-status').getByTestId('rule-status');
  await expect(status).toHaveText('Active');

  const menu = await openMenu(page, name);
  await expect(menu.getByRole('menuitem')).toHaveText(['Edit', 'Pause', 'Preview', 'Skip next', 'View log', 'Delete']);
  await menu.getByRole('menuitem', { name: 'Pause', exact: true }).click();
  await page.getByRole('dialog', { name: `Pause ${name}` }).getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(status).toHaveText('Paused');
  await (await openMenu(page, name)).getByRole('menuitem', { name: 'Resume', exact: true }).click();
  await expect(status).toHaveText('Active');

  await (await openMenu(page, name)).getByRole('menuitem', { name: 'Skip next', exact: true }).click();
  await expect(page.getByText(new RegExp(`^${name}: Skipped ${shown(start)}; next on `))).toBeVisible();
  const first = page.getByTestId('history').locator('tbody tr').first();
  await expect(first.locator('td').nth(0)).toHaveText(shown(start));
  await expect(first.locator('td').nth(1)).toHaveText('Skipped by hand');

  await (await openMenu(page, name)).getByRole('menuitem', { name: 'Delete', exact: true }).click();
  await page.getByRole('alertdialog', { name: `Delete ${name}?` }).getByRole('button', { name: 'Delete rule' }).click();
  // A deleted rule's page has nothing to show: back to the list, without it.
  await expect(page).toHaveURL(/\/settings\/recurring$/);
  await expect(page.getByRole('heading', { name: 'Recurring rules', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
});

test('Delete asks first, says the documents stay, and they do', async ({ page, request }) => {
  // The weekly retainer's past Mondays are posted by a run (a second run posts nothing new).
  const run = await request.post('/api/recurring/run', { headers: { authorization: `Bearer ${process.env.E2E_JOB_KEY}` }, data: {} });
  expect(run.status()).toBe(200);
  const name = 'Weekly retainer';
  await page.goto('/settings/recurring');
  await page.getByRole('link', { name, exact: true }).click();
  const documentLink = page.getByTestId('history').getByRole('link').first();
  const reference = (await documentLink.textContent())!.match(/\((REC-\d+-\d{4}-\d{2}-\d{2})\)/)![1]!;
  const documentUrl = (await documentLink.getAttribute('href'))!;
  expect(documentUrl).toMatch(/^\/invoices\/\d+$/);

  await page.goto('/settings/recurring');
  await (await openMenu(page, name)).getByRole('menuitem', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete ${name}?` });
  await expect(confirm).toContainText('The invoices and bills it already posted stay in the books');
  await confirm.getByRole('button', { name: 'Delete rule' }).click();
  await expect(page.getByText(`${name}: Deleted; the documents it posted stay`)).toBeVisible();
  await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);

  await page.goto(documentUrl);
  await expect(page.getByText(reference, { exact: true }).first()).toBeVisible();
});

test('a production build draws no developer tool anywhere', async ({ page }) => {
  await page.goto('/settings/recurring');
  await expect(page.getByTestId('dev-tools')).toHaveCount(0);
  for (const name of ['Run due now', 'Simulate due']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  const menu = await openMenu(page, 'Payroll');
  for (const name of ['Run now', 'Force', 'Simulate', 'Raw JSON']) await expect(menu.getByRole('menuitem', { name })).toHaveCount(0);
});

test('the list refreshes after a change made elsewhere once its tab is visible again', async ({ page, context }) => {
  await page.goto('/settings/recurring');
  const name = 'Studio rent';
  await expect(rowOf(page, name).getByTestId('rule-status')).toHaveText('Active');
  // The tab goes to the background (the browser's own visibilitychange bubbles from document to window)...
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  // ...while the rule is paused from another tab.
  const other = await context.newPage();
  await other.goto('/settings/recurring');
  await (await openMenu(other, name)).getByRole('menuitem', { name: 'Pause', exact: true }).click();
  await other.getByRole('dialog').getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(rowOf(other, name).getByTestId('rule-status')).toHaveText('Paused');
  await other.close();
  // Hidden, the list did not ask again.
  await expect(rowOf(page, name).getByTestId('rule-status')).toHaveText('Active');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  await expect(rowOf(page, name).getByTestId('rule-status')).toHaveText('Paused');
  // Put back for the specs that follow.
  await (await openMenu(page, name)).getByRole('menuitem', { name: 'Resume', exact: true }).click();
  await expect(rowOf(page, name).getByTestId('rule-status')).toHaveText('Active');
});

test('keyboard only: open a row menu, preview the rule, and close it again', async ({ page }) => {
  await page.goto('/settings/recurring');
  const trigger = menuOf(page, 'Payroll');
  await trigger.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
  // Edit, Pause, Preview.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Preview' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Next occurrences of Payroll' });
  await expect(dialog).toBeVisible();
  // The last Friday of each month, in <time dateTime> elements with their weekday.
  const rows = dialog.getByTestId('preview').locator('tbody tr');
  await expect(rows).toHaveCount(12);
  for (let i = 0; i < 3; i++) {
    await expect(rows.nth(i).locator('td').first()).toContainText('Friday');
    const date = (await rows.nth(i).locator('time').first().getAttribute('datetime'))!;
    const d = new Date(`${date}T12:00:00Z`);
    expect(d.getUTCDay()).toBe(5);
    expect(new Date(d.getTime() + 7 * 86_400_000).getUTCMonth()).not.toBe(d.getUTCMonth());
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
});

test('a viewer sees the list, the preview and the log, and no write control', async ({ page, browser }) => {
  await page.goto('/settings/members');
  const form = page.getByRole('form', { name: 'Add a member' });
  const email = `recurring-viewer-${RUN}@example.test`;
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill('Recurring Viewer');
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Add member' }).click();
  const password = (await page.getByTestId('temporary-password').textContent())!;

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewer = await context.newPage();
  const signIn = new SignInPage(viewer);
  await signIn.goto();
  await signIn.signIn(email, password);
  await viewer.goto('/settings/recurring');
  await expect(viewer.getByRole('link', { name: 'Payroll', exact: true })).toBeVisible();
  await expect(viewer.getByRole('link', { name: 'New rule' })).toHaveCount(0);
  const menu = await openMenu(viewer, 'Payroll');
  await expect(menu.getByRole('menuitem')).toHaveText(['Preview', 'View log']);
  await menu.getByRole('menuitem', { name: 'Preview' }).click();
  await expect(viewer.getByRole('dialog').getByTestId('preview').locator('tbody tr')).toHaveCount(12);
  await viewer.keyboard.press('Escape');
  await (await openMenu(viewer, 'Payroll')).getByRole('menuitem', { name: 'View log' }).click();
  await expect(viewer.getByRole('heading', { name: 'Log' })).toBeVisible();
  for (const name of ['Edit', 'Pause', 'Resume', 'Skip next', 'Delete', 'Save', 'New rule']) {
    await expect(viewer.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  await context.close();
});

for (const theme of ['light', 'dark'] as const) {
  for (const [size, viewport] of [
    ['1366', DESKTOP],
    ['390', PHONE],
  ] as const) {
    test.describe(`Settings → Recurring in ${theme} at ${size} px`, () => {
      test.use({ viewport, colorScheme: theme });

      test('has no serious or critical axe violation, no sideways scroll, and is photographed', async ({ page }) => {
        fs.mkdirSync(SHOTS, { recursive: true });
        const shot = (what: string) => page.screenshot({ path: `${SHOTS}/${what}-${theme}-${size}.png`, fullPage: true });
        const noSidewaysScroll = async () =>
          expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);

        await page.goto('/settings/recurring');
        await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
        await expect(page.getByRole('link', { name: 'Payroll', exact: true })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await noSidewaysScroll();
        await shot('list');

        await openMenu(page, 'Payroll');
        expect(await seriousViolations(page)).toEqual([]);
        await shot('menu');
        await page.getByRole('menuitem', { name: 'Pause', exact: true }).click();
        await expect(page.getByRole('dialog', { name: 'Pause Payroll' })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await shot('pause-dialog');
        await page.keyboard.press('Escape');

        await page.getByRole('link', { name: 'Cloud usage', exact: true }).click();
        await expect(page.getByRole('heading', { name: 'Log' })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await noSidewaysScroll();
        await shot('log');
      });
    });
  }
}
