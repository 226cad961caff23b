import { expect, type Locator, type Page } from '@playwright/test';
import { minorFromMoneyText } from './money';

/** The first amount cell (this period's) of a report row found by its label, e.g. "Total revenue". */
export function amountOf(table: Locator, label: string): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell').first();
}

/** The message a report shows instead of itself when its query dates cannot be used. */
function queryProblems(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: 'These dates cannot be used.' });
}

export class ProfitAndLossPage {
  readonly table: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Profit and loss' });
    this.problems = queryProblems(page);
  }

  async goto(query = '') {
    await this.page.goto(`/reports/profit-and-loss${query}`);
  }

  amount(label: string): Locator {
    return amountOf(this.table, label);
  }

  /** Total revenue of the default period (this year to today), in minor units. */
  async totalRevenueMinor(): Promise<number> {
    await this.goto();
    return minorFromMoneyText(await this.amount('Total revenue').innerText());
  }
}

export class BalanceSheetPage {
  readonly table: Locator;
  readonly check: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Balance sheet' });
    this.check = page.getByTestId('balance-check');
    this.problems = queryProblems(page);
  }

  async goto(query = '') {
    await this.page.goto(`/reports/balance-sheet${query}`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Balance Sheet' })).toBeVisible();
  }

  amount(label: string): Locator {
    return amountOf(this.table, label);
  }
}
