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
    return this.page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
  }

  /**
   * Visible boxes at least 100×24 px painted with a light background (relative luminance above 0.5), as
   * "tag.class: rgb(…)" lines: in the dark theme a table, card, field or dialog that ignores the theme shows up
   * here. The dark theme's brightest fill, its primary green (#63c29b), is 0.44.
   */
  async lightSurfaces(): Promise<string[]> {
    return this.page.evaluate(() => {
      const channel = (c: number) => {
        const v = c / 255;
        return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      const found: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
        const style = getComputedStyle(el);
        const match = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(style.backgroundColor);
        if (!match || (match[4] !== undefined && Number(match[4]) < 0.5)) continue;
        const box = el.getBoundingClientRect();
        if (box.width < 100 || box.height < 24 || style.visibility === 'hidden') continue;
        const [r, g, b] = [match[1], match[2], match[3]].map((c) => channel(Number(c)));
        if (0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.5) found.push(`${el.tagName.toLowerCase()}.${el.className}: ${style.backgroundColor}`);
      }
      return found;
    });
  }

  /** The name of the element that has focus: its aria-label or its text. */
  async focusedName(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (el?.getAttribute('aria-label') ?? el?.innerText ?? '').trim();
    });
  }
}
