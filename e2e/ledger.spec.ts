import { expect, test } from './fixtures';
import { minorFromMoneyText } from './pages/money';

// One server and one demo company for the whole run, so the tests go in order and share what they create. Every
// document they leave behind is settled or void: the overview spec's open receivables and payables stay the demo's.
test.describe.configure({ mode: 'serial' });

const RUN = Date.now().toString(36); // tells this run's memos and references apart from the demo's
let invoiceNumber = '';
let revenueBeforeMinor = 0;
let billId = 0;

test('a new invoice of 1,000.00 is listed as open with a balance of $1,000.00', async ({ invoices, profitAndLoss }) => {
  revenueBeforeMinor = await profitAndLoss.totalRevenueMinor();

  await invoices.goto();
  invoiceNumber = await invoices.create({
    party: 'Globex Ltd',
    category: 'Consulting Revenue',
    amount: '1,000.00',
    memo: `E2E workshop ${RUN}`,
    reference: `E2E-${RUN}`,
  });

  await expect(invoices.cell(invoiceNumber, 'Party')).toHaveText('Globex Ltd');
  await expect(invoices.cell(invoiceNumber, 'Amount')).toHaveText('$1,000.00');
  await expect(invoices.cell(invoiceNumber, 'Paid')).toHaveText('$0.00');
  await expect(invoices.cell(invoiceNumber, 'Balance')).toHaveText('$1,000.00');
  await expect(invoices.cell(invoiceNumber, 'Status')).toHaveText('Open');
  // A success clears the form for the next one.
  await expect(invoices.field('Amount')).toHaveValue('');
});

test('due-term presets set the due date from the issue date', async ({ invoices }) => {
  await invoices.goto();
  // 2025: January has 31 days, February 28, so Net 30 from Jan 31 lands on March 2.
  await invoices.field('Issue date').fill('2025-01-31');
  await invoices.field('Terms').selectOption({ label: 'Net 30' });
  await expect(invoices.field('Due date')).toHaveValue('2025-03-02');
  await invoices.field('Issue date').fill('2025-02-01');
  await expect(invoices.field('Due date')).toHaveValue('2025-03-03');
  await invoices.field('Terms').selectOption({ label: 'Net 0' });
  await expect(invoices.field('Due date')).toHaveValue('2025-02-01');
  await invoices.field('Due date').fill('2025-02-10');
  await expect(invoices.field('Terms')).toHaveValue('');
  await expect(invoices.field('Terms').locator('option:checked')).toHaveText('Custom');
});

test('an amount of 12.345 is refused beside the field, nothing is created and nothing typed is lost', async ({ invoices, page }) => {
  await invoices.goto();
  const rowsBefore = await invoices.table.getByRole('row').count();
  await invoices.fill({
    party: 'Acme Corp',
    category: 'Product Sales',
    amount: '12.345',
    memo: `E2E refused ${RUN}`,
    issueDate: '2025-01-31',
    terms: 'Net 14',
  });
  await invoices.submit();

  const amount = invoices.field('Amount');
  await expect(invoices.form.getByText('Use at most 2 decimal places', { exact: true })).toBeVisible();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(amount).toHaveAccessibleDescription('Use at most 2 decimal places');
  await expect(amount).toBeFocused();
  await expect(invoices.form.getByRole('alert')).toHaveText('Some fields need attention');
  await expect(amount).toHaveValue('12.345');
  await expect(invoices.field('Memo')).toHaveValue(`E2E refused ${RUN}`);
  await expect(invoices.field('Party').locator('option:checked')).toHaveText('Acme Corp');
  await expect(invoices.field('Category').locator('option:checked')).toHaveText('Product Sales');
  await expect(invoices.field('Due date')).toHaveValue('2025-02-14');
  await expect(invoices.field('Party')).not.toHaveAttribute('aria-invalid');

  await page.reload();
  await expect(invoices.table.getByRole('row')).toHaveCount(rowsBefore);
});

test('a payment of 1,200.00 marks the invoice paid and keeps 200.00 as customer credit', async ({ invoices, documentPage }) => {
  await invoices.goto();
  await invoices.open(invoiceNumber);
  await expect(documentPage.status).toHaveText('Open');
  await expect(documentPage.amountField()).toHaveValue('1000.00'); // the open balance

  const payment = await documentPage.recordPayment('1,200.00', `E2E payment ${RUN}`);

  await expect(documentPage.status).toHaveText('Paid');
  await expect(documentPage.paid).toHaveText('$1,000.00');
  await expect(documentPage.balance).toHaveText('$0.00');
  await expect(documentPage.credit).toHaveText('$200.00');
  await expect(documentPage.paymentRow(payment)).toContainText('$1,200.00');
  await expect(documentPage.paymentForm).toContainText('This invoice is paid in full.');

  await invoices.goto();
  await expect(invoices.cell(invoiceNumber, 'Status')).toHaveText('Paid');
  await expect(invoices.cell(invoiceNumber, 'Balance')).toHaveText('$0.00');
});

test('the Profit & Loss for this year shows revenue up by exactly 1,000.00', async ({ profitAndLoss }) => {
  const revenueAfterMinor = await profitAndLoss.totalRevenueMinor();
  expect(revenueAfterMinor - revenueBeforeMinor).toBe(100_000);
  // The payment moved cash and credits only: revenue counts the invoice, not the 1,200.00 received.
  const net = minorFromMoneyText(await profitAndLoss.amount('Net income').innerText());
  const expenses = minorFromMoneyText(await profitAndLoss.amount('Total expenses').innerText());
  expect(net).toBe(revenueAfterMinor - expenses);
});

test('the Balance Sheet balances', async ({ balanceSheet }) => {
  await balanceSheet.goto();
  await expect(balanceSheet.check).toContainText('Balances');
  const assets = await balanceSheet.amount('Total assets').innerText();
  await expect(balanceSheet.amount('Total liabilities and equity')).toHaveText(assets);
  await expect(balanceSheet.table.getByRole('rowheader', { name: /^Current-period earnings/ })).toBeVisible();
  await expect(balanceSheet.table.getByRole('rowheader', { name: /^Retained earnings/ })).toBeVisible();
});

test('voiding a bill’s payment reopens the bill, and voiding the bill marks it void', async ({ expenses, documentPage }) => {
  await expenses.goto();
  const bill = await expenses.create({ party: 'CloudHost Inc', category: 'Software', amount: '300.00', memo: `E2E hosting ${RUN}` });
  await expect(expenses.cell(bill, 'Status')).toHaveText('Open');
  await expenses.open(bill);
  billId = documentPage.id();

  const payment = await documentPage.recordPayment('100.00');
  await expect(documentPage.status).toHaveText('Partially paid');
  await expect(documentPage.balance).toHaveText('$200.00');
  await expect(documentPage.page.getByText('To void this bill, void its payments first.')).toBeVisible();

  await documentPage.void(payment);
  await expect(documentPage.status).toHaveText('Open');
  await expect(documentPage.paymentRow(payment)).toContainText('Voided');
  await expect(documentPage.balance).toHaveText('$300.00');

  await documentPage.void(bill);
  await expect(documentPage.status).toHaveText('Void');
  await expect(documentPage.balance).toHaveText('$0.00');
  await expect(documentPage.paymentForm).toHaveCount(0);

  await expenses.goto();
  await expect(expenses.cell(bill, 'Status')).toHaveText('Void');
});

test('a bill cannot be paid beyond its open balance', async ({ expenses, documentPage }) => {
  await expenses.goto();
  const bill = await expenses.create({ party: 'Harbor Properties', category: 'Rent', amount: '50.00', memo: `E2E deposit ${RUN}` });
  await expenses.open(bill);
  await documentPage.amountField().fill('50.01');
  await documentPage.paymentForm.getByRole('button', { name: 'Record payment' }).click();
  await expect(documentPage.paymentForm.getByText('The payment is more than the bill’s open balance')).toBeVisible();
  await expect(documentPage.status).toHaveText('Open');
  // Settle it so the overview's open payables stay the demo's.
  await documentPage.recordPayment('50.00');
  await expect(documentPage.status).toHaveText('Paid');
});

test('a customer added on the spot can be chosen for a new invoice', async ({ invoices }) => {
  await invoices.goto();
  await invoices.addParty(`E2E Customer ${RUN}`);
  await expect(invoices.field('Party').getByRole('option', { name: `E2E Customer ${RUN}` })).toHaveCount(1);
});

test('a missing id, or a bill’s id under invoices, is not found', async ({ page }) => {
  for (const path of ['/invoices/999999999', `/invoices/${billId}`, '/invoices/not-a-number', '/expenses/999999999']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/(Invoice|Bill) not found/);
  }
  const response = await page.goto(`/expenses/${billId}`);
  expect(response?.status()).toBe(200);
});

test('report dates that are not real dates get a clear message', async ({ profitAndLoss, balanceSheet }) => {
  await profitAndLoss.goto('?from=2025-02-30&to=2025-03-31');
  await expect(profitAndLoss.problems).toContainText('From: Enter a real date as YYYY-MM-DD');
  await expect(profitAndLoss.table).toHaveCount(0);

  await profitAndLoss.goto('?from=2025-03-01&to=2025-01-31');
  await expect(profitAndLoss.problems).toContainText('To: The end of the period cannot be before its start');

  await balanceSheet.goto('?asOf=yesterday');
  await expect(balanceSheet.problems).toContainText('As of: Enter a real date as YYYY-MM-DD');
  await expect(balanceSheet.check).toHaveCount(0);
});

test('company settings are validated, saved and shown in the top bar', async ({ page, companySettings }) => {
  await companySettings.goto();
  await expect(companySettings.timeZone).toHaveValue('America/New York');
  await companySettings.timeZone.fill('UTC');
  await expect(page.getByRole('option', { name: 'UTC (none)' })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await companySettings.chooseTimeZone('America/New_York');

  await companySettings.name.fill('  ');
  await companySettings.save();
  await expect(companySettings.form.getByText('Enter a company name', { exact: true })).toBeVisible();

  // The currency is fixed once anything is posted.
  await companySettings.name.fill('Northwind Studio');
  await companySettings.currency.selectOption('EUR');
  await companySettings.save();
  await expect(companySettings.form.getByText('The currency cannot change once documents are posted')).toBeVisible();
  await companySettings.currency.selectOption('USD');

  await companySettings.name.fill(`Northwind Studio ${RUN}`);
  await companySettings.chooseTimeZone('Europe/Paris');
  await companySettings.save();
  await expect(companySettings.form.getByRole('status')).toHaveText(`Saved Northwind Studio ${RUN}`);
  await expect(page.getByTestId('current-company')).toHaveText(`Northwind Studio ${RUN} · USD · Europe/Paris`);

  // Put the demo company back as the overview spec expects it.
  await companySettings.name.fill('Northwind Studio');
  await companySettings.chooseTimeZone('America/New_York');
  await companySettings.save();
  await expect(page.getByTestId('current-company')).toHaveText('Northwind Studio · USD · America/New_York');
});
