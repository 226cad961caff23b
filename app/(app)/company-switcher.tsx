'use client';

import { usePathname } from 'next/navigation';
import { useState, useTransition } from 'react';
import { cn } from '@/components/ui/cn';
import { NativeSelect } from '@/components/ui/input';
import type { ActionResult } from '@/lib/http/action';

export interface SwitcherCompany {
  id: string;
  name: string;
}

/**
 * Chooses the session's current company. After the switch the page is loaded afresh (not from the client's
 * router cache, which may hold the other company's screens); a record page goes to its list, since the record
 * belongs to the company left behind. A native select: it is one short list, and phones show their own picker.
 */
export function CompanySwitcher({
  companies,
  currentId,
  action,
  className,
}: {
  companies: SwitcherCompany[];
  currentId: string;
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ companyId: string }>>;
  className?: string;
}) {
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onChange(companyId: string) {
    const formData = new FormData();
    formData.set('companyId', companyId);
    startTransition(async () => {
      const result = await action(null, formData);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      window.location.assign(pathname.replace(/\/\d+$/, '') || '/');
    });
  }

  return (
    <div className={cn('flex min-w-0 flex-col gap-1 lg:flex-row lg:items-center lg:gap-2', className)}>
      <label htmlFor="company-switcher" className="text-sm font-medium lg:sr-only">
        Company
      </label>
      <NativeSelect
        id="company-switcher"
        value={currentId}
        disabled={pending}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 font-medium lg:h-8 lg:w-auto lg:max-w-56"
      >
        {companies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </NativeSelect>
      {error && (
        <span role="alert" className="text-sm text-destructive">
          {error}
        </span>
      )}
    </div>
  );
}
