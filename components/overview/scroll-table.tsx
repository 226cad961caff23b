import type { ComponentProps } from 'react';

/**
 * A wide table for the Overview: on a phone it scrolls inside its frame, and that frame is a labelled, focusable
 * region so a keyboard can scroll it too (axe's scrollable-region-focusable; the kit's Table frame is not focusable).
 */
export function ScrollTable({ 'aria-label': label, ...props }: ComponentProps<'table'> & { 'aria-label': string }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative w-full overflow-x-auto rounded-lg border border-border bg-card focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
    >
      <table data-slot="table" aria-label={label} className="w-full caption-bottom border-collapse text-sm" {...props} />
    </div>
  );
}
