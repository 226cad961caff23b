import Form from 'next/form';
import Link from 'next/link';
import type { ZodError } from 'zod';
import { isValidCalendarDate } from '@/lib/dates/calendar-date';

export interface DateFilterField {
  name: string;
  label: string;
  /** The query's value, or the default when the query had none. */
  value: string;
}

/** The GET form above a report: date inputs that navigate to `?name=YYYY-MM-DD`, and one-click presets. */
export function DateFilter({ path, fields, presets }: { path: string; fields: DateFilterField[]; presets: { label: string; href: string }[] }) {
  return (
    <Form action={path} className="panel filter" aria-label="Report dates">
      {fields.map((f) => (
        <div className="field" key={f.name}>
          <label htmlFor={`report-${f.name}`}>{f.label}</label>
          {/* A date input cannot hold a non-date: it starts empty then, beside the message saying why. */}
          <input id={`report-${f.name}`} name={f.name} type="date" defaultValue={isValidCalendarDate(f.value) ? f.value : ''} max="9999-12-31" />
        </div>
      ))}
      <button type="submit">Show</button>
      <nav className="presets" aria-label="Presets">
        {presets.map((p) => (
          <Link key={p.label} href={p.href}>
            {p.label}
          </Link>
        ))}
      </nav>
    </Form>
  );
}

/**
 * A report query's problems as readable lines, or null when it parsed: `{ success: false }` on `?from=2024-02-30`
 * gives `['From: Enter a real date as YYYY-MM-DD']`.
 */
export function queryProblems(parsed: { success: true } | { success: false; error: ZodError }, labels: Record<string, string>): string[] | null {
  if (parsed.success) return null;
  return [...new Set(parsed.error.issues.map((i) => `${labels[String(i.path[0])] ?? 'Dates'}: ${i.message}`))];
}

export function QueryError({ problems }: { problems: string[] | null }) {
  if (!problems) return null;
  return (
    <div role="alert" className="panel form-error">
      <strong>These dates cannot be used.</strong>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p className="muted">Choose dates with the form above, or a preset.</p>
    </div>
  );
}
