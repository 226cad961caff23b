'use client';

import type { PartyKind } from '@/db/schema/enums';
import { ActionForm, useActionForm, type FormAction } from '@/components/forms/action-form';
import { SelectField, TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

const KIND_OPTIONS = [
  { value: 'customer', label: 'Customer' },
  { value: 'vendor', label: 'Vendor' },
] as const;

/**
 * Adds a customer or vendor. With `kind`, the action decides the kind itself and the form asks only for the name
 * and email (the quick add beside a new invoice or bill).
 */
export function PartyForm({ action, kind, className }: { action: FormAction<unknown>; kind?: PartyKind; className?: string }) {
  const form = useActionForm(action);
  const noun = kind ?? 'customer or vendor';
  return (
    <ActionForm form={form} className={className} aria-label={`Add a ${noun}`}>
      <div className="row" key={form.state.successes}>
        {!kind && <SelectField name="kind" label="Kind" options={KIND_OPTIONS} defaultValue="customer" />}
        <TextField name="name" label="Name" autoComplete="organization" />
        <TextField name="email" label="Email (optional)" type="email" autoComplete="email" />
      </div>
      <div className="form-actions">
        <SubmitButton pendingLabel="Adding…">Add {noun}</SubmitButton>
        <FormMessage />
      </div>
    </ActionForm>
  );
}
