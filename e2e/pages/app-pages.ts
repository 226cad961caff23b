import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/**
 * Every page of the app, for the specs that check them all (accessibility, dark mode, phones). One row per route in
 * app/**\/page.tsx: add a row with each new page. A path may name a record (`{invoice}`), looked up through the API
 * from whatever the demo company holds, so no spec depends on demo counts or amounts.
 */
interface AppPage {
  /** Read in failure messages. */
  name: string;
  path: string;
  /** Signed-out pages are opened without the saved session. */
  signedOut?: true;
  /** Shown by a library we do not style (the API reference): the dark/light and scroll checks skip it. */
  foreign?: true;
}

const APP_PAGES: readonly AppPage[] = [
  { name: 'Overview', path: '/' },
  { name: 'Invoices', path: '/invoices' },
  { name: 'An invoice', path: '/invoices/{invoice}' },
  { name: 'Expenses', path: '/expenses' },
  { name: 'An expense', path: '/expenses/{bill}' },
  { name: 'Customers & vendors', path: '/parties' },
  { name: 'Profit & Loss', path: '/reports/profit-and-loss' },
  { name: 'Balance Sheet', path: '/reports/balance-sheet' },
  { name: 'Settings → Company', path: '/settings/company' },
  { name: 'Settings → Members', path: '/settings/members' },
  { name: 'Settings → API keys', path: '/settings/api-keys' },
  { name: 'Settings → Recurring', path: '/settings/recurring' },
  { name: 'A recurring rule', path: '/settings/recurring/{rule}' },
  { name: 'The rule editor (new)', path: '/settings/recurring/new' },
  { name: 'The rule editor (edit)', path: '/settings/recurring/{rule}/edit' },
  { name: 'Account', path: '/account' },
  { name: 'Sign in', path: '/sign-in', signedOut: true },
  { name: 'API reference', path: '/api/docs', foreign: true },
];

type Placeholder = 'invoice' | 'bill' | 'rule';

const LISTS: Record<Placeholder, string> = { invoice: '/api/invoices?limit=1', bill: '/api/expenses?limit=1', rule: '/api/recurring?limit=1' };

/** The ids the paths name, from the first record of each list (the signed-in `request` of a spec). */
export async function resolvePaths(request: APIRequestContext): Promise<(AppPage & { url: string })[]> {
  const ids = new Map<Placeholder, string>();
  for (const [placeholder, list] of Object.entries(LISTS) as [Placeholder, string][]) {
    const answer = await request.get(list);
    if (!answer.ok()) throw new Error(`${list} answered ${answer.status()}`);
    const body = (await answer.json()) as { data: { id: number | string }[] };
    const first = body.data[0];
    if (!first) throw new Error(`${list} is empty: the demo company must hold one`);
    ids.set(placeholder, String(first.id));
  }
  return APP_PAGES.map((p) => ({ ...p, url: p.path.replace(/\{(\w+)\}/g, (_, key: Placeholder) => ids.get(key) ?? key) }));
}

/** Opens a page and waits until it is drawn: the theme class set, its first heading shown, the network quiet. */
export async function openAppPage(page: Page, appPage: AppPage & { url: string }, theme: 'light' | 'dark') {
  await page.goto(appPage.url);
  await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
  if (!appPage.foreign) await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
}

/** A page in a context of its own with no session, for the signed-out pages. Close its context when done. */
export async function signedOutPage(browser: Browser, theme: 'light' | 'dark', viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ colorScheme: theme, viewport, storageState: { cookies: [], origins: [] } });
  return context.newPage();
}
