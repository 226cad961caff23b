'use client';

import { LogOutIcon } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { authClient } from '@/lib/auth/auth-client';

/**
 * Who is signed in, and signing out. Signing out ends the session on the server, then replaces this page with
 * the sign-in page by a full load, so the client's router cache (which holds the private screens) is dropped.
 */
export function AccountMenu({ name, email, roleLabel }: { name: string; email: string; roleLabel: string }) {
  const [pending, setPending] = useState(false);
  useReloadWhenRestoredFromCache();

  async function signOut() {
    setPending(true);
    await authClient.signOut();
    window.location.replace('/sign-in');
  }

  return (
    <div className="flex min-w-0 items-center gap-2 text-sm">
      <Link href="/account" title={email} className="min-w-0 truncate font-medium text-foreground no-underline hover:underline">
        {name}
      </Link>
      <Badge tone="outline" data-testid="current-role">
        {roleLabel}
      </Badge>
      <Button variant="outline" size="sm" onClick={signOut} disabled={pending} className="ml-auto lg:ml-1">
        <LogOutIcon aria-hidden />
        {pending ? 'Signing out…' : 'Sign out'}
      </Button>
    </div>
  );
}

/**
 * A page shown again by the back button may come from the browser's back-forward cache, rendered for a session
 * that has since ended. Reloading asks the server, which answers with sign-in when the session is gone.
 */
function useReloadWhenRestoredFromCache() {
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);
}
