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

/** One preset of a report's dates: a link to the report with them, marked when they are the dates shown. */
export interface DatePreset {
  label: string;
  href: string;
  current?: boolean;
}

/**
 * The GET form above a report: date inputs that navigate to `?name=YYYY-MM-DD`, one-click presets, and `hidden`
 * query values the form carries along (the basis, the comparison) so that choosing dates keeps the rest of the URL.
 */
export function DateFilter({
  path,
  fields,
  presets,
  hidden = {},
  children,
}: {
  path: string;
  fields: DateFilterField[];
  presets: DatePreset[];
  hidden?: Record<string, string>;
  children?: React.ReactNode;
}) {
  return (
    <Form action={path} className="panel filter no-print" aria-label="Report dates">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => (
        <div className="field" key={f.name}>
          <label htmlFor={`report-${f.name}`}>{f.label}</label>
          {/* A date input cannot hold a non-date: it starts empty then, beside the message saying why. */}
          <input id={`report-${f.name}`} name={f.name} type="date" defaultValue={isValidCalendarDate(f.value) ? f.value : ''} max="9999-12-31" />
        </div>
      ))}
      {children}
      <button type="submit">Show</button>
      <nav className="presets" aria-label="Presets">
        {presets.map((p) => (
          <Link key={p.label} href={p.href} aria-current={p.current ? 'page' : undefined}>
            {p.label}
          </Link>
        ))}
      </nav>
    </Form>
  );
}

/** `path?name=value&…` with the empty values left out, in the order given. */
export function reportHref(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
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
