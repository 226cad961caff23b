import { expect, type Locator, type Page } from '@playwright/test';

export class CompanySettingsPage {
  readonly form: Locator;
  readonly name: Locator;
  readonly currency: Locator;
  readonly timeZone: Locator;
  readonly dateFormat: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Company profile' });
    this.name = this.form.getByLabel('Company name', { exact: true });
    this.currency = this.form.getByLabel('Base currency', { exact: true });
    // The text box, not the list button beside it (Base UI gives both the combobox role).
    this.dateFormat = this.form.getByLabel('Date format', { exact: true });
    this.timeZone = this.form.locator('input').and(this.form.getByRole('combobox', { name: 'Time zone', exact: true }));
  }

  async goto() {
    await this.page.goto('/settings/company');
    await expect(this.form).toBeVisible();
  }

  /** Picks a zone in the searchable list: types part of its name, then clicks it ('America/New_York' shows as 'America/New York'). */
  async chooseTimeZone(zone: string) {
    const label = zone === '' ? 'UTC (none)' : zone.replaceAll('_', ' ');
    await this.timeZone.fill(zone === '' ? 'UTC' : label.split('/').pop()!);
    await this.page.getByRole('option', { name: label, exact: true }).click();
    await expect(this.timeZone).toHaveValue(label);
  }

  async save() {
    await this.form.getByRole('button', { name: 'Save settings' }).click();
  }
}
