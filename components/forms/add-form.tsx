'use client';

import type { ReactNode } from 'react';
import { ActionForm, useActionForm, type FormAction } from './action-form';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';

/**
 * A titled form that adds a record: its fields in a row (emptied after each success), the submit button and the
 * form's message, then what `shownOnce` makes of the last success's data (a new key, a temporary password).
 */
export function AddForm<T>({
  action,
  title,
  submitLabel,
  pendingLabel,
  children,
  shownOnce,
}: {
  action: FormAction<T>;
  title: string;
  submitLabel: string;
  pendingLabel: string;
  children: ReactNode;
  shownOnce: (data: T) => ReactNode;
}) {
  const form = useActionForm(action);
  const result = form.state.result;
  return (
    <ActionForm form={form} aria-label={title}>
      <h2>{title}</h2>
      <div className="row" key={form.state.successes}>
        {children}
      </div>
      <div className="form-actions">
        <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
        <FormMessage />
      </div>
      {result?.ok && shownOnce(result.data)}
    </ActionForm>
  );
}
