'use client';

import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cn } from '@/components/ui/cn';
import { Field as KitField, type FieldControlProps } from '@/components/ui/field';
import { Input, NativeSelect, Textarea } from '@/components/ui/input';
import { useFieldErrors } from './action-form';

/** What a control needs to be tied to its label, hint and errors. */
interface ControlProps extends FieldControlProps {
  name: string;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  /** Shown by an (i) button after the label: what the field means in unusual cases. */
  info?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A label, one control, an optional hint and the server's errors for `name`, wired for assistive technology. */
export function Field({ name, label, hint, info, className, children }: FieldProps) {
  const errors = useFieldErrors(name);
  return (
    <KitField label={label} description={hint} info={info} errors={errors} className={cn('field', className)}>
      {(control) => children({ ...control, name })}
    </KitField>
  );
}

type Common = { name: string; label: string; hint?: ReactNode; info?: ReactNode; className?: string };

export function TextField({ name, label, hint, info, className, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>) {
  return (
    <Field name={name} label={label} hint={hint} info={info} className={className}>
      {(control) => <Input type="text" {...input} {...control} />}
    </Field>
  );
}

export function TextAreaField({ name, label, hint, info, className, ...textarea }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id'>) {
  return (
    <Field name={name} label={label} hint={hint} info={info} className={className}>
      {(control) => <Textarea rows={2} {...textarea} {...control} />}
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField({
  name,
  label,
  hint,
  info,
  className,
  options,
  placeholder,
  ...select
}: Common & { options: readonly SelectOption[]; placeholder?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id'>) {
  return (
    <Field name={name} label={label} hint={hint} info={info} className={className}>
      {(control) => (
        <NativeSelect {...select} {...control}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      )}
    </Field>
  );
}
