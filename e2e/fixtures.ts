import { test as base } from '@playwright/test';
import { DocumentPage } from './pages/document-page';
import { DocumentsPage } from './pages/documents-page';
import { BalanceSheetPage, ProfitAndLossPage } from './pages/reports';
import { CompanySettingsPage } from './pages/settings-page';

/** Page objects for the ledger screens, one per test. (`provide` is Playwright's `use`, renamed for the React hooks lint.) */
export const test = base.extend<{
  invoices: DocumentsPage;
  expenses: DocumentsPage;
  documentPage: DocumentPage;
  profitAndLoss: ProfitAndLossPage;
  balanceSheet: BalanceSheetPage;
  companySettings: CompanySettingsPage;
}>({
  invoices: async ({ page }, provide) => provide(new DocumentsPage(page, 'invoice')),
  expenses: async ({ page }, provide) => provide(new DocumentsPage(page, 'bill')),
  documentPage: async ({ page }, provide) => provide(new DocumentPage(page)),
  profitAndLoss: async ({ page }, provide) => provide(new ProfitAndLossPage(page)),
  balanceSheet: async ({ page }, provide) => provide(new BalanceSheetPage(page)),
  companySettings: async ({ page }, provide) => provide(new CompanySettingsPage(page)),
});

export { expect } from '@playwright/test';
