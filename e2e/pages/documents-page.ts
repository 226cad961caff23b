import { expect, type Locator, type Page } from '@playwright/test';

type Kind = 'invoice' | 'bill';

const SCREENS = {
  invoice: { path: '/invoices', noun: 'invoice', party: 'Customer', table: 'Invoices' },
  bill: { path: '/expenses', noun: 'bill', party: 'Vendor', table: 'Bills' },
} as const;

const COLUMNS = ['Number', 'Party', 'Issue date', 'Due date', 'Amount', 'Paid', 'Balance', 'Status'] as const;

export interface NewDocument {
  party: string;
  category: string;
  amount: string;
  memo?: string;
  reference?: string;
  issueDate?: string;
  terms?: string;
}

/** The invoices or expenses screen: the new-document form, the quick party add and the list. */
export class DocumentsPage {
  readonly form: Locator;
  readonly table: Locator;

  constructor(
    readonly page: Page,
    readonly kind: Kind,
  ) {
    const screen = SCREENS[kind];
    this.form = page.getByRole('form', { name: `New ${screen.noun}` });
    this.table = page.getByRole('table', { name: screen.table });
  }

  async goto() {
    await this.page.goto(SCREENS[this.kind].path);
    await expect(this.form).toBeVisible();
  }

  field(label: 'Party' | 'Category' | 'Issue date' | 'Terms' | 'Due date' | 'Amount' | 'Reference' | 'Memo'): Locator {
    const screen = SCREENS[this.kind];
    const exact: Record<typeof label, string> = {
      Party: screen.party,
      Category: 'Category',
      'Issue date': 'Issue date',
      Terms: 'Terms',
      'Due date': 'Due date',
      Amount: 'Amount (USD)',
      Reference: 'Reference (optional)',
      Memo: 'Memo',
    };
    return this.form.getByLabel(exact[label], { exact: true });
  }

  async fill(doc: NewDocument) {
    await this.field('Party').selectOption({ label: doc.party });
    await this.field('Category').selectOption({ label: doc.category });
    if (doc.issueDate) await this.field('Issue date').fill(doc.issueDate);
    if (doc.terms) await this.field('Terms').selectOption({ label: doc.terms });
    await this.field('Amount').fill(doc.amount);
    if (doc.reference) await this.field('Reference').fill(doc.reference);
    if (doc.memo) await this.field('Memo').fill(doc.memo);
  }

  async submit() {
    await this.form.getByRole('button', { name: `Create ${SCREENS[this.kind].noun}` }).click();
  }

  /** Creates a document and returns its number, read from the confirmation ("Invoice INV-000005 created"). */
  async create(doc: NewDocument): Promise<string> {
    await this.fill(doc);
    await this.submit();
    const status = this.form.getByRole('status');
    await expect(status).toContainText(/ created/);
    const number = /([A-Z]+-\d{6}) created/.exec((await status.textContent()) ?? '')?.[1];
    if (!number) throw new Error('no document number in the confirmation');
    return number;
  }

  row(number: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name: number, exact: true }) });
  }

  cell(number: string, column: (typeof COLUMNS)[number]): Locator {
    return this.row(number).getByRole('cell').nth(COLUMNS.indexOf(column));
  }

  async open(number: string) {
    await this.table.getByRole('link', { name: number, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(number);
  }

  async addParty(name: string) {
    const noun = SCREENS[this.kind].party.toLowerCase();
    await this.page.getByText(`Add a ${noun}`, { exact: true }).click();
    const form = this.page.getByRole('form', { name: `Add a ${noun}` });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByRole('button', { name: `Add ${noun}` }).click();
    await expect(form.getByRole('status')).toHaveText(`${SCREENS[this.kind].party} ${name} added`);
  }
}
