'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { REPORT_BASES, type ReportBasis } from '@/db/schema/enums';
import type { ActionResult } from '@/lib/http/action';
import { BASIS_LABELS } from '@/lib/ledger/report-periods';

/**
 * Accrual or cash: two links to the report on each basis (the basis lives in the URL, so a link works without
 * script too). With script, choosing one also remembers it for this user and company first, so the report opens
 * on that basis next time. Mounted on the P&L; the Overview can mount it as well (its `hrefs` point at itself).
 */
export function BasisToggle({
  current,
  hrefs,
  remember,
}: {
  current: ReportBasis;
  hrefs: Record<ReportBasis, string>;
  remember: (previous: unknown, formData: FormData) => Promise<ActionResult>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const choose = (basis: ReportBasis) =>
    startTransition(async () => {
      const form = new FormData();
      form.set('basis', basis);
      const result = await remember(null, form);
      if (!result.ok) toast.error(`The basis could not be remembered: ${result.error.message}`);
      router.push(hrefs[basis]);
    });
  return (
    <nav aria-label="Basis" className="no-print inline-flex rounded-md border border-input bg-card p-0.5 text-sm" aria-busy={pending || undefined}>
      {REPORT_BASES.map((basis) => (
        <Link
          key={basis}
          href={hrefs[basis]}
          aria-current={basis === current ? 'page' : undefined}
          className="rounded px-3 py-1 font-medium text-foreground no-underline hover:bg-accent aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground"
          onClick={(event) => {
            event.preventDefault();
            if (basis !== current) choose(basis);
          }}
        >
          {BASIS_LABELS[basis]}
        </Link>
      ))}
    </nav>
  );
}
