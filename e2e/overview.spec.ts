import { expect, test, type APIRequestContext } from '@playwright/test';

// The Overview over the demo company (lib/demo/seed.ts and history.ts), as of today in New York. Every expected
// figure is either fixed by the demo data or computed here from the API with plain date arithmetic (Intl and
// Date.UTC, not the app's code), so the page must agree with the ledger and with each rule's own preview.

/** A calendar date n days from today in New York. */
function newYorkDate(offsetDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

const daysFromTo = (earlier: string, later: string) => (Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000;
const usd = (minor: bigint) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(minor) / 100);

/** Every item of a cursor-paged API list. */
async function listAll<T>(request: APIRequestContext, path: string): Promise<T[]> {
  const items: T[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const answer = await request.get(`${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(answer.status()).toBe(200);
    const page = (await answer.json()) as { data: T[]; nextCursor: string | null };
    items.push(...page.data);
    cursor = page.nextCursor;
  }
  return items;
}

interface ApiDocument {
  dueDate: string;
  status: string;
  balanceMinor: number;
}

const BUCKETS = ['current', '1-30', '31-60', '61-90', 'over-90'] as const;

function bucketOf(dueDate: string, today: string): (typeof BUCKETS)[number] {
  const late = daysFromTo(dueDate, today);
  return late <= 0 ? 'current' : late <= 30 ? '1-30' : late <= 60 ? '31-60' : late <= 90 ? '61-90' : 'over-90';
}

test('the aging buckets: the demo’s overdue invoices and bills in their buckets, and every bucket equal to the open documents by due date', async ({ page, request }) => {
  const today = newYorkDate();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Aging' })).toBeVisible();
  // Fixed by the demo: Initech's 1,800.00 follow-up is 116 days past due; Acme's icon set has 1,200.00 left at 65
  // days; Globex's support plan has 750.00 left at 10 days; City Power's disputed 96.40 is 49 days past due and
  // CloudHost's hosting has 189.99 left at 10 days. No other open document of the demo is past due.
  await expect(page.getByTestId('aging-receivable-over-90')).toHaveText('$1,800.00');
  await expect(page.getByTestId('aging-receivable-61-90')).toHaveText('$1,200.00');
  await expect(page.getByTestId('aging-receivable-31-60')).toHaveText('$0.00');
  await expect(page.getByTestId('aging-receivable-1-30')).toHaveText('$750.00');
  await expect(page.getByTestId('aging-payable-over-90')).toHaveText('$0.00');
  await expect(page.getByTestId('aging-payable-61-90')).toHaveText('$0.00');
  await expect(page.getByTestId('aging-payable-31-60')).toHaveText('$96.40');
  await expect(page.getByTestId('aging-payable-1-30')).toHaveText('$189.99');

  // The whole table (current included, which other specs' new documents join) from the API's open documents.
  for (const [side, path, card] of [
    ['receivable', '/api/invoices', 'open-ar'],
    ['payable', '/api/expenses', 'open-ap'],
  ] as const) {
    const open = (await listAll<ApiDocument>(request, path)).filter((d) => d.status === 'open' || d.status === 'partially_paid');
    const sums = Object.fromEntries(BUCKETS.map((b) => [b, 0n])) as Record<(typeof BUCKETS)[number], bigint>;
    for (const doc of open) sums[bucketOf(doc.dueDate, today)] += BigInt(doc.balanceMinor);
    for (const bucket of BUCKETS) await expect(page.getByTestId(`aging-${side}-${bucket}`)).toHaveText(usd(sums[bucket]));
    const total = Object.values(sums).reduce((t, v) => t + v, 0n);
    await expect(page.getByTestId(`aging-${side}-total`)).toHaveText(usd(total));
    await expect(page.getByTestId(card)).toHaveText(usd(total));
  }
});

test('the next 30 days of recurring postings total exactly the sum of the rules’ previews from GET /api/recurring/:id/occurrences', async ({ page, request }) => {
  const first = newYorkDate();
  const last = newYorkDate(29);
  const rules = await listAll<{ id: number; name: string; type: 'invoice' | 'expense' }>(request, '/api/recurring');
  expect(rules).toHaveLength(6);
  let receivable = 0n;
  let payable = 0n;
  const byDay = new Map<string, string[]>();
  for (const rule of rules) {
    const answer = await request.get(`/api/recurring/${rule.id}/occurrences?count=100`);
    expect(answer.status()).toBe(200);
    const { data } = (await answer.json()) as { data: { date: string; amountMinor: number; skipReason: string | null }[] };
    for (const o of data.filter((o) => o.skipReason === null && o.date >= first && o.date <= last)) {
      if (rule.type === 'invoice') receivable += BigInt(o.amountMinor);
      else payable += BigInt(o.amountMinor);
      byDay.set(o.date, [...(byDay.get(o.date) ?? []), rule.name]);
    }
  }
  // The demo's weekly retainer posts on every Monday (4 or 5 in 30 days); its daily usage rule every day.
  expect(receivable).toBeGreaterThanOrEqual(4n * 150_000n);
  expect(payable).toBeGreaterThanOrEqual(30n * 1_240n);

  await page.goto('/');
  await expect(page.getByTestId('upcoming-ar-total')).toHaveText(usd(receivable));
  await expect(page.getByTestId('upcoming-ap-total')).toHaveText(usd(payable));
  const rows = page.getByTestId('upcoming-postings').locator('tbody tr');
  await expect(rows).toHaveCount(byDay.size);
  for (const [date, names] of byDay) {
    const row = rows.filter({ has: page.locator(`time[datetime="${date}"]`) });
    for (const name of names) await expect(row.getByRole('link', { name, exact: true })).toBeVisible();
  }
});

test('the 12-month chart draws, and its table equals the P&L of each month; cash equals the balance sheet’s and is not negative', async ({ page, request }) => {
  const today = newYorkDate();
  await page.goto('/');
  // Drawn in the browser (recharts): the chart's own surface, beside its legend icons, with a bar per month and series.
  await expect(page.getByTestId('revenue-expense-chart').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId('cash-flow-chart').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();

  const table = page.getByTestId('monthly-table');
  await page.getByText('The figures as a table').first().click();
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(12);
  const [y, m] = today.split('-').map(Number) as [number, number];
  for (let back = 0; back < 12; back++) {
    const start = new Date(Date.UTC(y, m - 1 - back, 1));
    const end = new Date(Date.UTC(y, m - back, 0));
    const [from, to] = [start, end].map((d) => d.toISOString().slice(0, 10)) as [string, string];
    const pl = await (await request.get(`/api/reports/profit-and-loss?from=${from}&to=${to}`)).json();
    const row = table.locator(`tr[data-month="${from.slice(0, 7)}"]`);
    await expect(row.locator('td').nth(0)).toHaveText(usd(BigInt(String(pl.totalRevenueMinor))));
    await expect(row.locator('td').nth(1)).toHaveText(usd(BigInt(String(pl.totalExpensesMinor))));
    // Twelve months of history: every month but possibly this one has both revenue and expenses.
    if (back > 0) expect(BigInt(String(pl.totalRevenueMinor)) > 0n && BigInt(String(pl.totalExpensesMinor)) > 0n).toBe(true);
  }

  const bs = await (await request.get(`/api/reports/balance-sheet?asOf=${today}`)).json();
  const cash = BigInt(String(bs.assets.find((a: { code: string }) => a.code === '1000').amountMinor));
  expect(cash).toBeGreaterThan(0n);
  await expect(page.getByTestId('cash')).toHaveText(usd(cash));
});

test('the scheduler’s state: no sweep has run on the test server (its runner is off), so the due rules wait and no rule has failed', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('last-sweep')).toHaveText('No sweep has run yet.');
  // The weekly retainer's first Monday, six weeks ago, has waited longer than two intervals.
  await expect(page.getByTestId('recurring-health')).toHaveText('Unhealthy');
  await expect(page.getByTestId('rules-attention-empty')).toBeVisible();
});
