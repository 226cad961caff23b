import type { PreviewRow } from './rule-preview-data';
import { DateText } from '@/components/date-text';

/**
 * Upcoming occurrences: the date and its weekday in a `<time>`, the due date, why a date moved or is skipped, and
 * (unless `compact`) when it posts and the journal lines it posts.
 */
export function PreviewTable({ rows, compact = false }: { rows: PreviewRow[]; compact?: boolean }) {
  if (rows.length === 0) return <p className="empty">Nothing is left to post.</p>;
  return (
    <div className="table-wrap">
      {/* Focusable: on a phone the table scrolls inside itself, and a keyboard must be able to scroll it. */}
      <table data-testid="preview" aria-label="Next occurrences" tabIndex={0}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Due</th>
            {!compact && <th scope="col">Posts at</th>}
            <th scope="col">Notes</th>
            {!compact && <th scope="col">Journal lines</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.date}>
              <td className="date">
                <DateText date={row.date} /> <span className="muted">{row.weekday}</span>
              </td>
              <td className="date">
                <DateText date={row.dueDate} />
              </td>
              {!compact && <td className="date">{row.runAt}</td>}
              <td>
                {[row.skip, ...row.notes].filter(Boolean).join('; ') || <span className="muted">—</span>}
              </td>
              {!compact && (
                <td>
                  {row.lines.map((l) => (
                    <div key={l.side} className="whitespace-nowrap">
                      {l.side} {l.account} {l.amount}
                    </div>
                  ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
