import { cn } from './cn';

/** The surface every floating popup shares (menu, popover, select, combobox), with Base UI's enter/exit states. */
export const popupSurfaceClass = cn(
  'rounded-lg border border-border bg-popover text-popover-foreground shadow-lg outline-none',
  'origin-(--transform-origin) transition-[scale,opacity] duration-100 ease-out',
  'data-starting-style:scale-95 data-starting-style:opacity-0 data-ending-style:scale-95 data-ending-style:opacity-0',
);

/** A row in a popup list, highlighted by pointer or keyboard (`data-highlighted`). */
export const popupItemClass = cn(
  'flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none',
  'data-highlighted:bg-accent data-highlighted:text-accent-foreground data-disabled:opacity-50',
  "[&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
);
