'use client';

import type { InputHTMLAttributes, ReactNode } from 'react';
import { Input } from '@/components/ui/input';
import { Field } from './forms/field';

/**
 * An amount typed as decimal text (`1,000.50`), never a number input: the server parses it into minor units of
 * the company's currency and answers with a field error when it does not fit (too many decimals, negative).
 */
export function MoneyInput({
  name,
  label,
  currency,
  hint,
  className,
  ...input
}: { name: string; label: string; currency: string; hint?: ReactNode; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'name' | 'id' | 'type'
>) {
  return (
    <Field name={name} label={`${label} (${currency})`} hint={hint} className={className}>
      {(control) => (
        <Input
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder="0.00"
          className="money text-right tabular-nums"
          {...input}
          {...control}
        />
      )}
    </Field>
  );
}
