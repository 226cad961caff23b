import { expect, type Locator, type Page } from '@playwright/test';

export class CompanySettingsPage {
  readonly form: Locator;
  readonly name: Locator;
  readonly currency: Locator;
  readonly timeZone: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Company profile' });
    this.name = this.form.getByLabel('Company name', { exact: true });
    this.currency = this.form.getByLabel('Base currency', { exact: true });
    this.timeZone = this.form.getByLabel('Time zone', { exact: true });
  }

  async goto() {
    await this.page.goto('/settings/company');
    await expect(this.form).toBeVisible();
  }

  async save() {
    await this.form.getByRole('button', { name: 'Save settings' }).click();
  }
}
