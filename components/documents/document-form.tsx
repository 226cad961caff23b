'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { DocumentKind } from '@/db/schema/enums';
import { ActionForm, useActionForm, type FormAction } from '@/components/forms/action-form';
import { Field, SelectField, TextAreaField, TextField, type SelectOption } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { MoneyInput } from '@/components/money-input';
import { addDays, differenceInDays, isValidCalendarDate } from '@/lib/dates/calendar-date';
import { DEFAULT_DUE_TERM_DAYS, DOCUMENT_COPY, DUE_TERM_DAYS } from './document-copy';

/** What the form needs back from the create action to link to the new document. */
export interface CreatedDocument {
  id: number;
  number: string;
}

interface DocumentFormProps {
  kind: DocumentKind;
  action: FormAction<CreatedDocument>;
  parties: readonly SelectOption[];
  categories: readonly SelectOption[];
  currency: string;
  /** Today in the company's zone, as YYYY-MM-DD. */
  today: string;
}

/** The new-invoice and new-bill form: one form, worded and routed by `kind`. */
export function DocumentForm({ kind, action, parties, categories, currency, today }: DocumentFormProps) {
  const copy = DOCUMENT_COPY[kind];
  const form = useActionForm(action);
  const created = form.state.result?.ok ? form.state.result.data : null;
  const headingId = `new-${kind}-heading`;
  return (
    <ActionForm form={form} aria-labelledby={headingId}>
      <h2 id={headingId}>New {copy.noun.toLowerCase()}</h2>
      {/* A success clears the fields by remounting them; an error leaves everything as typed. */}
      <DocumentFields key={form.state.successes} kind={kind} parties={parties} categories={categories} currency={currency} today={today} />
      <div className="form-actions">
        <SubmitButton pendingLabel="Creating…">Create {copy.noun.toLowerCase()}</SubmitButton>
        <FormMessage>
          {created && (
            <>
              {' '}
              <Link href={`${copy.listPath}/${created.id}`}>Open {created.number}</Link>
            </>
          )}
        </FormMessage>
      </div>
    </ActionForm>
  );
}

function DocumentFields({ kind, parties, categories, currency, today }: Omit<DocumentFormProps, 'action'>) {
  const copy = DOCUMENT_COPY[kind];
  const [issueDate, setIssueDate] = useState(today);
  const [dueDate, setDueDate] = useState(() => dueDateAfter(today, DEFAULT_DUE_TERM_DAYS) ?? today);
  const [custom, setCustom] = useState(false);
  const term = custom ? null : termBetween(issueDate, dueDate);

  const changeIssueDate = (next: string) => {
    setIssueDate(next);
    const due = term === null ? null : dueDateAfter(next, term);
    if (due) setDueDate(due);
  };
  const changeTerm = (value: string) => {
    setCustom(value === '');
    const due = value === '' ? null : dueDateAfter(issueDate, Number(value));
    if (due) setDueDate(due);
  };

  return (
    <>
      <div className="row">
        <SelectField
          name="partyId"
          label={copy.party}
          placeholder={parties.length ? `Choose a ${copy.party.toLowerCase()}…` : `No ${copy.partyPlural} yet: add one below`}
          options={parties}
          defaultValue=""
        />
        <SelectField name="categoryId" label="Category" placeholder="Choose a category…" options={categories} defaultValue="" />
      </div>
      <div className="row">
        <TextField name="issueDate" label="Issue date" type="date" value={issueDate} onChange={(e) => changeIssueDate(e.target.value)} max="9999-12-31" />
        <Field name="dueTerm" label="Terms">
          {({ id }) => (
            <select id={id} value={term === null ? '' : String(term)} onChange={(e) => changeTerm(e.target.value)}>
              {DUE_TERM_DAYS.map((days) => (
                <option key={days} value={days}>
                  Net {days}
                </option>
              ))}
              <option value="">Custom</option>
            </select>
          )}
        </Field>
        <TextField name="dueDate" label="Due date" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} min={issueDate} max="9999-12-31" />
      </div>
      <div className="row">
        <MoneyInput name="amount" label="Amount" currency={currency} />
        <TextField name="reference" label="Reference (optional)" hint="Your own number; left empty, the document number is used." autoComplete="off" />
      </div>
      <TextAreaField name="memo" label="Memo" />
    </>
  );
}

/** The preset term (in days) that takes `issueDate` to `dueDate`, or null for a custom due date. */
function termBetween(issueDate: string, dueDate: string): number | null {
  if (!isValidCalendarDate(issueDate) || !isValidCalendarDate(dueDate)) return null;
  const days = differenceInDays(dueDate, issueDate);
  return (DUE_TERM_DAYS as readonly number[]).includes(days) ? days : null;
}

function dueDateAfter(issueDate: string, days: number): string | null {
  if (!isValidCalendarDate(issueDate)) return null;
  try {
    return addDays(issueDate, days);
  } catch {
    return null; // past 9999-12-31: leave the due date for the person to fix
  }
}
