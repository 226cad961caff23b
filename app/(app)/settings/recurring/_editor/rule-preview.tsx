'use client';

import type { ReactNode } from 'react';
import { useCompanyLocale } from '@/components/company-locale';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { getWeekday } from '@/lib/dates/calendar-date';
import { formatCalendarDate } from '@/lib/dates/display-date';
import { formatMoney } from '@/lib/money';
import type { DraftPreview, EditPreview } from '@/lib/recurring/editor';
import type { PreviewOccurrence } from '@/lib/recurring/preview';

const WEEKDAY_ABBREVIATIONS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "Sun" for '2027-01-31', from the calendar-date module: no JS Date, so no zone can move the day. */
function weekdayOf(date: string): string {
  return WEEKDAY_ABBREVIATIONS[getWeekday(date)];
}

/** A calendar date with its weekday, in the company's date format, machine-readable. */
function DateWithWeekday({ date }: { date: string }) {
  const locale = useCompanyLocale();
  return (
    <time dateTime={date} className="tabular-nums whitespace-nowrap">
      {weekdayOf(date)} {formatCalendarDate(date, locale)}
    </time>
  );
}

/** A due date in the company's date format, marked for the tests that read the preview's due dates. */
function DueDate({ date }: { date: string }) {
  const locale = useCompanyLocale();
  return (
    <time dateTime={date} data-testid="due-date" className="whitespace-nowrap">
      {formatCalendarDate(date, locale)}
    </time>
  );
}

const SKIPPED: Record<NonNullable<PreviewOccurrence['skipReason']>, string> = {
  pause_until: 'Skipped: on or before the pause-until date',
  paused: 'Skipped: the rule is paused then',
};

export type PreviewState =
  | { kind: 'incomplete'; missing: string[] }
  | { kind: 'loading' }
  | { kind: 'error'; message: string; fields: string[] }
  | { kind: 'draft'; data: DraftPreview }
  | { kind: 'edit'; data: EditPreview };

/** The panel beside the form: what the rule will post, as the engine computes it, and an edit's before and after. */
export function RulePreview({
  state,
  currency,
  stale,
  catchUpPassed,
  onCatchUpPassedChange,
}: {
  state: PreviewState;
  currency: string;
  /** A newer request is on its way: the shown result is dimmed, not removed. */
  stale: boolean;
  catchUpPassed: boolean;
  onCatchUpPassedChange: (value: boolean) => void;
}) {
  const money = (minor: number) => formatMoney(minor, currency);
  let body: ReactNode;
  if (state.kind === 'incomplete') {
    body = (
      <div className="grid gap-2 text-sm">
        <p className="m-0 text-muted-foreground">The next dates show here once the form has:</p>
        <ul className="m-0 list-disc pl-5">
          {state.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    );
  } else if (state.kind === 'loading') {
    body = (
      <div className="grid gap-2" aria-hidden>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-12" />
        ))}
      </div>
    );
  } else if (state.kind === 'error') {
    body = (
      <div className="grid gap-1 text-sm">
        <p className="m-0">{state.message}</p>
        {state.fields.length > 0 && <p className="m-0 text-muted-foreground">See {state.fields.join(', ')} in the form.</p>}
      </div>
    );
  } else if (state.kind === 'draft') {
    body = <Occurrences cadence={state.data.cadenceText} occurrences={state.data.occurrences} totalMinor={state.data.totalMinor} money={money} />;
  } else {
    const { data } = state;
    body = (
      <div className="grid gap-4">
        {data.replans || data.cadenceText.before !== data.cadenceText.after ? <BeforeAfter data={data} /> : null}
        {data.passedOver.length > 0 && (
          <div role="note" className="grid gap-2 rounded-md border border-warning/60 bg-warning/10 p-3 text-sm" data-testid="passed-over">
            <p className="m-0 font-medium">
              {data.passedOver.length === 1 ? 'One date is already due and' : `${data.passedOver.length} dates are already due and`} would be
              skipped by this change (recorded as “edited”):
            </p>
            <p className="m-0 flex flex-wrap gap-x-3 gap-y-1">
              {data.passedOver.map((d) => (
                <DateWithWeekday key={d} date={d} />
              ))}
            </p>
            <label className="flex items-center gap-2">
              <input type="checkbox" className="size-4" checked={catchUpPassed} onChange={(e) => onCatchUpPassedChange(e.target.checked)} />
              Post {data.passedOver.length === 1 ? 'it' : 'them'} instead, each on its own date
            </label>
          </div>
        )}
        <Occurrences cadence={data.cadenceText.after} occurrences={data.after} totalMinor={data.afterTotalMinor} money={money} />
      </div>
    );
  }
  return (
    <section aria-labelledby="rule-preview-heading" className="panel grid gap-3" data-testid="rule-preview" aria-busy={stale || state.kind === 'loading'}>
      <h2 id="rule-preview-heading" className="m-0">
        Next 12 occurrences
      </h2>
      <div className={stale ? 'opacity-60 transition-opacity' : 'transition-opacity'}>{body}</div>
    </section>
  );
}

function Occurrences({ cadence, occurrences, totalMinor, money }: { cadence: string; occurrences: PreviewOccurrence[]; totalMinor: number; money: (m: number) => string }) {
  if (occurrences.length === 0) return <p className="m-0 text-sm text-muted-foreground">{cadence}: nothing left to post.</p>;
  return (
    <div className="grid gap-2">
      <p className="m-0 text-sm font-medium" data-testid="preview-cadence">
        {cadence}
      </p>
      <ol className="m-0 grid list-none gap-2 p-0" data-testid="preview-occurrences">
        {occurrences.map((o) => (
          <li key={o.occurrenceDate} className="grid gap-1 rounded-md border border-border p-2 text-sm" data-testid="preview-occurrence">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <span className="font-medium">
                <DateWithWeekday date={o.occurrenceDate} />
              </span>
              <span className="text-muted-foreground">
                Due <DueDate date={o.dueDate} />
              </span>
            </div>
            {(o.notes.length > 0 || o.skipReason) && (
              <div className="flex flex-wrap gap-1">
                {o.skipReason && <Badge tone="warning">{SKIPPED[o.skipReason]}</Badge>}
                {o.notes.map((n) => (
                  <Badge key={n} tone="info" data-testid="occurrence-note">
                    {n}
                  </Badge>
                ))}
              </div>
            )}
            <ul className="m-0 grid list-none gap-0.5 p-0 font-mono text-xs text-muted-foreground" aria-label={`Journal lines for ${o.occurrenceDate}`}>
              {o.lines.map((l) => (
                <li key={`${l.side}-${l.accountId}`} className="flex justify-between gap-2">
                  <span>
                    {l.side} {l.accountCode} {l.accountName}
                  </span>
                  <span className="tabular-nums">{money(l.amountMinor)}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <p className="m-0 flex justify-between border-t border-border pt-2 text-sm font-medium">
        <span>Total of these {occurrences.length}</span>
        <span className="tabular-nums" data-testid="preview-total">
          {money(totalMinor)}
        </span>
      </p>
    </div>
  );
}

/** The saved rule's next dates beside the edited ones; rows that change are marked. */
function BeforeAfter({ data }: { data: EditPreview }) {
  const rows = Math.max(data.before.length, data.after.length);
  return (
    <div className="grid gap-2" data-testid="before-after">
      <h3 className="m-0 text-base">Dates before and after this change</h3>
      <table className="text-sm">
        <caption className="sr-only">The saved rule’s next dates and the edited rule’s, side by side</caption>
        <thead>
          <tr>
            <th scope="col">
              Before <span className="block font-normal tracking-normal normal-case">{data.cadenceText.before}</span>
            </th>
            <th scope="col">
              After <span className="block font-normal tracking-normal normal-case">{data.cadenceText.after}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => {
            const before = data.before[i]?.occurrenceDate;
            const after = data.after[i]?.occurrenceDate;
            const changed = before !== after;
            return (
              <tr key={i} data-changed={changed || undefined} className={changed ? 'bg-info/10' : undefined}>
                <td>{before ? <DateWithWeekday date={before} /> : '—'}</td>
                <td>
                  {after ? <DateWithWeekday date={after} /> : '—'}
                  {changed ? <span className="sr-only"> (changed)</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
