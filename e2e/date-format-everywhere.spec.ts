import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { resolvePaths } from './pages/app-pages';
import { CompanySettingsPage } from './pages/settings-page';
import { SignInPage } from './pages/sign-in-page';
import { addViewer } from './pages/members-page';

// Issue 13: "One date format, chosen from the company's locale, used everywhere a date is shown." A person of this
// spec's own starts a company of their own (the demo company's locale stays en-US, other specs read its dates),
// switches it to de-DE (dd.MM.yyyy), gives it an invoice rule that has posted and a bill, and then reads every page:
// no visible text may hold an ISO date, except inside a posting reference (REC-{id}-{YYYY-MM-DD}, an identifier).

const RUN = Date.now().toString(36);
const ZONE = 'Europe/Berlin';
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const REFERENCE = /REC-\d+-\d{4}-\d{2}-\d{2}/g;

/** Today in a zone, 'YYYY-MM-DD', some days back. */
function dayIn(timeZone: string, daysBack = 0): string {
  const at = new Date(Date.now() - daysBack * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function germanDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}

async function created(answer: Awaited<ReturnType<APIRequestContext['post']>>): Promise<{ id: number }> {
  expect(answer.status(), await answer.text()).toBe(201);
  return (await answer.json()) as { id: number };
}

/**
 * The ISO dates the page shows as text: every visible text node, posting references taken out. A form control's
 * own values are not text here: inputs keep ISO dates, and the Date format list names each format by its sample
 * (sv-SE's is ISO).
 */
async function isoDatesShown(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('select, textarea, script, style, template') || !parent.checkVisibility()) continue;
      found.push(node.textContent ?? '');
    }
    return found;
  });
  return [...new Set(texts.join('\n').replace(REFERENCE, '').match(ISO_DATE) ?? [])];
}

test('every date on every page of a de-DE company reads dd.MM.yyyy, never as an ISO date', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const demo = await browser.newPage();
  const email = `dates-${RUN}@example.test`;
  const password = await addViewer(demo, email, 'E2E Dates');
  await demo.close();

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await new SignInPage(page).goto();
  await new SignInPage(page).signIn(email, password);
  const name = `Datum Books ${RUN}`;
  const api = context.request;
  const headers = { origin: new URL(baseURL!).origin };
  await created(await api.post('/api/companies', { data: { name, baseCurrency: 'EUR', timeZone: ZONE }, headers }));
  await page.goto('/');
  await page.getByLabel('Company', { exact: true }).selectOption({ label: name });
  await expect(page.getByTestId('current-role')).toHaveText('Owner');

  const settings = new CompanySettingsPage(page);
  await settings.goto();
  await settings.dateFormat.selectOption('de-DE');
  await settings.save();
  await expect(settings.form.getByRole('status')).toHaveText(`Saved ${name}`);

  // The books: a monthly invoice rule that started five days ago (the sweep posts its first invoice) and a bill.
  const customer = await created(await api.post('/api/parties', { data: { kind: 'customer', name: 'Kunde Adler' }, headers }));
  const vendor = await created(await api.post('/api/parties', { data: { kind: 'vendor', name: 'Lieferant Berg' }, headers }));
  const category = async (type: string) => ((await (await api.get(`/api/categories?type=${type}`)).json()).data as { id: number }[])[0]!.id;
  const start = dayIn(ZONE, 5);
  const rule = await created(
    await api.post('/api/recurring', {
      headers,
      data: { name: 'Wartung', type: 'invoice', cadence: 'monthly', startDate: start, payload: { partyId: customer.id, amount: '250.00', categoryId: await category('invoice') } },
    }),
  );
  expect((await (await api.post('/api/recurring/run', { headers, data: {} })).json()) as object).toMatchObject({ posted: 1 });
  const billDate = dayIn(ZONE, 3);
  const bill = await created(
    await api.post('/api/expenses', { headers, data: { partyId: vendor.id, categoryId: await category('expense'), issueDate: billDate, dueDate: billDate, amount: '80.00' } }),
  );
  await created(await api.post(`/api/expenses/${bill.id}/payments`, { headers, data: { amount: '30.00', date: billDate } }));

  const offenders: string[] = [];
  const check = async (where: string) => {
    const found = await isoDatesShown(page);
    if (found.length > 0) offenders.push(`${where}: ${found.join(', ')}`);
  };
  for (const appPage of await resolvePaths(api)) {
    if (appPage.signedOut || appPage.foreign) continue;
    await page.goto(appPage.url);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await check(appPage.name);
  }
  for (const url of [`/parties/${customer.id}`, `/parties/${vendor.id}`, `/expenses/${bill.id}`]) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await check(url);
  }

  // The rule's page: a known date in the German form, and the ⋯ menu's dialogs.
  await page.goto(`/settings/recurring/${rule.id}`);
  await expect.soft(page.locator(`time[datetime="${start}"]`).first()).toHaveText(germanDate(start));
  await check('the rule page');
  const menu = page.getByRole('button', { name: 'Actions for Wartung' }).first();
  await menu.click();
  await page.getByRole('menuitem', { name: 'Preview' }).click();
  const preview = page.getByRole('dialog');
  await expect(preview).toBeVisible();
  await expect.soft(preview.locator('time[datetime]').first()).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
  await check('the Preview dialog');
  await page.keyboard.press('Escape');
  await expect(preview).toHaveCount(0);
  await menu.click();
  await page.getByRole('menuitem', { name: 'Skip next' }).click();
  const toast = page.locator('[data-sonner-toast]').first();
  await expect(toast).toBeVisible();
  await check('the Skip next toast');
  await menu.click();
  await page.getByRole('menuitem', { name: 'Pause' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('the Pause dialog');
  await page.keyboard.press('Escape');

  // The editor with its live preview.
  await page.goto(`/settings/recurring/${rule.id}/edit`);
  const editorPreview = page.getByTestId('rule-preview');
  await expect(editorPreview.getByTestId('preview-occurrence').first()).toBeVisible({ timeout: 15_000 });
  await expect(editorPreview).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
  await expect.soft(editorPreview.getByTestId('due-date').first()).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
  await check('the rule editor');

  // The posted invoice: its issue date in the German form, its reference kept whole.
  const invoices = (await (await api.get('/api/invoices?limit=1')).json()).data as { id: number }[];
  await page.goto(`/invoices/${invoices[0]!.id}`);
  await expect.soft(page.getByText(germanDate(start)).first()).toBeVisible();
  await check('the posted invoice');

  // Every page and dialog is read before this fails, so the message lists all of them.
  expect(offenders).toEqual([]);
  await context.close();
});
