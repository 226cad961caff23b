import { expect, type Page } from '@playwright/test';

/** Simulate from a rule's ⋯ menu (the developer tools): the dry run's dialog and the rows it would post. */
export async function simulateFromMenu(page: Page, name: string) {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Simulate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Simulate: ${name}` });
  await expect(dialog).toContainText('A dry run: nothing was written.');
  return { dialog, wouldPost: dialog.getByRole('table', { name: 'What would be posted' }).locator('tbody tr') };
}

/** A mark on the window: `stillUnreloaded` is true while the page was never reloaded since. */
export async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}

export async function stillUnreloaded(page: Page): Promise<boolean> {
  return (await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)) === true;
}
