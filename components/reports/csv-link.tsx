'use client';

import { Download } from 'lucide-react';
import { buttonVariants } from '@/components/ui/button';

/**
 * The link that downloads a report as CSV (its route handler builds it from the same rows as the screen). A real
 * link, looking like the kit's outline button: it navigates to a file, so it is announced as a link.
 */
export function CsvLink({ href }: { href: string }) {
  return (
    <a href={href} download className={buttonVariants({ variant: 'outline', size: 'sm' })}>
      <Download aria-hidden="true" />
      Export CSV
    </a>
  );
}
