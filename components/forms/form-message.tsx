'use client';

import type { ReactNode } from 'react';
import { useFormContext } from './action-form';

/**
 * The outcome of the last submission: the success message, or the form-level error with any field errors that
 * have no visible field to sit next to (a hidden id, a whole-form rule). Focusable by script (`ActionForm` moves
 * focus here after a submission with no invalid field), not by Tab.
 */
export function FormMessage({ children }: { children?: ReactNode }) {
  const { result, shownFields } = useFormContext();
  if (!result) return <div role="status" className="form-message" />;
  if (result.ok) {
    return (
      <div role="status" className="form-message form-ok" tabIndex={-1} data-form-outcome>
        {result.message}
        {children}
      </div>
    );
  }
  const orphans = Object.entries(result.error.fields ?? {})
    .filter(([field]) => !shownFields.includes(field))
    .flatMap(([, messages]) => messages);
  return (
    <div role="alert" className="form-message form-error" tabIndex={-1} data-form-outcome>
      {result.error.message}
      {orphans.length > 0 && (
        <ul>
          {orphans.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
