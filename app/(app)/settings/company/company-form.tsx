'use client';

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

/** The company profile. Values stay as typed after an error and as saved after a success. */
export function CompanyForm({ action, name, baseCurrency, timeZone, currencies, timeZones, locale, locales }: CompanyFormProps) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} aria-label="Company profile">
      <TextField name="name" label="Company name" defaultValue={name} autoComplete="organization" />
      <div className="row">
        <SelectField
          name="baseCurrency"
          label="Base currency"
          options={currencies}
          defaultValue={baseCurrency}
          hint="Every amount is kept in this currency’s minor units, so it is fixed once anything is posted."
        />
      </div>
      <TimeZonePicker zones={timeZones} saved={timeZone} />
      <div className="row">
        <SelectField
          name="locale"
          label="Date format"
          options={locales}
          defaultValue={locale}
          hint="Every date on every screen of the company reads this way; times show in the company’s zone."
        />
      </div>
      <div className="form-actions">
        <SubmitButton>Save settings</SubmitButton>
        <FormMessage />
      </div>
    </ActionForm>
  );
}
