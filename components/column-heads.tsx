/** A table column: its heading, and whether it holds amounts (right-aligned). */
export type Column = string | { label: string; numeric: true };

/**
 * A table's heading row: one `<th scope="col">` a column and, with `actions`, a last column for each row's buttons,
 * named for screen readers only.
 */
export function ColumnHeads({ columns, actions = false }: { columns: Column[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <th key={column} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.label} scope="col" className="num">
              {column.label}
            </th>
          ),
        )}
        {actions && (
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
