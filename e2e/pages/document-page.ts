import { expect, type Locator, type Page } from '@playwright/test';

/** One invoice or bill: its status and totals, its payments, the payment form and the void buttons. */
export class DocumentPage {
  readonly status: Locator;
  readonly balance: Locator;
  readonly paid: Locator;
  readonly credit: Locator;
  readonly payments: Locator;
  readonly paymentForm: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('document-status');
    this.balance = page.getByTestId('document-balance');
    this.paid = page.getByTestId('document-paid');
    this.credit = page.getByTestId('document-credit');
    this.payments = page.getByRole('table', { name: 'Payments' });
    this.paymentForm = page.getByRole('form', { name: 'Record payment' });
  }

  /** The id in the address, e.g. 12 for /invoices/12. */
  id(): number {
    const id = Number(new URL(this.page.url()).pathname.split('/').pop());
    if (!Number.isInteger(id)) throw new Error(`not a document page: ${this.page.url()}`);
    return id;
  }

  amountField(): Locator {
    return this.paymentForm.getByLabel('Amount (USD)', { exact: true });
  }

  /** Records a payment and returns its number, read from the confirmation ("Payment PAY-000004 recorded"). */
  async recordPayment(amount: string, memo?: string): Promise<string> {
    await this.amountField().fill(amount);
    if (memo) await this.paymentForm.getByLabel('Memo', { exact: true }).fill(memo);
    await this.paymentForm.getByRole('button', { name: 'Record payment' }).click();
    const status = this.paymentForm.getByRole('status');
    await expect(status).toContainText(/ recorded/);
    const number = /(P[A-Z]+-\d{6}) recorded/.exec((await status.textContent()) ?? '')?.[1];
    if (!number) throw new Error('no payment number in the confirmation');
    return number;
  }

  paymentRow(number: string): Locator {
    return this.payments.getByRole('row').filter({ hasText: number });
  }

  /** Voids the document or a payment: the first click asks, the second confirms. */
  async void(number: string) {
    const form = this.page.getByRole('form', { name: `Void ${number}` });
    await form.getByRole('button', { name: /^Void / }).click();
    await form.getByRole('button', { name: `Confirm: void ${number}` }).click();
  }
}
