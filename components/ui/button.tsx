'use client';

import { Button as ButtonPrimitive } from '@base-ui/react/button';
import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from './cn';

export const buttonVariants = cva(
  [
    'inline-flex shrink-0 cursor-pointer items-center justify-center gap-2 rounded-md border border-transparent text-sm font-medium whitespace-nowrap',
    'transition-colors select-none disabled:cursor-default disabled:opacity-60 data-disabled:cursor-default data-disabled:opacity-60',
    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
    "[&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
  ],
  {
    variants: {
      variant: {
        default: 'bg-primary text-primary-foreground hover:not-disabled:bg-primary/90',
        secondary: 'bg-secondary text-secondary-foreground hover:not-disabled:bg-accent',
        outline: 'border-input bg-card text-foreground hover:not-disabled:bg-accent',
        ghost: 'text-foreground hover:not-disabled:bg-accent data-popup-open:bg-accent',
        destructive: 'bg-destructive text-destructive-foreground hover:not-disabled:bg-destructive/90',
        'destructive-outline': 'border-destructive/50 bg-transparent text-destructive hover:not-disabled:bg-destructive/10',
        link: 'h-auto px-0 text-primary underline-offset-4 hover:underline',
      },
      size: {
        default: 'h-9 px-4',
        sm: 'h-8 px-3',
        lg: 'h-10 px-5',
        icon: 'size-9',
        'icon-sm': 'size-8',
      },
    },
    defaultVariants: { variant: 'default', size: 'default' },
  },
);

export type ButtonProps = ComponentProps<typeof ButtonPrimitive> & VariantProps<typeof buttonVariants>;

/** A button in one of the kit's variants; `render` swaps the element (a link styled as a button). */
export function Button({ className, variant, size, ...props }: ButtonProps) {
  return <ButtonPrimitive data-slot="button" className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}
