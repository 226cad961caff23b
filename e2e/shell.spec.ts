import { expect, test } from '@playwright/test';
import { openAppPage, resolvePaths, signedOutPage } from './pages/app-pages';
import { DESKTOP, PHONE, Shell } from './pages/shell';

test.describe('on a 390 px phone', () => {
  test.use({ viewport: PHONE });

  test('the top bar is one short row and the navigation is collapsed behind Menu', async ({ page }) => {
    await page.goto('/');
    const shell = new Shell(page);
    const box = await shell.header.boundingBox();
    expect(box?.height).toBeLessThanOrEqual(64);
    await expect(shell.menuButton).toHaveAttribute('aria-expanded', 'false');
    await expect(shell.nav).toBeHidden();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  });

  test('Menu opens by keyboard, Escape closes it back onto Menu, and a link followed from it closes it', async ({ page }) => {
    await page.goto('/');
    const shell = new Shell(page);
    await page.keyboard.press('Tab');
    await expect(shell.skipLink).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'AiLegr' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(shell.menuButton).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(shell.menuButton).toHaveAttribute('aria-expanded', 'true');
    await expect(shell.navLink('Invoices')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(shell.navLink('Overview')).toBeFocused();
    await expect(shell.navLink('Overview')).toHaveAttribute('aria-current', 'page');

    await page.keyboard.press('Escape');
    await expect(shell.nav).toBeHidden();
    await expect(shell.menuButton).toBeFocused();

    await page.keyboard.press('Space');
    await expect(shell.nav).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(shell.navLink('Invoices')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/invoices$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
    await expect(shell.nav).toBeHidden();
    await expect(shell.menuButton).toHaveAttribute('aria-expanded', 'false');
  });

  for (const path of ['/', '/invoices', '/settings/recurring']) {
    test(`nothing scrolls sideways on ${path}, with the menu shut or open`, async ({ page }) => {
      await page.goto(path);
      const shell = new Shell(page);
      await expect(shell.main.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await shell.horizontalOverflow()).toBe(0);
      // A wide table scrolls inside itself and is still a table to assistive technology.
      if (path !== '/') await expect(shell.main.getByRole('table').first().getByRole('columnheader').first()).toBeVisible();
      await shell.menuButton.click();
      await expect(shell.nav).toBeVisible();
      expect(await shell.horizontalOverflow()).toBe(0);
    });
  }

  test('no page of the app scrolls sideways at 390 px', async ({ page, request, browser }) => {
    test.setTimeout(180_000);
    const overflowing: Record<string, number> = {};
    for (const appPage of await resolvePaths(request)) {
      if (appPage.foreign) continue;
      const target = appPage.signedOut ? await signedOutPage(browser, 'light', PHONE) : page;
      await openAppPage(target, appPage, 'light');
      const overflow = await new Shell(target).horizontalOverflow();
      if (overflow > 0) overflowing[`${appPage.name} (${appPage.url})`] = overflow;
      if (appPage.signedOut) await target.context().close();
    }
    expect(overflowing).toEqual({});
  });
});

test.describe('on a desktop', () => {
  test.use({ viewport: DESKTOP });

  test('every page names the app’s icon, and the icon is served as SVG', async ({ page, request }) => {
    await page.goto('/');
    const href = await page.locator('head link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/^\/icon\.svg(\?|$)/);
    const icon = await request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
  });

  test('the navigation is a visible row marking the current section, with no Menu button', async ({ page }) => {
    await page.goto('/invoices');
    const shell = new Shell(page);
    await expect(shell.menuButton).toBeHidden();
    await expect(shell.navLink('Invoices')).toBeVisible();
    await expect(shell.navLink('Invoices')).toHaveAttribute('aria-current', 'page');
    await expect(shell.navLink('Overview')).not.toHaveAttribute('aria-current');
    await page.goto('/settings/recurring');
    await expect(shell.navLink('Settings')).toHaveAttribute('aria-current', 'page');
  });

  test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    const shell = new Shell(page);
    await page.keyboard.press('Tab');
    await expect(shell.skipLink).toBeFocused();
    await expect(shell.skipLink).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(shell.main).toBeFocused();
  });

  test('every control of the shell shows a visible focus ring when reached by keyboard', async ({ page }) => {
    await page.goto('/');
    const seen: string[] = [];
    // Tab through the whole shell: skip link, brand, the seven sections, the company switcher, "New company", the
    // account, theme.
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          inHeader: !!el.closest('header') || el.textContent === 'Skip to main content',
          name: (el.getAttribute('aria-label') ?? (el instanceof HTMLSelectElement ? el.labels?.[0]?.textContent : el.textContent) ?? '').trim(),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
      });
      if (!focus.inHeader) break;
      seen.push(focus.name);
      expect(focus.outline, `focus ring on “${focus.name}”`).toBe(true);
    }
    expect(seen).toEqual(
      expect.arrayContaining(['Skip to main content', 'AiLegr', 'Overview', 'Settings', 'Company', 'New company', 'Sign out', 'Theme']),
    );
  });
});
