'use client';

import { useId, type ComponentProps, type ReactNode } from 'react';
import { cn } from './cn';
import { InfoHint } from './info-hint';

export function Label({ className, ...props }: ComponentProps<'label'>) {
  return <label data-slot="label" className={cn('text-sm leading-none font-medium', className)} {...props} />;
}

/** What a control needs to be tied to its label, description and errors. */
export interface FieldControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A label, one control, an optional description and the control's errors, wired for assistive technology: the
 * control gets the label's `id`, `aria-invalid` when there are errors, and `aria-describedby` naming the errors and
 * the description. `info` adds an InfoHint after the label, named "About {label}".
 */
export function Field({
  label,
  description,
  info,
  errors,
  className,
  children,
}: {
  label: ReactNode;
  description?: ReactNode;
  info?: ReactNode;
  errors?: readonly string[];
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const invalid = errors !== undefined && errors.length > 0;
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const describedBy = [errorId, descriptionId].filter(Boolean).join(' ') || undefined;
  return (
    <div data-slot="field" data-invalid={invalid || undefined} className={cn('flex flex-col gap-1.5', className)}>
      {info ? (
        <span className="flex items-center gap-1">
          <Label htmlFor={id}>{label}</Label>
          <InfoHint label={`About ${typeof label === 'string' ? label : 'this field'}`}>{info}</InfoHint>
        </span>
      ) : (
        <Label htmlFor={id}>{label}</Label>
      )}
      {children({ id, 'aria-invalid': invalid ? true : undefined, 'aria-describedby': describedBy })}
      {description && <FieldDescription id={descriptionId}>{description}</FieldDescription>}
      {invalid && <FieldError id={errorId}>{errors.join(' ')}</FieldError>}
    </div>
  );
}

export function FieldDescription({ className, ...props }: ComponentProps<'small'>) {
  return <small data-slot="field-description" className={cn('field-hint text-xs text-muted-foreground', className)} {...props} />;
}

export function FieldError({ className, ...props }: ComponentProps<'p'>) {
  return <p data-slot="field-error" className={cn('field-error m-0 text-sm text-destructive', className)} {...props} />;
}
