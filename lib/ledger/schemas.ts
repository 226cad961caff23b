import { z } from 'zod';
import { COMPANY_LOCALES, PARTY_KINDS, REPORT_BASES } from '@/db/schema/enums';
import {
  amountText,
  calendarDate,
  currencyCode,
  optionalText,
  queryDate,
  recordId,
  shortText,
  timeZone,
} from '@/lib/schemas/common';
import { COMPARISONS } from './report-periods';
import { formatNumber, MAX_TYPED_NUMBER, parseNumber, RECURRING_REFERENCE_PREFIX, VOID_REFERENCE_PREFIX } from './numbering';

/** One schema per input, shared by the form, the server action and the route handler. */

export const companyProfileInput = z.object({
  name: shortText('a company name', 120),
  baseCurrency: currencyCode,
  timeZone,
  /** How the company's dates read (lib/dates/display-date.ts); left out, it stays as it is (en-US when new). */
  locale: z.enum(COMPANY_LOCALES, { error: 'Choose one of the listed date formats' }).optional(),
});
export type CompanyProfileInput = z.input<typeof companyProfileInput>;

export const partyInput = z.object({
  kind: z.enum(PARTY_KINDS, { error: 'Choose customer or vendor' }),
  name: shortText('a name', 120),
  email: z
    .union([z.literal(''), z.email('Enter a valid email address')])
    .optional()
    .transform((v) => (v ? v : null)),
});
export type PartyInput = z.input<typeof partyInput>;

/** ASCII case folding only: references are ASCII (checked first), and no other letter may fold into a prefix. */
const startsWithIgnoringCase = (text: string, prefix: string) => text.slice(0, prefix.length).replace(/[a-z]/g, (c) => c.toUpperCase()) === prefix;

const reference = z
  .string()
  .trim()
  .max(60, 'At most 60 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\/-]*$/, 'Use letters, digits, dot, dash, slash or underscore')
  // A recurring posting's identity is its reference, REC-{rule}-{date}: one typed by hand would block that posting.
  .refine((v) => !startsWithIgnoringCase(v, RECURRING_REFERENCE_PREFIX), `References starting with ${RECURRING_REFERENCE_PREFIX} are reserved for recurring postings`)
  // A void's reference is VOID-{the voided entry's reference}: one typed by hand would make that entry unvoidable.
  .refine((v) => !startsWithIgnoringCase(v, VOID_REFERENCE_PREFIX), `References starting with ${VOID_REFERENCE_PREFIX} are reserved for voids`)
  // A typed number moves its numbering past it (numbering.ts), so it must stay within the numbering's range.
  .superRefine((v, ctx) => {
    const number = parseNumber(v);
    if (number && number.value > MAX_TYPED_NUMBER) {
      const last = formatNumber(number.kind, MAX_TYPED_NUMBER);
      ctx.addIssue({ code: 'custom', message: `Numbers in this format stop at ${last}: use another reference` });
    }
  })
  .optional()
  .or(z.literal('').transform(() => undefined));

export const documentInput = z
  .object({
    partyId: recordId,
    issueDate: calendarDate,
    dueDate: calendarDate,
    amount: amountText,
    categoryId: recordId,
    memo: optionalText(500),
    reference,
  })
  .refine((d) => d.dueDate >= d.issueDate, { path: ['dueDate'], message: 'The due date cannot be before the issue date' });
export type DocumentInput = z.input<typeof documentInput>;

export const paymentInput = z.object({
  documentId: recordId,
  amount: amountText,
  date: calendarDate,
  memo: optionalText(500),
  reference,
});
export type PaymentInput = z.input<typeof paymentInput>;

export const voidInput = z.object({ entryId: recordId });

// Reports only read, so they may ask about any date PostgreSQL holds, past the bounds of what can be entered.
const periodOrdered = (p: { from: string; to: string }) => p.from <= p.to;
const PERIOD_ORDER_ERROR = { path: ['to'], message: 'The end of the period cannot be before its start' };
export const periodInput = z.object({ from: queryDate, to: queryDate }).refine(periodOrdered, PERIOD_ORDER_ERROR);

export const asOfInput = z.object({ asOf: queryDate });

/** `accrual` or `cash`: the basis of a P&L (issue 14), in a query or the toggle's form. */
const reportBasisInput = z.enum(REPORT_BASES, { error: 'basis must be accrual or cash' });

/** The P&L's query: its period and, optionally, its basis (the API defaults to accrual; the screen to the user's choice). */
export const profitAndLossQuery = z
  .object({
    from: queryDate,
    to: queryDate,
    basis: reportBasisInput.optional().meta({ description: '`accrual` (the default): documents on their dates; `cash`: payments on theirs' }),
  })
  .refine(periodOrdered, PERIOD_ORDER_ERROR);

/** The P&L screen's query: the API's, and the period it is compared with (lib/ledger/report-periods.ts). */
export const profitAndLossPageQuery = z
  .object({
    from: queryDate,
    to: queryDate,
    basis: reportBasisInput.optional(),
    compare: z.enum(COMPARISONS, { error: 'Choose a comparison from the list' }).optional(),
  })
  .refine(periodOrdered, PERIOD_ORDER_ERROR);

/** What the basis toggle sends: the basis to remember. */
export const reportBasisForm = z.object({ basis: reportBasisInput });

/** A drill-down's query: the period (no `from`: a balance as of `to`) and the basis. */
export const drillDownQuery = z
  .object({ from: queryDate.optional(), to: queryDate, basis: reportBasisInput.optional() })
  .refine((p) => p.from === undefined || p.from <= p.to, PERIOD_ORDER_ERROR);
