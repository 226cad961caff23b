import { z } from 'zod';
import { DOCUMENT_STATUSES } from '@/db/schema/enums';
import { cursorParam, encodeCursor } from '@/lib/api/pagination';
import { queryDate, recordId } from '@/lib/schemas/common';
import { DOCUMENT_SORTS, type DocumentFilters, type DocumentOrigin, type DocumentPageQuery } from '@/lib/ledger/document-list';

/**
 * The state of an Invoices or Expenses screen as its URL carries it (`?q=acme&status=open&sort=amount&dir=asc`),
 * so a filtered view can be linked and survives a reload. One schema for the screen, its filter form and its CSV
 * export: the export of a view lists exactly the rows the view pages through.
 */

export const PAGE_SIZES = [10, 25, 50, 100] as const;
const PAGE_SIZE_DEFAULT = 50;

/** One value of a search param that a form or a link may repeat: the first one counts. */
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
/** An empty field of the filter form means "no filter". */
const blankToUndefined = (value: unknown) => {
  const v = single(value);
  return typeof v === 'string' && v.trim() === '' ? undefined : v;
};
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const documentListParams = z
  .object({
    q: optional(z.string().trim().max(100, 'Search for at most 100 characters')),
    status: z.preprocess(
      (value) => (value === undefined || value === '' ? undefined : Array.isArray(value) ? value.filter((v) => v !== '') : [value]),
      z.array(z.enum(DOCUMENT_STATUSES, { error: `Choose a status: ${DOCUMENT_STATUSES.join(', ')}` })).optional(),
    ),
    party: optional(recordId),
    from: optional(queryDate),
    to: optional(queryDate),
    rule: optional(z.union([z.enum(['any', 'manual']), z.string().regex(/^\d{1,16}$/, 'Choose a rule')], { error: 'Choose a rule' })),
    sort: optional(z.enum(DOCUMENT_SORTS, { error: 'Sort by date, number, party, amount or due date' })),
    dir: optional(z.enum(['asc', 'desc'], { error: 'Sort ascending or descending' })),
    after: optional(cursorParam),
    /** The page that ends just before this position (Previous); `after` is ignored beside it. */
    before: optional(cursorParam),
    size: optional(
      z.coerce
        .number({ error: 'Choose a page size' })
        .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n), `Show ${PAGE_SIZES.join(', ')} rows a page`),
    ),
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, { path: ['to'], message: 'The end date cannot be before the start date' });

export type DocumentListParams = z.output<typeof documentListParams>;
type RawParams = Record<string, string | string[] | undefined>;

export interface ParsedListParams {
  params: DocumentListParams;
  /** The fields refused, each with its message: the screen shows them beside the filters and ignores those fields. */
  errors: Partial<Record<keyof DocumentListParams, string>>;
}

/**
 * Reads a screen's URL. A refused field is left out (and reported) instead of failing the whole screen: a
 * link with one bad date still lists, unfiltered by that date, and says why.
 */
export function parseDocumentListParams(raw: RawParams): ParsedListParams {
  const errors: ParsedListParams['errors'] = {};
  let input: RawParams = { ...raw };
  for (let attempt = 0; attempt < 3; attempt++) {
    const parsed = documentListParams.safeParse(input);
    if (parsed.success) return { params: parsed.data, errors };
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof DocumentListParams | undefined;
      if (field === undefined) continue;
      errors[field] ??= issue.message;
      input = { ...input, [field]: undefined };
    }
  }
  return { params: { q: undefined, status: undefined }, errors };
}

/** A URLSearchParams (a route's request) as the record a page's `searchParams` is. */
export function rawParamsOf(search: URLSearchParams): RawParams {
  const raw: RawParams = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    raw[key] = values.length === 1 ? values[0] : values;
  }
  return raw;
}

function originOf(rule: string | undefined): DocumentOrigin | undefined {
  if (rule === undefined) return undefined;
  if (rule === 'any') return 'rule';
  if (rule === 'manual') return 'manual';
  return { ruleId: Number(rule) };
}

/** The filters of a screen's params, for the list query and its count. */
export function filtersOf(params: DocumentListParams): DocumentFilters {
  return {
    q: params.q,
    statuses: params.status,
    partyId: params.party,
    origin: originOf(params.rule),
    from: params.from,
    to: params.to,
  };
}

/** The page a screen shows: its filters, its order (newest issue date first by default) and its position. */
export function pageQueryOf(params: DocumentListParams): DocumentPageQuery {
  return {
    ...filtersOf(params),
    sort: { by: params.sort ?? 'date', direction: params.dir ?? 'desc' },
    limit: params.size ?? PAGE_SIZE_DEFAULT,
    after: params.after,
  };
}

/**
 * The query string of a view: `params` with `change` applied, defaults and empty fields left out, the position
 * (`after` or `before`) dropped unless `change` sets one (a new sort or filter starts again at the first page). Starts with `?`, or is
 * empty for the plain list.
 */
export function listSearch(params: DocumentListParams, change: Partial<DocumentListParams> = {}): string {
  const view = { ...params, after: undefined, before: undefined, ...change };
  const search = new URLSearchParams();
  if (view.q) search.set('q', view.q);
  for (const status of view.status ?? []) search.append('status', status);
  if (view.party !== undefined) search.set('party', String(view.party));
  if (view.from) search.set('from', view.from);
  if (view.to) search.set('to', view.to);
  if (view.rule) search.set('rule', view.rule);
  if (view.sort && view.sort !== 'date') search.set('sort', view.sort);
  if (view.dir && view.dir !== 'desc') search.set('dir', view.dir);
  if (view.size !== undefined && view.size !== PAGE_SIZE_DEFAULT) search.set('size', String(view.size));
  if (view.after) search.set('after', encodeCursor(view.after));
  if (view.before) search.set('before', encodeCursor(view.before));
  const text = search.toString();
  return text ? `?${text}` : '';
}
