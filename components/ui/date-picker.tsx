'use client';

import { CalendarIcon, ChevronLeftIcon, ChevronRightIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker as AriaDatePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
  Text,
  type DateValue,
} from 'react-aria-components';
import { calendarDateFromString, stringFromCalendarDate } from './calendar-date-value';
import { cn } from './cn';
import { InfoHint } from './info-hint';

export interface DatePickerProps {
  /** Posted with the form as `'YYYY-MM-DD'` (empty when no date) through a hidden input of this name. */
  name?: string;
  label: string;
  /** Controlled value, `'YYYY-MM-DD'` or null/'' for none. */
  value?: string | null;
  defaultValue?: string | null;
  onChange?: (value: string | null) => void;
  /** Earliest and latest choosable dates, `'YYYY-MM-DD'`. */
  min?: string;
  max?: string;
  description?: ReactNode;
  info?: ReactNode;
  errors?: readonly string[];
  isRequired?: boolean;
  isDisabled?: boolean;
  /** Decides the order of the segments (month/day/year in en-US, day/month/year in en-GB). */
  locale?: string;
  className?: string;
}

const segmentClass = cn(
  'rounded-sm px-0.5 tabular-nums outline-none caret-transparent',
  'data-placeholder:text-muted-foreground data-[type=literal]:px-0 data-[type=literal]:text-muted-foreground',
  'data-focused:bg-primary data-focused:text-primary-foreground data-focused:data-placeholder:text-primary-foreground',
);

const cellClass = cn(
  'flex size-9 cursor-default items-center justify-center rounded-md text-sm tabular-nums outline-none',
  'hover:bg-accent data-outside-month:hidden data-disabled:text-muted-foreground data-disabled:opacity-50',
  'data-selected:bg-primary data-selected:text-primary-foreground',
  'data-focus-visible:outline-2 data-focus-visible:outline-offset-1 data-focus-visible:outline-ring',
);

const navButtonClass = cn(
  'inline-flex size-8 items-center justify-center rounded-md text-foreground hover:bg-accent',
  'data-focus-visible:outline-2 data-focus-visible:outline-ring data-disabled:opacity-40',
);

/**
 * A calendar date field (type the date segment by segment, or pick it from a calendar) that takes and gives
 * `'YYYY-MM-DD'` strings. Every step works on `@internationalized/date`'s CalendarDate, never on a JS `Date`, so
 * the browser's time zone cannot shift the day. Inside a plain `<form>` the date posts under `name`.
 */
export function DatePicker({
  name,
  label,
  value,
  defaultValue,
  onChange,
  min,
  max,
  description,
  info,
  errors,
  isRequired,
  isDisabled,
  locale = 'en-US',
  className,
}: DatePickerProps) {
  const invalid = errors !== undefined && errors.length > 0;
  const controlled = value !== undefined;
  return (
    <I18nProvider locale={locale}>
      <AriaDatePicker
        data-slot="date-picker"
        name={name}
        granularity="day"
        // The server's schema judges the value; the picker only marks the field.
        validationBehavior="aria"
        value={controlled ? calendarDateFromString(value) : undefined}
        defaultValue={controlled ? undefined : calendarDateFromString(defaultValue)}
        onChange={(next: DateValue | null) => onChange?.(stringFromCalendarDate(next))}
        minValue={calendarDateFromString(min)}
        maxValue={calendarDateFromString(max)}
        isInvalid={invalid}
        isRequired={isRequired}
        isDisabled={isDisabled}
        className={cn('flex flex-col gap-1.5', className)}
      >
        <span className="flex items-center gap-1">
          <Label className="text-sm leading-none font-medium">{label}</Label>
          {info && <InfoHint label={`About ${label}`}>{info}</InfoHint>}
        </span>
        <Group
          className={cn(
            'flex h-9 w-full max-w-56 items-center rounded-md border border-input bg-card pl-3 text-base text-foreground sm:text-sm',
            'data-focus-within:border-ring data-focus-visible:outline-2 data-focus-visible:outline-ring/40',
            'data-invalid:border-destructive data-disabled:opacity-60',
          )}
        >
          <DateInput className="flex flex-1 items-center">{(segment) => <DateSegment segment={segment} className={segmentClass} />}</DateInput>
          <AriaButton data-slot="date-picker-trigger" className="mr-0.5 inline-flex size-8 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground data-focus-visible:outline-2 data-focus-visible:outline-ring">
            <CalendarIcon className="size-4" aria-hidden />
          </AriaButton>
        </Group>
        {description && (
          <Text slot="description" className="text-xs text-muted-foreground">
            {description}
          </Text>
        )}
        {invalid && (
          <Text slot="errorMessage" className="m-0 text-sm text-destructive">
            {errors.join(' ')}
          </Text>
        )}
        <Popover
          offset={6}
          className="z-50 rounded-lg border border-border bg-popover p-3 text-popover-foreground shadow-lg outline-none"
        >
          <Dialog className="outline-none">
            <Calendar>
              <header className="mb-2 flex items-center justify-between gap-2">
                <AriaButton data-slot="calendar-previous" slot="previous" className={navButtonClass}>
                  <ChevronLeftIcon className="size-4" aria-hidden />
                </AriaButton>
                <Heading className="m-0 text-sm font-semibold" />
                <AriaButton data-slot="calendar-next" slot="next" className={navButtonClass}>
                  <ChevronRightIcon className="size-4" aria-hidden />
                </AriaButton>
              </header>
              <CalendarGrid className="border-separate border-spacing-0.5 [&_th]:text-xs [&_th]:font-medium [&_th]:text-muted-foreground">
                {(date) => <CalendarCell date={date} className={cellClass} />}
              </CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </AriaDatePicker>
    </I18nProvider>
  );
}
