import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { addViewer } from './pages/members-page';

const RUN = Date.now().toString(36);

// A person of their own (a viewer the demo owner adds), so the demo owner's companies stay as other specs expect.
test('a viewer starts a new company from the header, lands in it as its owner, and switches back', async ({ page, browser }) => {
  const email = `founder-${RUN}@example.test`;
  const password = await addViewer(page, email, 'E2E Founder');

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const founder = await context.newPage();
  const signIn = new SignInPage(founder);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(founder.getByTestId('current-company')).toHaveText('Northwind Studio · USD · America/New_York');
  await expect(founder.getByLabel('Company', { exact: true })).toHaveCount(0);

  await founder.getByRole('button', { name: 'New company' }).click();
  const dialog = founder.getByRole('dialog', { name: 'New company' });
  const form = dialog.getByRole('form', { name: 'New company' });
  // It starts from the current company's currency and zone.
  await expect(form.getByLabel('Base currency')).toHaveValue('USD');
  await expect(form.getByLabel('Time zone')).toHaveValue('America/New_York');
  await form.getByRole('button', { name: 'Create company' }).click();
  await expect(form.getByText('Enter a company name')).toBeVisible();

  const name = `E2E Books ${RUN}`;
  await form.getByLabel('Company name').fill(name);
  await form.getByLabel('Base currency').selectOption('CHF');
  await form.getByLabel('Time zone').selectOption('Europe/Zurich');
  await form.getByRole('button', { name: 'Create company' }).click();

  // Now in the new company, as its owner, with a switcher between the two.
  await expect(founder.getByTestId('current-company')).toHaveText(`${name} · CHF · Europe/Zurich`);
  await expect(founder.getByTestId('current-role')).toHaveText('Owner');
  await expect(founder).toHaveURL(/\/$/);
  const switcher = founder.getByLabel('Company', { exact: true });
  await expect(switcher.locator('option')).toHaveCount(2);
  await expect(switcher.locator('option', { hasText: name })).toHaveCount(1);

  await switcher.selectOption({ label: 'Northwind Studio' });
  await expect(founder.getByTestId('current-company')).toHaveText('Northwind Studio · USD · America/New_York');
  await expect(founder.getByTestId('current-role')).toHaveText('Viewer');
  await context.close();
});
