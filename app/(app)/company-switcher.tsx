'use client';

import { PlusIcon } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { useEffect, useMemo, useState, useTransition } from 'react';
import { ActionForm, useActionForm, type FormAction } from '@/components/forms/action-form';
import { SelectField, TextField, type SelectOption } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
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

/** The options for a new company's currency and zone; the server validates the choice against its own lists. */
function useProfileOptions(baseCurrency: string, timeZone: string | null): { currencies: SelectOption[]; timeZones: SelectOption[] } {
  return useMemo(() => {
    const names = new Intl.DisplayNames('en', { type: 'currency' });
    // The current company's values stay choosable even where this browser's lists lack them (an alias zone).
    const withCurrent = (options: SelectOption[], current: string | null) =>
      !current || options.some((o) => o.value === current) ? options : [{ value: current, label: current }, ...options];
    return {
      currencies: withCurrent(
        Intl.supportedValuesOf('currency').map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` })),
        baseCurrency,
      ),
      timeZones: [
        { value: '', label: 'UTC (none)' },
        ...withCurrent(
          Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z.replaceAll('_', ' ') })),
          timeZone,
        ),
      ],
    };
  }, [baseCurrency, timeZone]);
}

/**
 * "New company": starts a new set of books owned by the caller (the same service as `POST /api/companies`) and,
 * once made, loads the app afresh in it. Its currency and zone start as the current company's.
 */
export function NewCompanyDialog({
  action,
  baseCurrency,
  timeZone,
}: {
  action: FormAction<{ companyId: string; name: string }>;
  baseCurrency: string;
  timeZone: string | null;
}) {
  return (
    <Dialog>
      <DialogTrigger render={<Button variant="outline" size="sm" className="w-fit" />}>
        <PlusIcon className="size-4" aria-hidden />
        New company
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New company</DialogTitle>
          <DialogDescription>A new set of books with the standard chart of accounts. You become its owner.</DialogDescription>
        </DialogHeader>
        <NewCompanyForm action={action} baseCurrency={baseCurrency} timeZone={timeZone} />
      </DialogContent>
    </Dialog>
  );
}

function NewCompanyForm({ action, baseCurrency, timeZone }: Parameters<typeof NewCompanyDialog>[0]) {
  const form = useActionForm(action);
  const { currencies, timeZones } = useProfileOptions(baseCurrency, timeZone);
  const result = form.state.result;
  useEffect(() => {
    // The action made it the session's company: load the app afresh there (the router cache holds the old one's).
    if (result?.ok) window.location.assign(window.location.origin);
  }, [result]);
  return (
    <ActionForm form={form} className="grid gap-4" aria-label="New company">
      <TextField name="name" label="Company name" autoComplete="organization" required />
      <SelectField name="baseCurrency" label="Base currency" options={currencies} defaultValue={baseCurrency} />
      <SelectField name="timeZone" label="Time zone" options={timeZones} defaultValue={timeZone ?? ''} />
      <div className="flex flex-col gap-2">
        <SubmitButton pendingLabel="Creating…">Create company</SubmitButton>
        <FormMessage />
      </div>
    </ActionForm>
  );
}
