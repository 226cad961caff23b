'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { isInSection, NAV_ITEMS } from './nav-items';

/**
 * The app's sections. In the phone menu they stack as full-width rows; on a wide screen they are one row of tabs
 * under the top bar. The current section carries `aria-current="page"`.
 */
export function MainNav({ className }: { className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={className}>
      <ul className="flex flex-col gap-0.5 lg:flex-row lg:gap-1">
        {NAV_ITEMS.map((item) => {
          const current = isInSection(pathname, item.section);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'flex h-11 items-center rounded-md px-3 text-sm font-medium whitespace-nowrap text-muted-foreground no-underline',
                  'hover:bg-accent hover:text-foreground lg:h-10 lg:rounded-none lg:border-b-2 lg:border-transparent lg:px-3 lg:hover:bg-transparent',
                  current && 'bg-accent text-foreground lg:border-primary lg:bg-transparent',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
