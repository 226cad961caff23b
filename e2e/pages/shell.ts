import type { Locator, Page } from '@playwright/test';

/** A phone (iPhone 12–15 width) and the desktop width the kit is checked at. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 768 };

/** The page background of each theme (the `--background` token), as getComputedStyle reports it. */
export const BACKGROUND = { light: 'rgb(247, 247, 245)', dark: 'rgb(17, 19, 18)' } as const;

/** The signed-in shell: top bar, navigation, theme switch. */
export class Shell {
  readonly header: Locator;
  readonly menuButton: Locator;
  readonly nav: Locator;
  readonly themeButton: Locator;
  readonly skipLink: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.menuButton = page.getByRole('button', { name: 'Menu' });
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.themeButton = page.getByRole('button', { name: 'Theme' });
    this.skipLink = page.getByRole('link', { name: 'Skip to main content' });
    this.main = page.locator('main#main');
  }

  navLink(name: string): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  async chooseTheme(name: 'System' | 'Light' | 'Dark') {
    await this.themeButton.click();
    await this.page.getByRole('menuitemradio', { name }).click();
  }

  /** `dark`, `light`, or '' when no theme class is set yet. */
  async themeClass(): Promise<string> {
    return this.page.evaluate(() => ['dark', 'light'].find((c) => document.documentElement.classList.contains(c)) ?? '');
  }

  async bodyBackground(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }

  /** How many pixels the page is wider than the viewport (0 when nothing scrolls sideways). */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }

  /** The name of the element that has focus: its aria-label or its text. */
  async focusedName(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (el?.getAttribute('aria-label') ?? el?.innerText ?? '').trim();
    });
  }
}
