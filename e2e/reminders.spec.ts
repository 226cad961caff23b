import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { addViewer } from './pages/members-page';

const RUN = Date.now().toString(36);

/** Today in a zone, 'YYYY-MM-DD' (the server dates occurrences in the company's zone). */
function todayIn(timeZone: string, daysBack = 0): string {
  const at = new Date(Date.now() - daysBack * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

// A person and a company of their own (the demo owner adds a viewer, who starts new books and owns them), so the
// amounts and dates are exact and the demo company is left as other specs expect. A remind rule with three due
// dates leaves three reminders: one is posted with a changed amount, the other two are skipped together.
test('a reminder posts with a changed amount and two others are skipped together from the To enter list', async ({ page, browser, baseURL }) => {
  const email = `reminders-${RUN}@example.test`;
  const password = await addViewer(page, email, 'E2E Reminders');

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const owner = await context.newPage();
  await new SignInPage(owner).goto();
  await new SignInPage(owner).signIn(email, password);
  await owner.getByRole('button', { name: 'New company' }).click();
  const form = owner.getByRole('dialog', { name: 'New company' }).getByRole('form', { name: 'New company' });
  const name = `Reminder Books ${RUN}`;
  await form.getByLabel('Company name').fill(name);
  await form.getByLabel('Time zone').selectOption('America/New_York');
  // The new company loads the app afresh (a full page load): wait for it, or it interrupts the next navigation.
  const reloaded = owner.waitForEvent('load');
  await form.getByRole('button', { name: 'Create company' }).click();
  await reloaded;
  await expect(owner.getByTestId('current-company')).toHaveText(`${name} · USD · America/New_York`);

  // The rule, through the API with the owner's session.
  const api = context.request;
  const headers = { origin: new URL(baseURL!).origin };
  const vendor = await (await api.post('/api/parties', { data: { kind: 'vendor', name: 'Window Cleaner' }, headers })).json();
  const categories = (await (await api.get('/api/categories?type=expense')).json()).data as { id: number; type: string }[];
  const category = categories.find((c) => c.type === 'expense')!;
  const start = todayIn('America/New_York', 2);
  const dates: [string, string, string] = [start, todayIn('America/New_York', 1), todayIn('America/New_York')];
  const created = await api.post('/api/recurring', {
    headers,
    data: { name: 'Windows', type: 'expense', mode: 'remind', cadence: 'daily', startDate: start, payload: { partyId: vendor.id, amount: '80.00', categoryId: category.id } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const rule = await created.json();
  const run = await api.post('/api/recurring/run', { headers, data: {} });
  expect(await run.json()).toMatchObject({ posted: 0, reminded: 3 });

  // Settings → Recurring shows the list too; the work is done from the Overview.
  await owner.goto('/settings/recurring');
  await expect(owner.getByTestId('to-enter').getByTestId('to-enter-row')).toHaveCount(3);
  await owner.goto('/');
  const list = owner.getByTestId('to-enter');
  const rows = list.getByTestId('to-enter-row');
  await expect(rows).toHaveCount(3);
  for (const [i, date] of dates.entries()) {
    await expect(rows.nth(i).locator(`time[datetime="${date}"]`)).toHaveCount(1);
    await expect(rows.nth(i)).toContainText('Window Cleaner');
    await expect(rows.nth(i)).toContainText('$80.00');
  }
  await expect(rows.nth(0)).toContainText('2 days');
  await expect(rows.nth(2)).toContainText('due today');

  await rows.nth(0).getByRole('button', { name: 'Post with changes' }).click();
  const change = owner.getByRole('dialog', { name: 'Post with changes' });
  await change.getByLabel('Amount').fill('92.50');
  await change.getByRole('button', { name: 'Post' }).click();
  await expect(owner.getByText(`Posted REC-${rule.id}-${dates[0]}`)).toBeVisible();
  await expect(rows).toHaveCount(2);

  await list.getByLabel(`Select Window Cleaner ${dates[1]}`).check();
  await list.getByLabel(`Select Window Cleaner ${dates[2]}`).check();
  await list.getByRole('button', { name: 'Skip selected' }).click();
  const skip = owner.getByRole('dialog', { name: 'Skip 2 reminders' });
  await skip.getByLabel('Reason').fill('Cleaner on holiday');
  await skip.getByRole('button', { name: 'Skip' }).click();
  await expect(owner.getByText('Skipped 2')).toBeVisible();
  await expect(owner.getByTestId('to-enter')).toHaveCount(0);

  // What the books and the rule's history now say.
  expect((await (await api.get('/api/recurring/reminders')).json()).data).toEqual([]);
  const history = (await (await api.get(`/api/recurring/${rule.id}/history`)).json()).data as {
    occurrenceDate: string;
    outcome: string;
    reason: string | null;
    message: string | null;
    document: { id: number } | null;
  }[];
  const byDate = new Map(history.map((item) => [item.occurrenceDate, item]));
  expect(dates.map((d) => [byDate.get(d)?.outcome, byDate.get(d)?.reason, byDate.get(d)?.message])).toEqual([
    ['posted', null, null],
    ['skipped', 'skipped_by_user', 'Cleaner on holiday'],
    ['skipped', 'skipped_by_user', 'Cleaner on holiday'],
  ]);
  const document = await (await api.get(`/api/documents/${byDate.get(dates[0])!.document!.id}`)).json();
  expect(document).toMatchObject({ reference: `REC-${rule.id}-${dates[0]}`, amount: '92.50', issueDate: dates[0] });
  await context.close();
});
