import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, PHONE, Shell } from './pages/shell';

/** axe's serious and critical findings against WCAG 2.1 A/AA, as "rule: target" lines (empty when clean). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`.trim()));
}

for (const theme of ['light', 'dark'] as const) {
  for (const [size, viewport] of [
    ['1366', DESKTOP],
    ['390', PHONE],
  ] as const) {
    test.describe(`the overview in ${theme} at ${size} px`, () => {
      test.use({ viewport, colorScheme: theme });

      test('has no serious or critical axe violation', async ({ page }) => {
        await page.goto('/');
        const shell = new Shell(page);
        await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
        expect(await seriousViolations(page)).toEqual([]);
        // The open menus are part of the page too.
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
