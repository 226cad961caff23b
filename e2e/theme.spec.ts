import { expect, test, type Page } from '@playwright/test';
import { openAppPage, resolvePaths, signedOutPage } from './pages/app-pages';
import { BACKGROUND, DESKTOP, Shell } from './pages/shell';

test('the theme switch changes the page, and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const shell = new Shell(page);
  expect(await shell.themeClass()).toBe('light');
  expect(await shell.bodyBackground()).toBe(BACKGROUND.light);

  await shell.chooseTheme('Dark');
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  expect(await shell.bodyBackground()).toBe(BACKGROUND.dark);

  await page.reload();
  await expect(page.getByTestId('current-company')).toBeVisible();
  expect(await shell.themeClass()).toBe('dark');
  expect(await shell.bodyBackground()).toBe(BACKGROUND.dark);

  // The choice beats the system: back to Light while the system says dark.
  await page.emulateMedia({ colorScheme: 'dark' });
  await shell.chooseTheme('Light');
  await page.reload();
  expect(await shell.themeClass()).toBe('light');
  expect(await shell.bodyBackground()).toBe(BACKGROUND.light);
});

test('a reload does not flash the other theme: the class is on <html> before the page content is parsed', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await new Shell(page).chooseTheme('Dark');
  // Records <html>'s class at the moment the top bar is first inserted, long before React hydrates anything.
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('header')) return;
      (window as unknown as { themeAtFirstContent: string }).themeAtFirstContent =
        `${document.documentElement.className}|${document.documentElement.style.colorScheme}`;
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await expect(page.getByTestId('current-company')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { themeAtFirstContent: string }).themeAtFirstContent)).toBe('dark|dark');
});

test.describe('with the system in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the page follows prefers-color-scheme until a theme is chosen, and follows a change of it live', async ({ page }) => {
    await page.goto('/');
    const shell = new Shell(page);
    expect(await shell.themeClass()).toBe('dark');
    expect(await shell.bodyBackground()).toBe(BACKGROUND.dark);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveClass(/\blight\b/);
    expect(await shell.bodyBackground()).toBe(BACKGROUND.light);
  });

  test('the theme menu says System is chosen, and choosing it again after Light follows the system', async ({ page }) => {
    await page.goto('/');
    const shell = new Shell(page);
    await shell.themeButton.click();
    await expect(page.getByRole('menuitemradio', { name: 'System' })).toHaveAttribute('aria-checked', 'true');
    await page.getByRole('menuitemradio', { name: 'Light' }).click();
    await expect(page.getByRole('menu')).toBeHidden();
    expect(await shell.themeClass()).toBe('light');
    await shell.chooseTheme('System');
    expect(await shell.themeClass()).toBe('dark');
  });
});

test('a page in the dark theme loads and hydrates without a console error', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await new Shell(page).chooseTheme('Dark');
  await page.reload();
  await page.goto('/invoices');
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
  // Hydration runs after the heading shows; give React its turn before reading the log.
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});

test('every page is drawn differently in dark, on the dark background, with no light surface left', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const contexts = {
    light: await browser.newContext({ colorScheme: 'light', viewport: DESKTOP, storageState: 'e2e/.auth/demo.json' }),
    dark: await browser.newContext({ colorScheme: 'dark', viewport: DESKTOP, storageState: 'e2e/.auth/demo.json' }),
  };
  const pages = { light: await contexts.light.newPage(), dark: await contexts.dark.newPage() };
  const problems: Record<string, string[]> = {};
  for (const appPage of await resolvePaths(request)) {
    if (appPage.foreign) continue;
    const shots: Record<string, Buffer> = {};
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      const page: Page = appPage.signedOut ? await signedOutPage(browser, theme, DESKTOP) : pages[theme];
      await openAppPage(page, appPage, theme);
      const shell = new Shell(page);
      const background = await shell.bodyBackground();
      if (background !== BACKGROUND[theme]) found.push(`${theme} background ${background}`);
      if (theme === 'dark') found.push(...(await shell.lightSurfaces()));
      shots[theme] = await page.screenshot({ fullPage: true });
      if (appPage.signedOut) await page.context().close();
    }
    if (shots.light!.equals(shots.dark!)) found.push('light and dark screenshots are identical');
    if (found.length > 0) problems[`${appPage.name} (${appPage.url})`] = found;
  }
  await contexts.light.close();
  await contexts.dark.close();
  expect(problems).toEqual({});
});
