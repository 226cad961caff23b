import type { ComponentProps } from 'react';
import { cn } from './cn';

/** A data table that scrolls inside its own frame on a narrow screen instead of widening the page. */
export function Table({ className, ...props }: ComponentProps<'table'>) {
  return (
    <div data-slot="table-container" className="relative w-full overflow-x-auto rounded-lg border border-border bg-card">
      <table data-slot="table" className={cn('w-full caption-bottom border-collapse text-sm', className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<'thead'>) {
  return <thead data-slot="table-header" className={cn('bg-muted [&_tr]:border-b [&_tr]:border-border', className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody data-slot="table-body" className={cn('[&_tr:last-child]:border-0', className)} {...props} />;
}

export function TableFooter({ className, ...props }: ComponentProps<'tfoot'>) {
  return <tfoot data-slot="table-footer" className={cn('border-t border-border bg-muted/60 font-medium', className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<'tr'>) {
  return <tr data-slot="table-row" className={cn('border-b border-border hover:bg-muted/50', className)} {...props} />;
}

export function TableHead({ className, ...props }: ComponentProps<'th'>) {
  return (
    <th
      data-slot="table-head"
      className={cn('h-9 px-3 text-left align-middle text-xs font-semibold tracking-wide whitespace-nowrap text-muted-foreground uppercase', className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<'td'>) {
  return <td data-slot="table-cell" className={cn('px-3 py-2 align-middle', className)} {...props} />;
}

export function TableCaption({ className, ...props }: ComponentProps<'caption'>) {
  return <caption data-slot="table-caption" className={cn('mt-3 text-sm text-muted-foreground', className)} {...props} />;
}

/**
 * A table's heading row: one column head a name (a numeric one right-aligned over its amounts) and, with `actions`, a
 * last column for each row's buttons, named for screen readers only.
 */
export function TableColumnHeads({ columns, actions = false }: { columns: readonly (string | { label: string; numeric: true })[]; actions?: boolean }) {
  return (
    <TableHeader>
      <TableRow>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <TableHead key={column} scope="col">
              {column}
            </TableHead>
          ) : (
            <TableHead key={column.label} scope="col" className="text-right">
              {column.label}
            </TableHead>
          ),
        )}
        {actions && (
          <TableHead scope="col">
            <span className="sr-only">Actions</span>
          </TableHead>
        )}
      </TableRow>
    </TableHeader>
  );
}

/** The cell that names its row: a header for screen readers, set in body type rather than the column heads' caps. */
export function TableRowHead({ className, ...props }: ComponentProps<'th'>) {
  return <TableHead scope="row" className={cn('h-auto py-2 text-sm font-medium tracking-normal text-foreground normal-case', className)} {...props} />;
}
