import { z } from 'zod';
import {
  FIRST_BUSINESS_DATE,
  FIRST_STORABLE_DATE,
  LAST_BUSINESS_DATE,
  LAST_STORABLE_DATE,
  isCalendarDateBetween,
  isValidCalendarDate,
} from '@/lib/dates/calendar-date';
import { isValidTimeZone } from '@/lib/dates/local-day';
import { isKnownCurrency } from '@/lib/money';

/** Building blocks shared by every form, action and route schema. */

const datesFromTo = (first: string, last: string) =>
  z
    .string({ error: 'Enter a date' })
    .trim()
    // Aborting: a malformed date gets one message, and the record's own checks (a due date before its issue date)
    // do not pile a second, misleading one on top.
    .refine(isValidCalendarDate, { message: 'Enter a real date as YYYY-MM-DD', abort: true })
    .refine((v) => isCalendarDateBetween(v, first, last), { message: `Use a date from ${first} to ${last}`, abort: true });

/**
 * A date that is stored or scheduled (a document, a payment, a rule): bounded so that PostgreSQL can store it and
 * the dates the engine derives from it (see `FIRST_BUSINESS_DATE`).
 */
export const calendarDate = datesFromTo(FIRST_BUSINESS_DATE, LAST_BUSINESS_DATE);

/** A date that is only asked about (a report's period): anything PostgreSQL's `date` holds. */
export const queryDate = datesFromTo(FIRST_STORABLE_DATE, LAST_STORABLE_DATE);

/**
 * An amount as typed: a positive decimal string. Its decimal places are checked against the company's currency
 * by the service, which knows the currency.
 */
export const amountText = z
  .string({ error: 'Enter an amount' })
  .trim()
  .min(1, 'Enter an amount')
  .max(40, 'The amount is too long');

/**
 * A database id as it arrives: digits from a form or a URL, a number in JSON. Not `z.coerce.number()`, whose
 * Number() reads `true` as 1, `[5]` as 5 and '0x10' as 16: a JSON body naming `"partyId": true` must be refused,
 * not taken for record 1.
 */
export const recordId = z
  .union([z.number(), z.string()], { error: 'Choose a record' })
  .transform((value) => (typeof value === 'number' ? value : /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN))
  // A refinement, not a pipe: a blank or malformed id is a field error that lets the form's other checks (the end
  // date against the start date) still run and be shown at once; a pipe's failure would stop them.
  .refine((id) => Number.isSafeInteger(id) && id > 0, 'Choose a record');

export const companyId = z.uuid({ error: 'Unknown company' });

export const currencyCode = z
  .string({ error: 'Choose a currency' })
  .trim()
  .toUpperCase()
  .refine(isKnownCurrency, 'Use a known ISO 4217 currency code, like USD');

/** An IANA zone, or empty for UTC. */
export const timeZone = z
  .string()
  .trim()
  .max(64)
  .optional()
  .nullable()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isValidTimeZone(v), 'Use an IANA time zone, like America/New_York');

export const shortText = (label: string, max = 200) =>
  z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `${label} is too long`);

export const optionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((v) => v ?? '');
