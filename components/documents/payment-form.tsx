'use client';

import { ActionForm, useActionForm, type FormAction } from '@/components/forms/action-form';
import { TextAreaField, TextField } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { MoneyInput } from '@/components/money-input';

interface PaymentFormProps {
  action: FormAction<unknown>;
  documentId: number;
  currency: string;
  /** The open balance as decimal text (`1000.00`), or null when nothing is left to pay. */
  openAmount: string | null;
  /** The default payment date: today in the company's zone, never before the document. */
  defaultDate: string;
  /** The document's issue date: a payment cannot be dated earlier. */
  minDate: string;
  paidInFullNote: string;
}

/** Records a payment against one document; stays mounted once it is paid so its confirmation stays visible. */
export function PaymentForm({ action, documentId, currency, openAmount, defaultDate, minDate, paidInFullNote }: PaymentFormProps) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} aria-labelledby="record-payment-heading">
      <h2 id="record-payment-heading">Record payment</h2>
      <input type="hidden" name="documentId" value={documentId} />
      {openAmount === null ? (
        <p className="muted">{paidInFullNote}</p>
      ) : (
        // Remounted after each success so the amount defaults to the new open balance.
        <div key={form.state.successes}>
          <div className="row">
            <MoneyInput name="amount" label="Amount" currency={currency} defaultValue={openAmount} />
            <TextField name="date" label="Date" type="date" defaultValue={defaultDate} min={minDate} max="9999-12-31" />
            <TextField name="reference" label="Reference (optional)" autoComplete="off" />
          </div>
          <TextAreaField name="memo" label="Memo" />
        </div>
      )}
      <div className="form-actions">
        {openAmount !== null && <SubmitButton pendingLabel="Recording…">Record payment</SubmitButton>}
        <FormMessage />
      </div>
    </ActionForm>
  );
}
