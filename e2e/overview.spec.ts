import { expect, test } from '@playwright/test';

test('the overview shows the demo company’s live ledger', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('current-company')).toHaveText('Northwind Studio · USD · America/New_York');
  // Demo data: Globex owes 1,250.00 − 500.00 and Acme 2,400.00.
  await expect(page.getByTestId('open-ar')).toHaveText('$3,150.00');
  // CloudHost owes 389.99 − 200.00 and City Power 214.37.
  await expect(page.getByTestId('open-ap')).toHaveText('$404.36');
});
