'use client';

import { useTheme } from 'next-themes';
import { useSyncExternalStore, type CSSProperties } from 'react';
import { Toaster as Sonner } from 'sonner';

const subscribeNever = () => () => {};

/**
 * Where `toast()` messages appear (sonner), in the page's theme and colours. The server and the hydrating client
 * render the light theme; the real one is applied right after, so hydration never disagrees.
 */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  const hydrated = useSyncExternalStore(subscribeNever, () => true, () => false);
  return (
    <Sonner
      theme={hydrated && resolvedTheme === 'dark' ? 'dark' : 'light'}
      position="bottom-right"
      closeButton
      style={
        {
          '--normal-bg': 'var(--popover)',
          '--normal-text': 'var(--popover-foreground)',
          '--normal-border': 'var(--border)',
          '--border-radius': 'var(--radius)',
        } as CSSProperties
      }
    />
  );
}
