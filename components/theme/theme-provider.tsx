'use client';

import { ThemeProvider as NextThemesProvider } from 'next-themes';
import type { ReactNode } from 'react';

/** Where the chosen theme is kept in the browser (localStorage), read by the inline script before first paint. */
const THEME_STORAGE_KEY = 'ailegr-theme';

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

/**
 * Light or dark, following the system until the user picks one. next-themes puts an inline script at the top of
 * <body> that sets the `dark`/`light` class and `color-scheme` on <html> before anything is painted, so a reload
 * never flashes the other theme.
 */
export function ThemeProvider({ children }: { children: ReactNode }) {
  return (
    <NextThemesProvider attribute="class" storageKey={THEME_STORAGE_KEY} defaultTheme="system" enableSystem disableTransitionOnChange>
      {children}
    </NextThemesProvider>
  );
}
