import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, E2E_DEMO_PASSWORD, E2E_SIGN_IN_ATTEMPTS_PER_MINUTE } from './demo';
import { SignInPage } from './pages/sign-in-page';
import { postJsonFrom } from './raw-http';

// These specs start signed out (the other specs reuse the setup project's session).
const SIGNED_OUT = { cookies: [], origins: [] };
test.use({ storageState: SIGNED_OUT });

/** Whether a request URL carries `password`, raw or form-encoded, or any query parameter named like one. */
function carriesPassword(url: string, password: string): boolean {
  const query = new URL(url).searchParams;
  const decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  return decoded.includes(password) || [...query.keys()].some((key) => /pass/i.test(key));
}

/** The e2e server's address with `host` in place of 127.0.0.1 (it listens on 127.0.0.1; `localhost` resolves there). */
const onHost = (baseURL: string | undefined, host: string) => baseURL!.replace('127.0.0.1', host);

/** The URL of every signed-in page: app/(app)/**\/page.tsx, with a record id of 1 for `[id]`. */
function signedInPagePaths(): string[] {
  const root = path.join(process.cwd(), 'app', '(app)');
  const paths: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${url}/${/^\[.+\]$/.test(entry.name) ? '1' : entry.name}`);
      else if (entry.name === 'page.tsx') paths.push(url || '/');
    }
  };
  walk(root, '');
  return paths.sort();
}

test('a signed-out visitor is sent to sign-in from every page and sees nothing of the books', async ({ page }) => {
  const paths = signedInPagePaths();
  expect(paths).toContain('/invoices');
  for (const url of paths) {
    await page.goto(url);
    await expect(page, url).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByText(/Northwind|Lakeside|Acme/)).toHaveCount(0);
  }
});

test('a wrong password and an unknown account get the same single message', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.submit(DEMO_EMAIL, 'not the demo password');
  await expect(signIn.error).toHaveText('The email or password is not right.');
  await signIn.submit('nobody@ailegr.test', 'not the demo password');
  await expect(signIn.error).toHaveText('The email or password is not right.');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('sign in, switch companies and see only that company’s books, sign out, and the back button shows nothing', async ({ page, playwright, baseURL }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO_EMAIL, E2E_DEMO_PASSWORD);

  const session = (await page.context().cookies()).find((c) => c.name.endsWith('ailegr.session_token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  // Northwind first: its invoices, one of which we keep the address of.
  await expect(page.getByTestId('current-company')).toHaveText('Northwind Studio · USD · America/New_York');
  await page.goto('/invoices');
  await expect(page.getByRole('cell', { name: 'Acme Corp' }).first()).toBeVisible();
  const northwindInvoice = await page.getByRole('link', { name: /^INV-\d+$/ }).first().getAttribute('href');
  expect(northwindInvoice).toMatch(/^\/invoices\/\d+$/);

  // Switch: the header, every list and the overview show Lakeside Bakery only.
  await page.getByLabel('Company').selectOption({ label: 'Lakeside Bakery' });
  await expect(page.getByTestId('current-company')).toHaveText('Lakeside Bakery · EUR · Europe/Paris');
  await expect(page).toHaveURL(/\/invoices$/);
  await expect(page.getByRole('cell', { name: 'Café du Lac' }).first()).toBeVisible();
  await expect(page.getByText(/Acme Corp|Globex|Initech/)).toHaveCount(0);
  await page.goto('/parties');
  await expect(page.getByText('Moulin Farine SARL').first()).toBeVisible();
  await expect(page.getByText(/Acme Corp|Harbor Properties|CloudHost/)).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByTestId('open-ar')).toContainText('640.00');
  await expect(page.getByTestId('open-ap')).toContainText('0.00');

  // Northwind's invoice is simply not found from Lakeside.
  const foreign = await page.goto(northwindInvoice!);
  expect(foreign?.status()).toBe(404);
  await expect(page.getByText('Acme Corp')).toHaveCount(0);

  // Sign out from a page full of Lakeside's data.
  await page.goto('/parties');
  await expect(page.getByText('Café du Lac').first()).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.context().cookies()).find((c) => c.name.endsWith('ailegr.session_token'))).toBeUndefined();

  // Back (and back again) shows nothing private: every earlier page answers with sign-in now.
  for (let i = 0; i < 2; i++) {
    await page.goBack();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByText(/Café du Lac|Moulin Farine|Lakeside|Northwind|Acme/)).toHaveCount(0);
  }

  // The old session cookie, replayed by hand, opens nothing either: the session ended on the server.
  const replay = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${session!.name}=${session!.value}` } });
  expect((await replay.get('/api/company')).status()).toBe(401);
  const pageResponse = await replay.get('/parties', { maxRedirects: 0 });
  expect(pageResponse.status()).toBeGreaterThanOrEqual(300);
  expect(await pageResponse.text()).not.toContain('Café du Lac');
  await replay.dispose();
});

test('the password can end up in a URL: no longer, with JavaScript off the form posts, refuses, signs in, and no request URL carries the password', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: SIGNED_OUT });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  const leaks = (password: string) => requests.filter((r) => carriesPassword(r.slice(r.indexOf(' ') + 1), password));
  const signIn = new SignInPage(page);
  await signIn.goto();

  const wrong = 'a wrong password, sent without script';
  await signIn.submit(DEMO_EMAIL, wrong);
  await page.waitForLoadState();
  expect(leaks(wrong)).toEqual([]);
  await expect(signIn.error).toHaveText('The email or password is not right.');
  await expect(signIn.email).toHaveValue(DEMO_EMAIL);

  await signIn.signIn(DEMO_EMAIL, E2E_DEMO_PASSWORD);
  await expect(page.getByTestId('current-company')).toHaveText('Northwind Studio · USD · America/New_York');
  expect(leaks(E2E_DEMO_PASSWORD)).toEqual([]);
  expect(requests.filter((r) => r.startsWith('POST ')).map((r) => r.replace(/\?.*$/, ''))).toEqual([`POST ${baseURL}/sign-in`, `POST ${baseURL}/sign-in`]);
  await context.close();
});

for (const host of ['127.0.0.1', 'localhost']) {
  test(`sign-in works on http://${host}: by the form, and by better-auth's endpoint for that origin only`, async ({ browser, baseURL }) => {
    const origin = onHost(baseURL, host);
    const context = await browser.newContext({ baseURL: origin, storageState: SIGNED_OUT });
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(DEMO_EMAIL, E2E_DEMO_PASSWORD);
    await expect(page).toHaveURL(`${origin}/`);
    await expect(page.getByTestId('current-company')).toHaveText('Northwind Studio · USD · America/New_York');
    expect(urls.filter((u) => carriesPassword(u, E2E_DEMO_PASSWORD))).toEqual([]);
    await context.close();

    // The JSON endpoint, as a browser on that origin calls it (from an address of its own, see raw-http.ts).
    const from = host === 'localhost' ? '127.0.0.5' : '127.0.0.4';
    const body = { email: DEMO_EMAIL, password: E2E_DEMO_PASSWORD };
    const own = await postJsonFrom(from, `${origin}/api/auth/sign-in/email`, body, { origin });
    expect(own.status, own.body).toBe(200);
    const foreign = await postJsonFrom(from, `${origin}/api/auth/sign-in/email`, body, { origin: 'http://books.attacker.test' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ code: 'INVALID_ORIGIN' });
  });
}

test('the per-address limit trusts a client-chosen X-Forwarded-For: no longer, rotating it from one address still hits the limit at the next attempt', async ({
  baseURL,
}) => {
  const attempt = (from: string, i: number) =>
    postJsonFrom(from, `${baseURL}/api/auth/sign-in/email`, { email: `rotating-${i}@example.test`, password: 'not the password' }, {
      origin: baseURL!,
      'x-forwarded-for': `203.0.113.${i + 1}`,
    });
  // The server's limit is E2E_SIGN_IN_ATTEMPTS_PER_MINUTE (the default of 10 is tested in tests/sign-in.test.ts).
  const limit = E2E_SIGN_IN_ATTEMPTS_PER_MINUTE;
  const statuses: number[] = [];
  for (let i = 0; i <= limit; i++) statuses.push((await attempt('127.0.0.2', i)).status);
  expect(statuses).toEqual([...Array(limit).fill(401), 429]);
  // Another address is not affected, whatever it claims to forward for.
  expect((await attempt('127.0.0.3', 0)).status).toBe(401);
});
