/**
 * A calendar date as people read it: every screen shows a 'YYYY-MM-DD' date through this one component, so the
 * company's date format (issue 13) changes in one place. The machine-readable value stays in `dateTime`, which is
 * what tests and assistive tech should rely on; the text never wraps mid-value.
 */
export function DateText({ date, className }: { date: string; className?: string }) {
  return (
    <time dateTime={date} className={className ? `whitespace-nowrap ${className}` : 'whitespace-nowrap'}>
      {date}
    </time>
  );
}
