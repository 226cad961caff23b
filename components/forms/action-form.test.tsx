// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionResult } from '@/lib/http/action';
import { ActionForm, useActionForm, type FormAction } from './action-form';
import { TextField } from './field';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';

afterEach(cleanup);

function NameForm({ action }: { action: FormAction<unknown> }) {
  const form = useActionForm(action);
  return (
    <ActionForm form={form} aria-label="Name">
      <TextField name="name" label="Name" />
      <TextField name="email" label="Email" />
      <SubmitButton>Save</SubmitButton>
      <FormMessage />
    </ActionForm>
  );
}

async function submitWith(result: ActionResult<unknown>) {
  const user = userEvent.setup();
  render(<NameForm action={async () => result} />);
  await user.click(screen.getByRole('button', { name: 'Save' }));
}

// Issue 13, keyboard: "after a submit, focus moves to the result or to the first error".
describe('focus after a form is submitted', () => {
  it('moves to the first field with an error', async () => {
    await submitWith({ ok: false, error: { code: 'validation', message: 'Some fields need attention', fields: { email: ['Enter a valid email address'] } } });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Email' })));
  });

  it('moves to the form’s error message when the error belongs to no visible field', async () => {
    await submitWith({ ok: false, error: { code: 'conflict', message: 'Someone changed this meanwhile: reload it' } });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert')));
    expect(screen.getByRole('alert').textContent).toBe('Someone changed this meanwhile: reload it');
  });

  it('moves to the success message, which is read out', async () => {
    await submitWith({ ok: true, data: null, message: 'Saved Acme' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('status')));
    expect(screen.getByRole('status').textContent).toBe('Saved Acme');
  });
});
