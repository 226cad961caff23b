'use client';

import { Combobox as ComboboxPrimitive } from '@base-ui/react/combobox';
import { CheckIcon, ChevronDownIcon, XIcon } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from './cn';
import { controlClass } from './input';
import { popupItemClass, popupSurfaceClass } from './popup-styles';

/** A searchable choice (a party among hundreds, a time zone among 400): type to filter, arrows to pick. */
export const Combobox = ComboboxPrimitive.Root;

export function ComboboxLabel({ className, ...props }: ComponentProps<typeof ComboboxPrimitive.Label>) {
  return <ComboboxPrimitive.Label data-slot="combobox-label" className={cn('text-sm font-medium', className)} {...props} />;
}

export function ComboboxInput({
  className,
  showClear = false,
  clearLabel = 'Clear',
  openLabel = 'Show options',
  ...props
}: ComponentProps<typeof ComboboxPrimitive.Input> & { showClear?: boolean; clearLabel?: string; openLabel?: string }) {
  return (
    <ComboboxPrimitive.InputGroup data-slot="combobox-input-group" className="relative">
      <ComboboxPrimitive.Input data-slot="combobox-input" className={cn(controlClass, 'h-9', showClear ? 'pr-16' : 'pr-9', className)} {...props} />
      <span className="absolute inset-y-0 right-1 flex items-center text-muted-foreground">
        {showClear && (
          <ComboboxPrimitive.Clear data-slot="combobox-clear" aria-label={clearLabel} className="flex size-7 items-center justify-center rounded-md hover:bg-accent hover:text-foreground">
            <XIcon className="size-4" aria-hidden />
          </ComboboxPrimitive.Clear>
        )}
        <ComboboxPrimitive.Trigger data-slot="combobox-trigger" aria-label={openLabel} className="flex size-7 items-center justify-center rounded-md hover:bg-accent hover:text-foreground">
          <ChevronDownIcon className="size-4" aria-hidden />
        </ComboboxPrimitive.Trigger>
      </span>
    </ComboboxPrimitive.InputGroup>
  );
}

export function ComboboxContent({ className, children, ...props }: ComponentProps<typeof ComboboxPrimitive.Popup>) {
  return (
    <ComboboxPrimitive.Portal>
      <ComboboxPrimitive.Positioner sideOffset={4} className="z-50 outline-none">
        <ComboboxPrimitive.Popup
          data-slot="combobox-content"
          className={cn(popupSurfaceClass, 'w-(--anchor-width) max-w-(--available-width)', className)}
          {...props}
        >
          {children}
        </ComboboxPrimitive.Popup>
      </ComboboxPrimitive.Positioner>
    </ComboboxPrimitive.Portal>
  );
}

export function ComboboxList({ className, ...props }: ComponentProps<typeof ComboboxPrimitive.List>) {
  return (
    <ComboboxPrimitive.List
      data-slot="combobox-list"
      className={cn('max-h-[min(20rem,var(--available-height))] scroll-py-1 overflow-y-auto overscroll-contain p-1 data-empty:p-0', className)}
      {...props}
    />
  );
}

export function ComboboxItem({ className, children, ...props }: ComponentProps<typeof ComboboxPrimitive.Item>) {
  return (
    <ComboboxPrimitive.Item data-slot="combobox-item" className={cn(popupItemClass, 'relative pr-8', className)} {...props}>
      {children}
      <ComboboxPrimitive.ItemIndicator className="absolute right-2 flex items-center">
        <CheckIcon aria-hidden />
      </ComboboxPrimitive.ItemIndicator>
    </ComboboxPrimitive.Item>
  );
}

export function ComboboxEmpty({ className, ...props }: ComponentProps<typeof ComboboxPrimitive.Empty>) {
  return <ComboboxPrimitive.Empty data-slot="combobox-empty" className={cn('px-3 py-2 text-sm text-muted-foreground empty:hidden', className)} {...props} />;
}
