'use client';

import type { ReactNode } from 'react';
import { useFormContext } from './action-form';

/** The form's submit button, disabled (and relabelled) while the action runs. */
export function SubmitButton({ children, pendingLabel, className }: { children: ReactNode; pendingLabel?: string; className?: string }) {
  const { pending } = useFormContext();
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending}>
      {pending ? (pendingLabel ?? 'Saving…') : children}
    </button>
  );
}
