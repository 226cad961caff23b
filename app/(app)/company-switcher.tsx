'use client';

import { usePathname } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action';

export interface SwitcherCompany {
  id: string;
  name: string;
}

/**
 * Chooses the session's current company. After the switch the page is loaded afresh (not from the client's
 * router cache, which may hold the other company's screens); a record page goes to its list, since the record
 * belongs to the company left behind.
 */
export function CompanySwitcher({
  companies,
  currentId,
  action,
}: {
  companies: SwitcherCompany[];
  currentId: string;
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ companyId: string }>>;
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
    <span className="company-switcher">
      <label htmlFor="company-switcher">Company</label>
      <select id="company-switcher" value={currentId} disabled={pending} onChange={(e) => onChange(e.target.value)}>
        {companies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {error && (
        <span role="alert" className="form-error">
          {error}
        </span>
      )}
    </span>
  );
}
