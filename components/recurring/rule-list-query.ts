import { z } from 'zod';
import { RULE_STATUSES, RULE_TYPES } from '@/lib/recurring/constants';

/**
 * What the Settings → Recurring list is asked for: its filters, its search and where the page starts. One schema
 * for the page's URL, the filter form and the list action, so the server-rendered first page and every refresh
 * ask the same question.
 */

/** The statuses a filter can pick (a deleted rule is never listed), and `failing`: whose last pass failed. */
export const STATUS_FILTERS = [...RULE_STATUSES.filter((s) => s !== 'deleted'), 'failing'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Rules on one page of the list. */
export const RULE_LIST_PAGE_SIZE = 25;

export const SEARCH_MAX_LENGTH = 200;

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;
/** A query value the list does not know is dropped (a stale bookmark still opens the list), not refused. */
const lenient = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional().catch(undefined));

export const ruleListQuery = z.object({
  type: lenient(z.enum(RULE_TYPES)),
  status: lenient(z.enum(STATUS_FILTERS)),
  /** Part of a rule's or its party's name; the search box takes 200 characters, a longer URL is cut there. */
  q: lenient(z.string().transform((v) => v.trim().slice(0, SEARCH_MAX_LENGTH))),
  /** The opaque position the page starts after (Next) or ends before (Previous). */
  after: lenient(z.string().regex(CURSOR)),
  before: lenient(z.string().regex(CURSOR)),
});
export type RuleListQuery = z.output<typeof ruleListQuery>;

/** The query as URL search parameters (empty ones left out), for links and the address bar. */
export function searchParamsOf(query: RuleListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['type', 'status', 'q', 'after', 'before'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The first value of each search parameter of a page's `searchParams`. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
