'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Combobox, ComboboxContent, ComboboxEmpty, ComboboxInput, ComboboxItem, ComboboxList } from '@/components/ui/combobox';
import { FieldDescription, FieldError, Label } from '@/components/ui/field';
import { useCompanyLocale } from '@/components/company-locale';
import { DateText } from '@/components/date-text';
import { useFieldErrors } from '@/components/forms/action-form';
import { formatInstant } from '@/lib/dates/format-instant';
import type { ZoneChangePreview } from '@/lib/recurring/zone-moves';
import { previewZoneChangeAction } from './actions';

/** Zones shown at once while filtering: typing narrows 400 names to a few. */
const SHOWN_ZONES = 80;

const labelOf = (zone: string) => (zone === '' ? 'UTC (none)' : zone.replaceAll('_', ' '));

type Moves = { kind: 'idle' } | { kind: 'loading'; zone: string } | { kind: 'ready'; zone: string; preview: ZoneChangePreview } | { kind: 'error'; message: string };

/**
 * The company's time zone: a searchable list of the IANA zones the server validates against, posted as `timeZone`.
 * Choosing another zone shows, before saving, how the next run of each recurring rule moves: its dates stay, the
 * instant each date starts is the new zone's midnight.
 */
export function TimeZonePicker({ zones, saved }: { zones: readonly string[]; saved: string }) {
  const [zone, setZone] = useState(saved);
  const [moves, setMoves] = useState<Moves>({ kind: 'idle' });
  const errors = useFieldErrors('timeZone');
  const seq = useRef(0);
  const id = useId();

  useEffect(() => {
    const request = ++seq.current;
    if (zone === saved) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the preview follows the chosen zone
      setMoves({ kind: 'idle' });
      return;
    }
    setMoves({ kind: 'loading', zone });
    const form = new FormData();
    form.set('timeZone', zone);
    previewZoneChangeAction(null, form).then(
      (result) => {
        if (request !== seq.current) return;
        setMoves(result.ok ? { kind: 'ready', zone, preview: result.data } : { kind: 'error', message: result.error.message });
      },
      () => request === seq.current && setMoves({ kind: 'error', message: 'The moves could not be loaded; saving still works.' }),
    );
  }, [zone, saved]);

  const invalid = errors !== undefined;
  return (
    <div className="field grid min-w-0 gap-1.5">
      <Combobox<string>
        items={zones}
        value={zone}
        onValueChange={(next) => next !== null && setZone(next)}
        itemToStringLabel={labelOf}
        limit={SHOWN_ZONES}
        autoHighlight
      >
        {/* A plain label on the input: Base UI's own Label names the list button, not the text box. */}
        <Label htmlFor={id}>Time zone</Label>
        <ComboboxInput
          id={id}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint`}
          placeholder="Type a city or region"
          openLabel="Show time zones"
        />
        <ComboboxContent>
          <ComboboxEmpty>No time zone matches.</ComboboxEmpty>
          <ComboboxList>
            {(item: string) => (
              <ComboboxItem key={item} value={item}>
                {labelOf(item)}
              </ComboboxItem>
            )}
          </ComboboxList>
        </ComboboxContent>
      </Combobox>
      <input type="hidden" name="timeZone" value={zone} />
      <FieldDescription id={`${id}-hint`}>Decides which calendar day “today” is for new documents, reports and recurring postings.</FieldDescription>
      {invalid && <FieldError>{errors.join(' ')}</FieldError>}
      <ZoneMoves moves={moves} />
    </div>
  );
}

function ZoneMoves({ moves }: { moves: Moves }) {
  const locale = useCompanyLocale();
  if (moves.kind === 'idle') return null;
  const body = (() => {
    if (moves.kind === 'loading') return <p className="m-0 text-sm text-muted-foreground">Working out how the recurring rules move…</p>;
    if (moves.kind === 'error') return <p className="m-0 text-sm">{moves.message}</p>;
    const { preview, zone } = moves;
    const shownZone = zone === '' ? null : zone;
    if (preview.total === 0) return <p className="m-0 text-sm">No recurring rule is scheduled, so nothing moves.</p>;
    return (
      <>
        <p className="m-0 text-sm">
          Saving moves the next run of {preview.total === 1 ? 'the one scheduled rule' : `all ${preview.total} scheduled rules`} to midnight in {labelOf(zone)}.
          Their dates stay the same. Times below are in {labelOf(zone)}.
        </p>
        <div className="overflow-x-auto">
          {/* Focusable: on a phone the app's table style makes the table its own scroll box, which a keyboard must reach. */}
          <table className="text-sm" tabIndex={0}>
            <caption className="sr-only">Next runs before and after the zone change</caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Date</th>
                <th scope="col">Runs now</th>
                <th scope="col">Runs after saving</th>
              </tr>
            </thead>
            <tbody>
              {preview.moves.map((m) => (
                <tr key={m.ruleId}>
                  <td>{m.name}</td>
                  <td>{m.nextOccurrence ? <DateText date={m.nextOccurrence} /> : '—'}</td>
                  <td className="whitespace-nowrap">{formatInstant(m.from, shownZone, locale)}</td>
                  <td className="whitespace-nowrap">{formatInstant(m.to, shownZone, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {preview.total > preview.moves.length && (
          <p className="m-0 text-xs text-muted-foreground">
            The {preview.moves.length} soonest of {preview.total} are shown.
          </p>
        )}
      </>
    );
  })();
  return (
    <section aria-label="How recurring rules move" aria-live="polite" className="mt-2 grid gap-2 rounded-md border border-border p-3" data-testid="zone-moves">
      {body}
    </section>
  );
}
