import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openAppPage, resolvePaths, signedOutPage } from './pages/app-pages';
import { DESKTOP, PHONE, Shell } from './pages/shell';

/** axe's serious and critical findings against WCAG 2.1 A/AA, as "rule: target" lines (empty when clean). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`.trim()));
}

const WIDTHS = [
  ['1366', DESKTOP],
  ['390', PHONE],
] as const;

for (const theme of ['light', 'dark'] as const) {
  for (const [size, viewport] of WIDTHS) {
    test.describe(`in ${theme} at ${size} px`, () => {
      test.use({ viewport, colorScheme: theme });

      // One browser context per theme and width (this test's), every page of the app in turn.
      test('no page has a serious or critical axe violation', async ({ page, request, browser }) => {
        test.setTimeout(240_000);
        const found: Record<string, string[]> = {};
        for (const appPage of await resolvePaths(request)) {
          const target = appPage.signedOut ? await signedOutPage(browser, theme, viewport) : page;
          await openAppPage(target, appPage, theme);
          const violations = await seriousViolations(target);
          if (violations.length > 0) found[`${appPage.name} (${appPage.url})`] = violations;
          if (appPage.signedOut) await target.context().close();
        }
        expect(found).toEqual({});
      });

      test('the open menus of the shell have no serious or critical axe violation', async ({ page }) => {
        await openAppPage(page, { name: 'Overview', path: '/', url: '/' }, theme);
        const shell = new Shell(page);
        if (size === '390') {
          await shell.menuButton.click();
          await expect(shell.nav).toBeVisible();
          expect(await seriousViolations(page)).toEqual([]);
          await page.keyboard.press('Escape');
        }
        await shell.themeButton.click();
        await expect(page.getByRole('menu')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });
    });
  }
}
