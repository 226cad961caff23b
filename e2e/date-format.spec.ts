import { expect, test } from './fixtures';

// Issue 13: "One date format, chosen from the company's locale, used everywhere a date is shown". The demo company
// is en-US; this spec switches it to de-DE and back (specs run one at a time, so no other spec sees de-DE). It reads
// a rule page's preview, whose dates go through <DateText>.

test('the company’s date format, chosen in Settings → Company, is how the company’s dates read', async ({ page, request, companySettings }) => {
  const rules = (await (await request.get('/api/recurring?limit=1')).json()) as { data: { id: number }[] };
  const rulePage = `/settings/recurring/${rules.data[0]!.id}`;
  const firstDate = page.getByTestId('preview').locator('time[datetime]').first();
  /** The first preview date's text, and its 'YYYY-MM-DD' split into parts. */
  const readFirstDate = async () => {
    await page.goto(rulePage);
    const [year, month, day] = (await firstDate.getAttribute('datetime'))!.split('-');
    return { text: await firstDate.textContent(), year, month, day };
  };

  const us = await readFirstDate();
  expect(us.text).toBe(`${us.month}/${us.day}/${us.year}`);

  await companySettings.goto();
  await expect(companySettings.dateFormat).toHaveValue('en-US');
  await expect(companySettings.dateFormat.locator('option[value="de-DE"]')).toHaveText('31.12.2026 · Deutsch (Deutschland)');
  await companySettings.dateFormat.selectOption('de-DE');
  try {
    await companySettings.save();
    const outcome = companySettings.form.getByRole('status');
    await expect(outcome).toHaveText('Saved Northwind Studio');
    // Focus moved to the outcome, so a screen reader reads it.
    await expect(outcome).toBeFocused();
    const german = await readFirstDate();
    expect(german.text).toBe(`${german.day}.${german.month}.${german.year}`);
  } finally {
    await companySettings.goto();
    await companySettings.dateFormat.selectOption('en-US');
    await companySettings.save();
    await expect(companySettings.form.getByRole('status')).toHaveText('Saved Northwind Studio');
  }
  const back = await readFirstDate();
  expect(back.text).toBe(`${back.month}/${back.day}/${back.year}`);
});
