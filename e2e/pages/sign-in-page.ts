import { expect, type Locator, type Page } from '@playwright/test';

export class SignInPage {
  readonly form: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Sign in' });
    this.email = this.form.getByLabel('Email');
    this.password = this.form.getByLabel('Password');
    this.error = this.form.getByRole('alert');
  }

  async goto() {
    await this.page.goto('/sign-in');
    await expect(this.form).toBeVisible();
  }

  async submit(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.form.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Signs in and waits for the signed-in shell. */
  async signIn(email: string, password: string) {
    await this.submit(email, password);
    await expect(this.page.getByTestId('current-company')).toBeVisible();
  }
}
