'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ActionForm, useActionForm, type FormAction } from './action-form';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';

/**
 * A one-button form for a destructive action on a record (void), asking for a second click first. `fields` travel
 * as hidden inputs; the action re-validates them.
 */
export function ActionButton<T>({
  action,
  fields,
  label,
  description,
  confirmLabel,
  pendingLabel,
}: {
  action: FormAction<T>;
  fields: Record<string, string>;
  label: string;
  /** Names the form for assistive technology, e.g. "Void PAY-000004". */
  description: string;
  confirmLabel: string;
  pendingLabel?: string;
}) {
  const form = useActionForm(action);
  const [confirming, setConfirming] = useState(false);
  const failed = form.state.result !== null && !form.state.result.ok;
  return (
    <ActionForm form={form} className="action-button" aria-label={description}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirming ? (
        <>
          <SubmitButton variant="destructive" pendingLabel={pendingLabel}>
            {confirmLabel}
          </SubmitButton>
          <Button type="button" variant="outline" size="sm" onClick={() => setConfirming(false)} disabled={form.pending}>
            Cancel
          </Button>
        </>
      ) : (
        <Button type="button" variant="destructive-outline" size="sm" onClick={() => setConfirming(true)}>
          {label}
        </Button>
      )}
      {failed && <FormMessage />}
    </ActionForm>
  );
}

/** A settings row's button (Revoke, Remove): `verb` labels it, `name` says what it acts on, "<verb> now" confirms. */
export function RowActionButton<T>({
  verb,
  name,
  ...rest
}: { verb: string; name: string } & Pick<Parameters<typeof ActionButton<T>>[0], 'action' | 'fields' | 'pendingLabel'>) {
  return <ActionButton {...rest} label={verb} description={`${verb} ${name}`} confirmLabel={`${verb} now`} />;
}
