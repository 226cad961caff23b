import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { RuleEditorPage } from './pages/rule-editor';
import { DESKTOP, PHONE } from './pages/shell';

// The rule editor against the production build: what its live preview shows is the engine's answer, so the dates are
// pinned exactly. Runs after recurring.spec.ts (which counts the demo's six rules); the rules made here are new ones.

const SHOTS = '/tmp/s2b-shots';

/** A calendar date n days from today in New York (the demo company's zone), with Intl alone. */
function newYorkDate(offsetDays: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

let unique = 0;
const ruleName = (what: string) => `${what} ${Date.now().toString(36)}-${++unique}`;

/** Saves the form and returns the new rule's id from the rule page it opens. */
async function saveAndOpen(editor: RuleEditorPage): Promise<string> {
  await editor.save.click();
  await editor.page.waitForURL(/\/settings\/recurring\/\d+$/);
  return editor.page.url().split('/').pop()!;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`.trim()));
}

test('Monthly on the 31st from 2027-01-31: the preview shows the clamped dates, exact Net 30 due dates, notes, lines and the total', async ({ page }) => {
  const editor = new RuleEditorPage(page);
  await editor.gotoNew();
  // The first page after the server starts can take a while to hydrate on a loaded machine.
  await expect(editor.preview).toContainText('The next dates show here once the form has:', { timeout: 20_000 });
  await editor.fillBasics(ruleName('Rent 31st'), '100.00');
  await editor.field('Day of month').fill('31');
  await editor.fillDate('Start date', '2027-01-31');
  await editor.field('Due terms').selectOption('Net 30');
  await editor.expectFirstDate('2027-01-31');

  await expect(editor.preview.getByTestId('preview-cadence')).toHaveText('Monthly on the 31st, or the last day of shorter months');
  expect(await editor.previewDates()).toEqual([
    '2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31', '2027-06-30',
    '2027-07-31', '2027-08-31', '2027-09-30', '2027-10-31', '2027-11-30', '2027-12-31',
  ]);
  expect((await editor.previewDueDates()).slice(0, 4)).toEqual(['2027-03-02', '2027-03-30', '2027-04-30', '2027-05-30']);
  await expect(editor.occurrences.nth(0).locator('time[datetime="2027-01-31"]')).toBeVisible();
  await expect(editor.occurrences.nth(0)).toContainText('Sun');
  await expect(editor.occurrences.nth(1).getByTestId('occurrence-note')).toHaveText('31st → Feb 28');
  await expect(editor.occurrences.nth(3).getByTestId('occurrence-note')).toHaveText('31st → Apr 30');
  await expect(editor.occurrences.nth(0)).toContainText('Dr 1100 Accounts Receivable$100.00');
  await expect(editor.occurrences.nth(0)).toContainText('Cr 4100 Consulting Revenue$100.00');
  await expect(editor.preview.getByTestId('preview-total')).toHaveText('$1,200.00');

  await saveAndOpen(editor);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rent 31st');
});

test('Monthly on the last Friday: exact dates from 2027-01-01', async ({ page }) => {
  const editor = new RuleEditorPage(page);
  await editor.gotoNew();
  await editor.fillBasics(ruleName('Last Friday'), '40.00');
  await editor.form.getByLabel('A weekday of a given week').check();
  await editor.field('Nth week').selectOption('Last');
  await editor.field('Nth weekday').selectOption('Friday');
  await editor.fillDate('Start date', '2027-01-01');
  await editor.expectFirstDate('2027-01-29');
  await expect(editor.preview.getByTestId('preview-cadence')).toHaveText('Monthly on the last Friday');
  expect(await editor.previewDates()).toEqual([
    '2027-01-29', '2027-02-26', '2027-03-26', '2027-04-30', '2027-05-28', '2027-06-25',
    '2027-07-30', '2027-08-27', '2027-09-24', '2027-10-29', '2027-11-26', '2027-12-31',
  ]);
  await expect(editor.occurrences.first().locator('time[datetime="2027-01-29"]')).toBeVisible();
  await expect(editor.occurrences.first()).toContainText('Fri');
  await saveAndOpen(editor);
});

test('one rule of each other cadence through the form: daily, weekly, end of month, yearly', async ({ page }) => {
  test.setTimeout(180_000); // four rules, each previewed and saved
  const editor = new RuleEditorPage(page);
  const cases: { what: string; setUp: () => Promise<void>; start: string; cadence: string; first: string[] }[] = [
    {
      what: 'Every 2 days',
      setUp: async () => {
        await editor.field('Repeats').selectOption('daily');
        await editor.field('Every how many days').fill('2');
      },
      start: '2027-01-10',
      cadence: 'Every 2 days',
      first: ['2027-01-10', '2027-01-12', '2027-01-14'],
    },
    {
      what: 'Fortnightly',
      setUp: async () => {
        await editor.field('Repeats').selectOption('weekly');
        await editor.field('Every how many weeks').fill('2');
        await editor.field('On').selectOption('Monday');
      },
      start: '2027-01-11',
      cadence: 'Every 2 weeks on Monday',
      first: ['2027-01-11', '2027-01-25', '2027-02-08'],
    },
    {
      what: 'Month end',
      setUp: async () => {
        await editor.form.getByLabel('The end of the month').check();
      },
      start: '2027-01-10',
      cadence: 'Monthly on the last day',
      first: ['2027-01-31', '2027-02-28', '2027-03-31'],
    },
    {
      what: 'Leap license',
      setUp: async () => {
        await editor.field('Repeats').selectOption('annual');
      },
      start: '2028-02-29',
      cadence: 'Yearly on Feb 29 (Feb 28 in common years)',
      first: ['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29'],
    },
  ];
  for (const c of cases) {
    await editor.gotoNew();
    await editor.fillBasics(ruleName(c.what), '10.00');
    await c.setUp();
    await editor.fillDate('Start date', c.start);
    await editor.expectFirstDate(c.first[0]!);
    await expect(editor.preview.getByTestId('preview-cadence')).toHaveText(c.cadence);
    expect((await editor.previewDates()).slice(0, c.first.length), c.what).toEqual(c.first);
    await saveAndOpen(editor);
  }
});

test('validation errors appear at their fields, from the shared schema as you type and from the server', async ({ page }) => {
  const editor = new RuleEditorPage(page);
  await editor.gotoNew();
  // As you type: the same zod schema as the action.
  await editor.field('Name').fill('x');
  await editor.field('Name').fill('');
  await expect(editor.field('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.field('Name')).toHaveAccessibleDescription(/Enter a name/);
  await editor.field('Day of month').fill('32');
  await expect(editor.field('Day of month')).toHaveAccessibleDescription('Day of month must be between 1 and 31');
  await expect(editor.preview).toContainText('a day of month');
  await editor.field('Day of month').fill('15');
  await expect(editor.field('Day of month')).not.toHaveAttribute('aria-invalid');

  // Saving an incomplete form marks every missing field and changes nothing.
  await editor.save.click();
  await expect(editor.field('Customer')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.field('Amount (USD)')).toHaveAccessibleDescription(/Enter an amount/);
  await expect(page).toHaveURL(/\/new$/);

  // From the server: only it knows the currency's decimals (the preview asks first, the save says it again).
  await editor.fillBasics(ruleName('Bad amount'), '10.005');
  await expect(editor.field('Amount (USD)')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.field('Amount (USD)')).toHaveAccessibleDescription(/^Use at most 2 decimal places/);
  await editor.save.click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(editor.field('Amount (USD)')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.field('Amount (USD)')).toHaveValue('10.005');
  await expect(page).toHaveURL(/\/new$/);
});

test('keyboard only: a rule is created with Tab, typing and Enter', async ({ page }) => {
  const editor = new RuleEditorPage(page);
  await editor.gotoNew();
  const name = ruleName('Keyboard');
  /** Presses Tab until `target` has focus (no clicks, no programmatic focus). */
  const tabTo = async (target: Locator) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`Tab never reached ${target}`);
  };
  await tabTo(editor.field('Name'));
  await page.keyboard.type(name);
  await tabTo(editor.field('Customer'));
  await page.keyboard.type('Globex');
  await tabTo(editor.field('Category'));
  await page.keyboard.type('4200');
  await tabTo(editor.field('Amount (USD)'));
  await page.keyboard.type('75.00');
  await tabTo(editor.field('Day of month'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('15');
  await tabTo(editor.form.getByRole('group', { name: 'Start date', exact: true }).getByRole('spinbutton').first());
  await page.keyboard.type('02152027');
  await editor.expectFirstDate('2027-02-15');
  await expect(editor.field('Customer')).toHaveValue(/\d+/);
  await expect(editor.form.getByLabel('Category')).not.toHaveValue('');
  // Back to a text field with Shift+Tab; Enter there submits the form.
  for (let i = 0; i < 80 && !(await editor.field('Amount (USD)').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/settings\/recurring\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
});

test('editing the amount and the schedule shows the dates before and after, then saves both', async ({ page }) => {
  const editor = new RuleEditorPage(page);
  await editor.gotoNew();
  const name = ruleName('Edit me');
  await editor.fillBasics(name, '100.00');
  await editor.field('Day of month').fill('31');
  await editor.fillDate('Start date', '2027-01-31');
  await editor.expectFirstDate('2027-01-31');
  const id = await saveAndOpen(editor);

  await editor.gotoEdit(id);
  await expect(editor.field('Amount (USD)')).toHaveValue('100.00');
  await editor.expectFirstDate('2027-01-31');
  await expect(editor.beforeAfter).toHaveCount(0);
  await editor.field('Amount (USD)').fill('120.00');
  await editor.field('Day of month').fill('15');
  await editor.expectFirstDate('2027-02-15');
  await expect(editor.beforeAfter).toBeVisible();
  const rows = editor.beforeAfter.locator('tbody tr');
  await expect(rows.nth(0).locator('td').nth(0).locator('time')).toHaveAttribute('datetime', '2027-01-31');
  await expect(rows.nth(0).locator('td').nth(1).locator('time')).toHaveAttribute('datetime', '2027-02-15');
  await expect(rows.nth(1).locator('td').nth(0).locator('time')).toHaveAttribute('datetime', '2027-02-28');
  await expect(rows.nth(1).locator('td').nth(1).locator('time')).toHaveAttribute('datetime', '2027-03-15');
  await expect(editor.beforeAfter).toContainText('Before Monthly on the 31st, or the last day of shorter months');
  await expect(editor.beforeAfter).toContainText('After Monthly on the 15th');
  await expect(editor.preview.getByTestId('preview-total')).toHaveText('$1,440.00');
  // Nothing is due yet, so nothing is passed over.
  await expect(editor.preview.getByTestId('passed-over')).toHaveCount(0);
  await fs.promises.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/before-after-light-1366.png`, fullPage: true });

  await editor.save.click();
  await page.waitForURL(new RegExp(`/settings/recurring/${id}$`));
  await expect(page.getByText('$120.00').first()).toBeVisible();
  await expect(page.getByText('Monthly on the 15th').first()).toBeVisible();
});

test('an edit that passes over due dates says which, and can post them instead', async ({ page }) => {
  const editor = new RuleEditorPage(page);
  await editor.gotoNew();
  await editor.fillBasics(ruleName('Overdue daily'), '5.00');
  await editor.field('Repeats').selectOption('daily');
  await editor.fillDate('Start date', newYorkDate(-3));
  await editor.expectFirstDate(newYorkDate(-3));
  const id = await saveAndOpen(editor);

  await editor.gotoEdit(id);
  await editor.field('Every how many days').fill('2');
  const passedOver = editor.preview.getByTestId('passed-over');
  await expect(passedOver).toBeVisible();
  expect(await passedOver.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')))).toEqual([newYorkDate(-3), newYorkDate(-1)]);
  await expect(passedOver).toContainText('recorded as “edited”');
  await passedOver.getByLabel(/Post them instead/).check();
  await expect(editor.preview).toHaveAttribute('aria-busy', 'false');
  await editor.save.click();
  await page.waitForURL(new RegExp(`/settings/recurring/${id}$`));
});

test('a stale save says someone else saved, keeps what was typed, and saves after a reload', async ({ page, context }) => {
  test.setTimeout(120_000); // two editors, two saves and a reload: about 50 s on a loaded machine, against a 60 s default
  const editor = new RuleEditorPage(page);
  await editor.gotoNew();
  const name = ruleName('Contested');
  await editor.fillBasics(name, '100.00');
  // The day of the month starts as today's (in the company's zone): set, so the dates hold on any day.
  await editor.field('Day of month').fill('1');
  await editor.fillDate('Start date', '2027-03-01');
  await editor.expectFirstDate('2027-03-01');
  const id = await saveAndOpen(editor);

  await editor.gotoEdit(id);
  await editor.expectFirstDate('2027-03-01');

  // Someone else saves meanwhile, in another tab.
  const other = new RuleEditorPage(await context.newPage());
  await other.gotoEdit(id);
  await other.field('Amount (USD)').fill('111.00');
  await expect(other.preview).toHaveAttribute('aria-busy', 'false');
  await other.save.click();
  await other.page.waitForURL(new RegExp(`/settings/recurring/${id}$`));
  await other.page.close();

  await editor.field('Memo').fill('My careful note');
  await editor.field('Amount (USD)').fill('222.00');
  await editor.save.click();
  const alert = page.getByTestId('form-error');
  await expect(alert).toContainText('Someone else saved this rule since you opened it');
  await expect(editor.field('Memo')).toHaveValue('My careful note');
  await expect(editor.field('Amount (USD)')).toHaveValue('222.00');

  // A reload of the page itself keeps the typing too (kept until saved).
  await page.reload();
  await expect(editor.field('Memo')).toHaveValue('My careful note');
  await expect(page.getByText('We kept what you typed before the page reloaded.')).toBeVisible();

  await alert.getByRole('button', { name: 'Reload the saved rule' }).click();
  await expect(alert).toHaveCount(0);
  await expect(editor.field('Memo')).toHaveValue('My careful note');
  await editor.save.click();
  await page.waitForURL(new RegExp(`/settings/recurring/${id}$`));
  await expect(page.getByText('$222.00').first()).toBeVisible();
});

test('changing the company zone shows how each rule’s next run moves, before saving', async ({ page }) => {
  await page.goto('/settings/recurring/new');
  const editor = new RuleEditorPage(page);
  const name = ruleName('Zone mover');
  await editor.fillBasics(name, '10.00');
  await editor.field('Day of month').fill('31');
  await editor.fillDate('Start date', '2027-01-31');
  await editor.expectFirstDate('2027-01-31');
  await saveAndOpen(editor);

  await page.goto('/settings/company');
  const form = page.getByRole('form', { name: 'Company profile' });
  const zone = form.locator('input').and(form.getByRole('combobox', { name: 'Time zone' }));
  await expect(zone).toHaveValue('America/New York');
  await expect(page.getByTestId('zone-moves')).toHaveCount(0);
  await zone.fill('Paris');
  await page.getByRole('option', { name: 'Europe/Paris', exact: true }).click();
  const moves = page.getByTestId('zone-moves');
  await expect(moves).toContainText('Times below are in Europe/Paris');
  const row = moves.locator('tr', { hasText: name });
  // New York's midnight of Jan 31 is 6 AM in Paris; after the change it is Paris's own midnight. Same date.
  await expect(row.locator('td').nth(1).locator('time[datetime="2027-01-31"]')).toBeVisible();
  // Instants read in the company's locale (the demo company's: en-US).
  await expect(row.locator('td').nth(2)).toHaveText('01/31/2027, 6:00 AM GMT+1');
  await expect(row.locator('td').nth(3)).toHaveText('01/31/2027, 12:00 AM GMT+1');
  await fs.promises.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/zone-moves-light-1366.png`, fullPage: true });

  // Nothing saved: going back to the saved zone hides the moves; a reload still shows New York.
  await page.reload();
  await expect(zone).toHaveValue('America/New York');
});

for (const theme of ['light', 'dark'] as const) {
  for (const [size, viewport] of [
    ['1366', DESKTOP],
    ['390', PHONE],
  ] as const) {
    test.describe(`the editor in ${theme} at ${size} px`, () => {
      test.use({ viewport, colorScheme: theme });

      test('has no serious or critical axe violation with its preview, its hints and the zone moves', async ({ page }) => {
        test.setTimeout(120_000); // three pages, each scanned
        const editor = new RuleEditorPage(page);
        await editor.gotoNew();
        await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
        await editor.fillBasics('Screenshot rule', '1,250.00');
        await editor.field('Day of month').fill('31');
        await editor.fillDate('Start date', '2027-01-31');
        await editor.expectFirstDate('2027-01-31');
        await editor.form.locator('summary', { hasText: 'More options' }).click();
        expect(await seriousViolations(page)).toEqual([]);
        await fs.promises.mkdir(SHOTS, { recursive: true });
        await page.screenshot({ path: `${SHOTS}/editor-${theme}-${size}.png`, fullPage: true });
        // An InfoHint opened by keyboard is read and seen.
        await page.getByRole('button', { name: 'About Day of month' }).focus();
        await page.keyboard.press('Enter');
        await expect(page.getByText('In a month too short for it').last()).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');

        // The before/after of an edit (the demo's Studio rent, monthly on the 31st), not saved.
        await page.goto('/settings/recurring');
        await page.getByRole('link', { name: 'Studio rent', exact: true }).click();
        await page.waitForURL(/\/settings\/recurring\/\d+$/);
        await editor.gotoEdit(page.url().split('/').pop()!);
        await editor.field('Day of month').fill('15');
        await expect(editor.beforeAfter).toBeVisible();
        await expect(editor.preview).toHaveAttribute('aria-busy', 'false');
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/before-after-${theme}-${size}.png`, fullPage: true });
        // Leave the demo rule as it was: the typed draft is discarded, not saved.
        await editor.field('Day of month').fill('31');

        await page.goto('/settings/company');
        const zone = page.locator('input').and(page.getByRole('combobox', { name: 'Time zone' }));
        await zone.fill('Tokyo');
        await page.getByRole('option', { name: 'Asia/Tokyo', exact: true }).click();
        await expect(page.getByTestId('zone-moves')).toContainText('Times below are in Asia/Tokyo');
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/zone-moves-${theme}-${size}.png`, fullPage: true });
      });
    });
  }
}
