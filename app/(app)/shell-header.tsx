'use client';

import { MenuIcon, XIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ThemeSwitch } from '@/components/theme/theme-switch';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { MainNav } from './main-nav';

/**
 * The top bar. Each control is in the page once: on a wide screen the company, the account and the theme sit in
 * one row with the navigation as a row of tabs below; on a phone (below 1024 px) the bar keeps only the brand, the
 * Menu button and the theme switch (56 px tall), and Menu discloses the navigation, the company and the account as
 * a panel under it. The panel closes on Escape (focus back on Menu), on a click outside and after navigating.
 */
export function ShellHeader({ company, account }: { company: ReactNode; account: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [openedAt, setOpenedAt] = useState(pathname);
  const panelId = useId();
  const headerRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // A link in the panel was followed: the new page starts with the panel shut.
  if (openedAt !== pathname) {
    setOpenedAt(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!headerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  return (
    <header
      ref={headerRef}
      className={cn(
        'sticky top-0 z-40 border-b border-border bg-card',
        'flex h-14 items-center gap-2 px-3 sm:px-4',
        'lg:grid lg:h-auto lg:grid-cols-[auto_minmax(0,1fr)_auto_auto] lg:grid-rows-[3.5rem_auto] lg:gap-x-4 lg:px-6',
      )}
    >
      <Link href="/" className="text-lg font-bold tracking-tight text-primary no-underline lg:col-start-1 lg:row-start-1">
        AiLegr
      </Link>
      <Button
        ref={buttonRef}
        variant="ghost"
        size="sm"
        className="ml-auto lg:hidden"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? <XIcon aria-hidden /> : <MenuIcon aria-hidden />}
        Menu
      </Button>
      <div
        id={panelId}
        data-open={open || undefined}
        className={cn(
          // Phone: a panel under the bar while open, hidden otherwise.
          'absolute inset-x-0 top-full max-h-[calc(100dvh-3.5rem)] flex-col gap-4 overflow-y-auto border-b border-border bg-card p-3 shadow-lg',
          open ? 'flex' : 'hidden',
          // Wide screen: the panel's box disappears and its parts become cells of the header's grid.
          'lg:contents',
        )}
      >
        <MainNav className="lg:col-span-full lg:row-start-2 lg:-mx-3 lg:overflow-x-auto" />
        <div className="border-t border-border pt-3 lg:col-start-2 lg:row-start-1 lg:flex lg:min-w-0 lg:items-center lg:border-0 lg:pt-0">
          {company}
        </div>
        <div className="border-t border-border pt-3 lg:col-start-3 lg:row-start-1 lg:border-0 lg:pt-0">{account}</div>
      </div>
      <ThemeSwitch className="lg:col-start-4 lg:row-start-1" />
    </header>
  );
}
