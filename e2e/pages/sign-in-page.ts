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
    // A sign-in hashes the password (scrypt, deliberately slow) and then renders the whole shell: on a busy 2-core
    // machine that passed the 5 s default once (new-company.spec.ts in a loaded run).
    await expect(this.page.getByTestId('current-company')).toBeVisible({ timeout: 15_000 });
  }
}
