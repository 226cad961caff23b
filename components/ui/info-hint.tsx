'use client';

import { Popover as PopoverPrimitive } from '@base-ui/react/popover';
import { InfoIcon } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { cn } from './cn';
import { popupSurfaceClass } from './popup-styles';

/**
 * A small (i) button beside a label that explains it. It is a real button in the tab order, named by `label`
 * ("About Day of month"); the text is also its description, so a screen reader reads it on focus without opening
 * anything. Hovering, clicking, Enter or Space show it in a popover (a popover, not a tooltip, so touch screens get it
 * too); Escape closes it and returns focus.
 */
export function InfoHint({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  const descriptionId = useId();
  return (
    <PopoverPrimitive.Root>
      <PopoverPrimitive.Trigger
        data-slot="info-hint"
        openOnHover
        delay={150}
        aria-label={label}
        aria-describedby={descriptionId}
        className={cn(
          'inline-flex size-5 shrink-0 cursor-help items-center justify-center rounded-full align-middle text-muted-foreground',
          'hover:text-foreground data-popup-open:text-foreground',
          className,
        )}
      >
        <InfoIcon className="size-4" aria-hidden />
      </PopoverPrimitive.Trigger>
      {/* The description read with the button; kept in the page while the popover is closed. */}
      <span id={descriptionId} hidden>
        {children}
      </span>
      <PopoverPrimitive.Portal>
        <PopoverPrimitive.Positioner side="top" sideOffset={6} className="z-50">
          <PopoverPrimitive.Popup
            data-slot="info-hint-content"
            initialFocus={false}
            className={cn(popupSurfaceClass, 'max-w-[min(20rem,var(--available-width))] px-3 py-2 text-sm leading-snug')}
          >
            {children}
          </PopoverPrimitive.Popup>
        </PopoverPrimitive.Positioner>
      </PopoverPrimitive.Portal>
    </PopoverPrimitive.Root>
  );
}
