import type { Page } from '@playwright/test';

/**
 * Adds a viewer on Settings → Members as the page's signed-in owner, and returns the temporary password shown once.
 * Specs that need a person (and companies) of their own start here, so the demo owner's companies stay as the other
 * specs expect.
 */
export async function addViewer(page: Page, email: string, name: string): Promise<string> {
  await page.goto('/settings/members');
  const form = page.getByRole('form', { name: 'Add a member' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Add member' }).click();
  return (await page.getByTestId('temporary-password').textContent())!;
}
