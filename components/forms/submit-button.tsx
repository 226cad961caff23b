'use client';

import type { ReactNode } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';
import { useFormContext } from './action-form';

/** The form's submit button, disabled (and relabelled) while the action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  className,
  variant,
}: {
  children: ReactNode;
  pendingLabel?: string;
  className?: string;
  variant?: ButtonProps['variant'];
}) {
  const { pending } = useFormContext();
  return (
    <Button type="submit" variant={variant} className={className} disabled={pending} aria-disabled={pending}>
      {pending ? (pendingLabel ?? 'Saving…') : children}
    </Button>
  );
}
