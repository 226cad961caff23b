'use client';

import type { ComponentProps } from 'react';
import { ActionForm, useActionForm, type FormAction } from '@/components/forms/action-form';
import { SelectField, TextField, type SelectOption } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TimeZonePicker } from './time-zone-picker';

interface CompanyFormProps {
  action: FormAction<unknown>;
  name: string;
  baseCurrency: string;
  /** The stored zone, or '' for UTC. */
  timeZone: string;
  currencies: readonly SelectOption[];
  /** IANA zone names, '' (UTC) first. */
  timeZones: readonly string[];
  locale: string;
  /** The company locales, each labelled with a sample date in its format. */
  locales: readonly SelectOption[];
}

/** What each select setting means for the company, said under it. */
const HINTS = {
  baseCurrency: 'Every amount is kept in this currency’s minor units, so it is fixed once anything is posted.',
  locale: 'Every date on every screen of the company reads this way; times show in the company’s zone.',
};

/** A select on a form row of its own, as wide as the row. */
function SelectRow(props: ComponentProps<typeof SelectField>) {
  return (
    <div className="row">
      <SelectField {...props} />
    </div>
  );
}

/** The company profile. Values stay as typed after an error and as saved after a success. */
export function CompanyForm({ action, name, baseCurrency, timeZone, currencies, timeZones, locale, locales }: CompanyFormProps) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} aria-label="Company profile">
      <TextField name="name" label="Company name" defaultValue={name} autoComplete="organization" />
      <SelectRow name="baseCurrency" label="Base currency" options={currencies} defaultValue={baseCurrency} hint={HINTS.baseCurrency} />
      <TimeZonePicker zones={timeZones} saved={timeZone} />
      <SelectRow name="locale" label="Date format" options={locales} defaultValue={locale} hint={HINTS.locale} />
      <div className="form-actions">
        <SubmitButton>Save settings</SubmitButton>
        <FormMessage />
      </div>
    </ActionForm>
  );
}
