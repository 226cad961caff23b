'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

/**
 * The app shell's TanStack Query client: screens that refresh on their own (the recurring list) read through it.
 * Queries refetch when the tab becomes visible again, and never in a hidden tab; one client per browser tab
 * (in state, so a re-render keeps the cache).
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            refetchOnWindowFocus: true,
            refetchIntervalInBackground: false,
            // A failed refresh keeps what the screen shows; retrying a server action three times helps nobody.
            retry: 1,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
