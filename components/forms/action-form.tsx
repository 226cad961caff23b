'use client';

import { createContext, startTransition, useActionState, useContext, useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/http/action';

/** A server action shaped for `useActionState`: the previous result and the submitted form. */
export type FormAction<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

interface ActionFormState<T> {
  result: ActionResult<T> | null;
  /** Names of the visible fields at submission: errors for any other name are shown as form-level messages. */
  shownFields: readonly string[];
  /** Successful submissions so far: key the fields on it to clear them after a success. */
  successes: number;
}

interface Submission {
  formData: FormData;
  shownFields: string[];
}

export interface ActionFormHandle<T> {
  state: ActionFormState<T>;
  pending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/**
 * Runs a server action from a form and keeps what was typed. The form is submitted through `onSubmit`, not
 * `<form action>`: React resets uncontrolled fields after a form action, and a `<select defaultValue>` is not
 * re-applied on update, so echoing the values back would still lose the chosen party or category.
 */
export function useActionForm<T>(action: FormAction<T>): ActionFormHandle<T> {
  const [state, dispatch, pending] = useActionState(
    async (previous: ActionFormState<T>, submission: Submission): Promise<ActionFormState<T>> => {
      const result = await action(previous.result, submission.formData);
      return { result, shownFields: submission.shownFields, successes: previous.successes + (result.ok ? 1 : 0) };
    },
    { result: null, shownFields: [], successes: 0 },
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return; // Enter in a field while the last submission runs would post it twice
    const form = event.currentTarget;
    const shownFields = Array.from(form.elements).flatMap((el) =>
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) && el.name && el.type !== 'hidden'
        ? [el.name]
        : [],
    );
    const formData = new FormData(form);
    startTransition(() => dispatch({ formData, shownFields }));
  };
  return { state, pending, onSubmit };
}

interface FormContextValue {
  result: ActionResult<unknown> | null;
  shownFields: readonly string[];
  pending: boolean;
}

const FormContext = createContext<FormContextValue>({ result: null, shownFields: [], pending: false });

export function useFormContext(): FormContextValue {
  return useContext(FormContext);
}

/** The errors the last submission got for one field, if any. */
export function useFieldErrors(name: string): string[] | undefined {
  const { result } = useFormContext();
  if (!result || result.ok) return undefined;
  const errors = result.error.fields?.[name];
  return errors && errors.length > 0 ? errors : undefined;
}

/**
 * A `<form>` bound to `useActionForm`: fields inside find their errors by name. After a submission, focus moves to
 * what a keyboard or screen-reader user needs next: the first invalid field, else the outcome (`FormMessage`, the
 * error or the success text), so nobody is left on the submit button wondering what happened.
 */
export function ActionForm<T>({
  form,
  children,
  className = 'panel',
  ...rest
}: {
  form: ActionFormHandle<T>;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const { result, shownFields } = form.state;
  useEffect(() => {
    if (!result) return;
    const form = ref.current;
    const invalid = result.ok ? null : form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const outcome = form?.querySelector<HTMLElement>('[data-form-outcome]');
    (invalid ?? (outcome?.textContent ? outcome : null))?.focus();
  }, [result]);
  return (
    <FormContext value={{ result: result as ActionResult<unknown> | null, shownFields, pending: form.pending }}>
      <form ref={ref} className={className} onSubmit={form.onSubmit} noValidate {...rest}>
        {children}
      </form>
    </FormContext>
  );
}
