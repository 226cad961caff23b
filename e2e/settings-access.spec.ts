import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { addViewer } from './pages/members-page';

const RUN = Date.now().toString(36);

test('an owner creates an API key, sees it once, uses it, and revoking it stops it at once', async ({ page, playwright, baseURL }) => {
  await page.goto('/settings/api-keys');
  const form = page.getByRole('form', { name: 'New API key' });
  await form.getByLabel('Name').fill(`E2E key ${RUN}`);
  await form.getByLabel('Role').selectOption('accountant');
  await form.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByTestId('new-api-key');
  await expect(shown).toHaveText(/^ailegr_[A-Za-z]{48}$/);
  const key = (await shown.textContent())!;

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  const me = await api.get('/api/company');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ company: { name: 'Northwind Studio' }, role: 'accountant', via: 'api-key' });

  // Listed with its start, role and last use; the key itself is never shown again.
  await page.reload();
  await expect(page.getByTestId('new-api-key')).toHaveCount(0);
  const row = page.getByRole('row', { name: new RegExp(`E2E key ${RUN}`) });
  await expect(row).toContainText(key.slice(0, 11));
  await expect(row).toContainText('Accountant');
  await expect(row).not.toContainText('Never');
  await expect(page.locator('body')).not.toContainText(key);

  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Revoke now' }).click();
  await expect(row).toContainText('Revoked');
  expect((await api.get('/api/company')).status()).toBe(401);
  await api.dispose();
});

test('an owner adds a viewer, who signs in with the temporary password and can only read', async ({ page, browser }) => {
  const email = `viewer-${RUN}@example.test`;
  const password = await addViewer(page, email, 'E2E Viewer');
  expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
  await expect(page.getByRole('row', { name: /E2E Viewer/ })).toBeVisible();

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await context.newPage();
  const signIn = new SignInPage(viewerPage);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(viewerPage.getByTestId('current-company')).toHaveText('Northwind Studio · USD · America/New_York');
  await expect(viewerPage.getByTestId('current-role')).toHaveText('Viewer');
  // One company only: no switcher. Owner-only settings are neither listed nor shown.
  await expect(viewerPage.getByLabel('Company')).toHaveCount(0);
  await viewerPage.goto('/settings/api-keys');
  await expect(viewerPage.getByText('Only an owner can manage API keys. Your role in this company is Viewer.')).toBeVisible();
  await expect(viewerPage.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' })).toHaveCount(0);

  // Write forms are not offered, with the reason (the actions refuse a viewer too: the authorization matrix).
  await viewerPage.goto('/parties');
  await expect(viewerPage.getByTestId('read-only-note')).toHaveText(
    'Your role in this company is Viewer: you can see customers and vendors, but not record or change them.',
  );
  await expect(viewerPage.getByRole('form', { name: 'Add a customer or vendor' })).toHaveCount(0);
  await expect(viewerPage.getByRole('table', { name: 'Customers' })).toBeVisible();
  await viewerPage.goto('/invoices');
  await expect(viewerPage.getByTestId('read-only-note')).toHaveText(
    'Your role in this company is Viewer: you can see invoices, but not record or change them.',
  );
  await expect(viewerPage.getByRole('main').getByRole('form')).toHaveCount(0);
  // The first document's own link (the headings hold the sort links).
  await viewerPage.getByRole('table').locator('tbody').getByRole('link').first().click();
  await expect(viewerPage.getByTestId('document-status')).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: /Void/ })).toHaveCount(0);
  await expect(viewerPage.getByRole('main').getByRole('form')).toHaveCount(0);
  await context.close();
});
