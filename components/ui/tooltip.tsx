'use client';

import { Tooltip as TooltipPrimitive } from '@base-ui/react/tooltip';
import type { ComponentProps, ReactElement, ReactNode } from 'react';
import { cn } from './cn';

/** Shares the open delay between neighbouring tooltips; the root layout renders one. */
export function TooltipProvider({ delay = 300, ...props }: ComponentProps<typeof TooltipPrimitive.Provider>) {
  return <TooltipPrimitive.Provider delay={delay} {...props} />;
}

export const TooltipRoot = TooltipPrimitive.Root;

export function TooltipTrigger(props: ComponentProps<typeof TooltipPrimitive.Trigger>) {
  return <TooltipPrimitive.Trigger data-slot="tooltip-trigger" {...props} />;
}

export function TooltipContent({
  className,
  side = 'top',
  sideOffset = 6,
  ...props
}: ComponentProps<typeof TooltipPrimitive.Popup> & Pick<ComponentProps<typeof TooltipPrimitive.Positioner>, 'side' | 'sideOffset'>) {
  return (
    <TooltipPrimitive.Portal>
      <TooltipPrimitive.Positioner side={side} sideOffset={sideOffset} className="z-50">
        <TooltipPrimitive.Popup
          data-slot="tooltip-content"
          className={cn(
            'max-w-64 rounded-md bg-foreground px-2 py-1 text-xs text-background shadow-md',
            'origin-(--transform-origin) transition-[scale,opacity] duration-100',
            'data-starting-style:scale-95 data-starting-style:opacity-0 data-ending-style:scale-95 data-ending-style:opacity-0',
            className,
          )}
          {...props}
        />
      </TooltipPrimitive.Positioner>
    </TooltipPrimitive.Portal>
  );
}

/**
 * A visual label for a control that already has an accessible name (an icon button's `aria-label`): tooltips are
 * not read on touch screens, so anything a user needs to know belongs in an `InfoHint` instead.
 */
export function Tooltip({ content, children }: { content: ReactNode; children: ReactElement }) {
  return (
    <TooltipRoot>
      <TooltipTrigger render={children} />
      <TooltipContent>{content}</TooltipContent>
    </TooltipRoot>
  );
}
