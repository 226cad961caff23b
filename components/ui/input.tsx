import type { ComponentProps } from 'react';
import { cn } from './cn';

/** What every text-like control shares: height, border, focus ring and the invalid state from `aria-invalid`. */
export const controlClass = cn(
  'w-full min-w-0 rounded-md border border-input bg-card px-3 py-1.5 text-base text-foreground sm:text-sm',
  'placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-60',
  'focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40',
  'aria-invalid:border-destructive aria-invalid:bg-destructive/5',
);

export function Input({ className, type = 'text', ...props }: ComponentProps<'input'>) {
  return <input data-slot="input" type={type} className={cn(controlClass, 'h-9', className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea data-slot="textarea" className={cn(controlClass, 'min-h-16 resize-y', className)} {...props} />;
}

/**
 * The browser's own `<select>`, styled like the other controls: the right choice for short lists inside forms
 * (it posts without JavaScript and phones show their native picker). Use `Select` for a styled popup.
 */
export function NativeSelect({ className, ...props }: ComponentProps<'select'>) {
  return <select data-slot="native-select" className={cn(controlClass, 'h-9 pr-8', className)} {...props} />;
}
