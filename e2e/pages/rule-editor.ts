import { expect, type Locator, type Page } from '@playwright/test';

/** The recurring rule editor (/settings/recurring/new and /settings/recurring/:id/edit) and its live preview. */
export class RuleEditorPage {
  readonly form: Locator;
  readonly preview: Locator;
  readonly occurrences: Locator;
  readonly beforeAfter: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.form = page.locator('form[aria-labelledby="rule-form-heading"]');
    this.preview = page.getByTestId('rule-preview');
    this.occurrences = this.preview.getByTestId('preview-occurrence');
    this.beforeAfter = this.preview.getByTestId('before-after');
    this.save = this.form.getByRole('button', { name: 'Save', exact: true });
  }

  async gotoNew() {
    await this.page.goto('/settings/recurring/new');
    await expect(this.page.getByRole('heading', { level: 1, name: 'New recurring rule' })).toBeVisible();
  }

  async gotoEdit(ruleId: string) {
    await this.page.goto(`/settings/recurring/${ruleId}/edit`);
    await expect(this.page.getByRole('heading', { level: 1, name: /^Edit / })).toBeVisible();
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** Types a 'YYYY-MM-DD' date into the kit's date picker, segment by segment (month, day, year in en-US). */
  async fillDate(label: string, date: string) {
    const [y, m, d] = date.split('-') as [string, string, string];
    const group = this.form.getByRole('group', { name: label, exact: true });
    await group.getByRole('spinbutton').first().click();
    await this.page.keyboard.type(`${m}${d}${y}`);
    await expect(group.getByRole('spinbutton').nth(2)).toHaveText(y);
  }

  /** The basics every test rule needs: an invoice to Acme Corp for Consulting Revenue. */
  async fillBasics(name: string, amount: string) {
    await this.field('Name').fill(name);
    await this.field('Customer').selectOption({ label: 'Acme Corp' });
    await this.field('Category').selectOption({ label: '4100 Consulting Revenue' });
    await this.field('Amount (USD)').fill(amount);
  }

  /** The dates the preview lists, from their `<time dateTime>`. */
  async previewDates(): Promise<string[]> {
    return this.occurrences.locator('time:not([data-testid])').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
  }

  async previewDueDates(): Promise<string[]> {
    return this.occurrences.getByTestId('due-date').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
  }

  /** Waits until the preview lists `first` as its first date (typing is debounced, then the server answers). */
  async expectFirstDate(first: string) {
    // Debounced, then a server round trip: slower than the default 5 s on a loaded machine.
    await expect(this.occurrences.first().locator('time').first()).toHaveAttribute('datetime', first, { timeout: 15_000 });
    await expect(this.preview).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
  }
}
