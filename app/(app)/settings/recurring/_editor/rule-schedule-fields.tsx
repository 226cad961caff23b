'use client';

import type { ReactNode } from 'react';
import { DatePicker, type DatePickerProps } from '@/components/ui/date-picker';
import { Field, type FieldControlProps } from '@/components/ui/field';
import { Input, NativeSelect } from '@/components/ui/input';
import { InfoHint } from '@/components/ui/info-hint';
import { DUE_TERM_PRESETS, NTH_WEEKS, WEEKDAYS, type RuleFormValues } from '@/components/recurring/editor/rule-form-values';

/** What each part of the rule form gets from the editor: the values, a setter, and the errors to show per control. */
export interface RuleFieldsProps {
  values: RuleFormValues;
  set: <K extends keyof RuleFormValues>(field: K, value: RuleFormValues[K]) => void;
  errorsOf: (control: string) => string[] | undefined;
}

/** The choices each select and radio group offers, in the order shown. */
const CADENCE_OPTIONS = [
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
  { value: 'monthly', label: 'Monthly' },
  { value: 'annual', label: 'Yearly, on the start date' },
];
/** Sunday to Saturday, valued 0–6 as the schedule stores them. */
const WEEKDAY_OPTIONS = WEEKDAYS.map((day, i) => ({ value: String(i), label: day }));
const DUE_TERM_OPTIONS = [...DUE_TERM_PRESETS.map((d) => ({ value: d, label: `Net ${d}` })), { value: 'custom', label: 'Custom number of days' }];
const END_CHOICES = [
  { value: 'never', label: 'Never' },
  { value: 'onDate', label: 'On a date' },
  { value: 'after', label: 'After a number of occurrences' },
] as const satisfies readonly { value: RuleFormValues['endMode']; label: string }[];
const CATCH_UP_CHOICES = [
  { value: 'all', label: 'Post every missed date', explain: 'Each missed date gets its own document, dated on its own day.' },
  { value: 'latest', label: 'Post only the latest', explain: 'One document for the most recent missed date; the older ones are skipped.' },
  { value: 'none', label: 'Post none of them', explain: 'Missed dates are skipped; posting starts with the next date to come.' },
] as const satisfies readonly { value: RuleFormValues['catchUp']; label: string; explain: string }[];

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="grid min-w-0 gap-4">
      <legend className="mb-2 text-base font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

/** The cadence and only its own options, the start date and the end. */
export function ScheduleFields(props: RuleFieldsProps) {
  const { values, set, errorsOf } = props;
  const unit = { daily: 'days', weekly: 'weeks', monthly: 'months', annual: 'years' }[values.cadence];
  return (
    <Section title="When">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Repeats" errors={errorsOf('cadence')}>
          {(c) => (
            <NativeSelect {...c} value={values.cadence} onChange={(e) => set('cadence', e.target.value as RuleFormValues['cadence'])}>
              <Options of={CADENCE_OPTIONS} />
            </NativeSelect>
          )}
        </Field>
        {values.cadence !== 'annual' && (
          <Field label={`Every how many ${unit}`} errors={errorsOf('interval')}>
            {(c) => <NumberInput control={c} field="interval" values={values} set={set} />}
          </Field>
        )}
      </div>

      {values.cadence === 'weekly' && (
        <Field label="On" errors={errorsOf('weekday')}>
          {(c) => (
            <WeekdaySelect control={c} value={values.weekday} onChange={(v) => set('weekday', v)} className="max-w-48" />
          )}
        </Field>
      )}

      {values.cadence === 'monthly' && (
        <fieldset className="grid gap-3">
          <legend className="mb-1.5 text-sm font-medium">On which day</legend>
          <MonthlyChoice checked={values.monthlyBy === 'dayOfMonth'} onChoose={() => set('monthlyBy', 'dayOfMonth')} label="A day of the month">
            <Field
              label="Day of month"
              errors={errorsOf('dayOfMonth')}
              info="1 to 31. In a month too short for it (the 31st in April, the 29th–31st in February) the rule posts on that month’s last day instead, and goes back to the chosen day the month after."
            >
              {(c) => <NumberInput control={c} field="dayOfMonth" values={values} set={set} className="max-w-24" />}
            </Field>
          </MonthlyChoice>
          <MonthlyChoice
            checked={values.monthlyBy === 'endOfMonth'}
            onChoose={() => set('monthlyBy', 'endOfMonth')}
            label="The end of the month"
            info={
              <InfoHint label="About End of month">
                Always the month’s last day: Jan 31, Feb 28 (Feb 29 in a leap year), Apr 30. Unlike day 31, it never needs moving.
              </InfoHint>
            }
          />
          <MonthlyChoice checked={values.monthlyBy === 'nthWeekday'} onChoose={() => set('monthlyBy', 'nthWeekday')} label="A weekday of a given week">
            <div className="flex flex-wrap gap-3">
              <Field
                label="Nth week"
                errors={errorsOf('nthWeek')}
                info="First to fourth, or Last: the last such weekday of the month, whether the month has four or five of them. A fifth week is not offered, because most months have no fifth Friday."
              >
                {(c) => (
                  <NativeSelect {...c} value={values.nthWeek} onChange={(e) => set('nthWeek', e.target.value)} className="w-36">
                    <Options of={NTH_WEEKS} />
                  </NativeSelect>
                )}
              </Field>
              <Field
                label="Nth weekday"
                errors={errorsOf('nthWeekday')}
                info="The day of the week to post on, in the chosen week: “Last Friday” is the month’s final Friday, which can fall from the 22nd to the 31st."
              >
                {(c) => (
                  <WeekdaySelect control={c} value={values.nthWeekday} onChange={(v) => set('nthWeekday', v)} className="w-40" />
                )}
              </Field>
            </div>
          </MonthlyChoice>
        </fieldset>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <DateField
          {...props}
          field="startDate"
          label="Start date"
          info="The first date the rule can post on. A start date in the past makes the dates since then due at once: the catch-up choice under More options decides whether all of them, only the latest or none are posted."
        />
        <fieldset className="grid gap-2">
          <legend className="mb-1.5 text-sm font-medium">Ends</legend>
          {END_CHOICES.map(({ value, label }) => (
            <RadioChoice key={value} name="endMode" checked={values.endMode === value} onChoose={() => set('endMode', value)} label={label} />
          ))}
        </fieldset>
      </div>
      {values.endMode === 'onDate' && (
        <DateField {...props} field="endDate" label="End date" min={values.startDate || undefined} description="The last date it can post on." />
      )}
      {values.endMode === 'after' && (
        <Field label="Number of occurrences" errors={errorsOf('maxOccurrences')} description="It completes once this many have posted.">
          {(c) => <NumberInput control={c} field="maxOccurrences" values={values} set={set} />}
        </Field>
      )}
    </Section>
  );
}

/** Due terms: a preset, custom days, or a manual due date that overrides them. */
export function DueFields(props: RuleFieldsProps) {
  const { values, set, errorsOf } = props;
  return (
    <Section title="Due">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Due terms"
          errors={values.dueTerm === 'custom' ? undefined : errorsOf('dueDays')}
          info="Each document is due this many days after its own date: Net 30 on Jan 31 is due Mar 2, on Feb 28 it is due Mar 30. Net 0 is due on the day."
        >
          {(c) => (
            <NativeSelect {...c} value={values.dueTerm} onChange={(e) => set('dueTerm', e.target.value)}>
              <Options of={DUE_TERM_OPTIONS} />
            </NativeSelect>
          )}
        </Field>
        {values.dueTerm === 'custom' && (
          <Field label="Days until due" errors={errorsOf('dueDays')}>
            {(c) => <NumberInput control={c} field="dueDays" values={values} set={set} />}
          </Field>
        )}
      </div>
      <DateField
        {...props}
        field="dueDate"
        label="Manual due date"
        info="Optional. One fixed due date for every document dated on or before it, overriding the terms; documents dated after it fall back to the terms."
      />
    </Section>
  );
}

/** Flow controls, folded away: pause until, resume on, catch-up, create days ahead. */
export function MoreOptions(props: RuleFieldsProps) {
  const { values, set, errorsOf } = props;
  return (
    <details className="grid gap-4" open={Boolean(values.pauseUntil || values.resumeOn || values.catchUp !== 'all' || values.createDaysAhead !== '0') || undefined}>
      <summary className="cursor-pointer text-base font-semibold">More options</summary>
      <div className="mt-3 grid gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <DateField {...props} field="pauseUntil" label="Pause until" description="Dates on or before it are skipped (and logged); the rule stays active." />
          <DateField {...props} field="resumeOn" label="Resume on" description="Pauses the rule now; it resumes by itself on this date." />
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-1.5 flex items-center gap-1 text-sm font-medium">
            Catch-up
            <InfoHint label="About Catch-up">
              What happens to dates that came due while nothing ran (a start date in the past, an outage, a resume): post
              every one, only the latest, or none. Dates not posted are logged as skipped.
            </InfoHint>
          </legend>
          {CATCH_UP_CHOICES.map(({ value, label, explain }) => (
            <RadioChoice key={value} name="catchUp" checked={values.catchUp === value} onChoose={() => set('catchUp', value)} label={label} explain={explain} />
          ))}
        </fieldset>
        <Field
          label="Create days ahead"
          errors={errorsOf('createDaysAhead')}
          info="Post each document this many days before its date (still dated on its own day), e.g. 5 to send invoices early. 0 posts at local midnight of the date itself."
        >
          {(c) => <NumberInput control={c} field="createDaysAhead" values={values} set={set} />}
        </Field>
      </div>
    </details>
  );
}

type DateFieldName = 'startDate' | 'endDate' | 'dueDate' | 'pauseUntil' | 'resumeOn';

/** A date picker bound to one date of the form, showing that field's errors; an empty picker sets it to ''. */
function DateField({ field, values, set, errorsOf, ...picker }: RuleFieldsProps & { field: DateFieldName } & Omit<DatePickerProps, 'value' | 'onChange' | 'errors'>) {
  return <DatePicker {...picker} value={values[field]} onChange={(d) => set(field, d ?? '')} errors={errorsOf(field)} />;
}

type NumberFieldName = 'interval' | 'dayOfMonth' | 'maxOccurrences' | 'dueDays' | 'createDaysAhead';

/** A whole number kept as the text typed (the schema judges it), with the phone's number pad. */
function NumberInput({ control, field, values, set, className = 'max-w-28' }: Omit<RuleFieldsProps, 'errorsOf'> & { control: FieldControlProps; field: NumberFieldName; className?: string }) {
  return <Input {...control} inputMode="numeric" value={values[field]} onChange={(e) => set(field, e.target.value)} className={className} />;
}

function WeekdaySelect({ control, value, onChange, className }: { control: FieldControlProps; value: string; onChange: (value: string) => void; className: string }) {
  return (
    <NativeSelect {...control} value={value} onChange={(e) => onChange(e.target.value)} className={className}>
      <Options of={WEEKDAY_OPTIONS} />
    </NativeSelect>
  );
}

function MonthlyChoice({
  checked,
  onChoose,
  label,
  info,
  children,
}: {
  checked: boolean;
  onChoose: () => void;
  label: string;
  /** An InfoHint beside the label, outside it: a button inside a label would also choose the option. */
  info?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="grid gap-2">
      <span className="flex items-center gap-1">
        <RadioChoice name="monthlyBy" checked={checked} onChoose={onChoose} label={label} />
        {info}
      </span>
      {checked && children ? <div className="pl-6">{children}</div> : null}
    </div>
  );
}

/** The `<option>`s of a select. */
function Options({ of }: { of: readonly { value: string; label: string }[] }) {
  return of.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

/** One radio button with its label, and under it a line that explains the choice when there is one. */
function RadioChoice({ name, checked, onChoose, label, explain }: { name: string; checked: boolean; onChoose: () => void; label: string; explain?: string }) {
  return (
    <label className={`flex ${explain ? 'items-start' : 'items-center'} gap-2 text-sm`}>
      <input type="radio" name={name} className={explain ? 'mt-0.5 size-4' : 'size-4'} checked={checked} onChange={onChoose} />
      {explain ? (
        <span>
          {label}
          <span className="block text-xs text-muted-foreground">{explain}</span>
        </span>
      ) : (
        label
      )}
    </label>
  );
}
