import { z } from 'zod';
import type { KeysetPage, KeysetPosition } from '@/lib/keyset';

/**
 * Every list of the API: `limit` (1–100, default 50), an opaque `cursor` from the previous page, and
 * `updatedSince` for syncing changes. The answer is `{ data, nextCursor }`, with a `Link: <…>; rel="next"`
 * header while another page follows.
 */

const PAGE_LIMIT_DEFAULT = 50;
const PAGE_LIMIT_MAX = 100;

/** base64url of `[key, id]`: opaque to callers, so its shape can change without breaking them. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

const CURSOR_MESSAGE = 'This cursor was not given out by this list: start again without it';

export const cursorParam = z
  .string()
  .max(512, CURSOR_MESSAGE)
  .transform((text, ctx): KeysetPosition => {
    try {
      if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('not base64url');
      const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isSafeInteger(value[1])) {
        return { key: value[0], id: value[1] as number };
      }
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: CURSOR_MESSAGE });
    return z.NEVER;
  })
  .meta({ description: 'The `nextCursor` of the previous page' });

const instantParam = z.iso.datetime({ offset: true, error: 'Give an instant in ISO 8601 with its offset, like 2026-03-10T09:00:00Z' });

export const pageQuery = z.object({
  limit: z.coerce
    .number({ error: `Give a whole number from 1 to ${PAGE_LIMIT_MAX}` })
    .int(`Give a whole number from 1 to ${PAGE_LIMIT_MAX}`)
    .min(1, `Give a whole number from 1 to ${PAGE_LIMIT_MAX}`)
    .max(PAGE_LIMIT_MAX, `At most ${PAGE_LIMIT_MAX} rows a page`)
    .default(PAGE_LIMIT_DEFAULT)
    .meta({ description: `Rows per page, 1–${PAGE_LIMIT_MAX}` }),
  cursor: cursorParam.optional(),
  updatedSince: instantParam
    .optional()
    .meta({ description: 'Only rows changed at or after this instant (ISO 8601 with an offset), for syncing' }),
});

/** What a list service takes: the keyset query with the decoded cursor, and the committed horizon the caller's lookup read. */
export function keysetQueryOf(query: z.output<typeof pageQuery>, caller?: { horizon?: { at: string | null } }) {
  return { limit: query.limit, after: query.cursor, updatedSince: query.updatedSince, horizon: caller?.horizon };
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  });
}

export interface PageBody<T> {
  data: T[];
  nextCursor: string | null;
}

function pageBody<T, U>(page: KeysetPage<T>, serialize: (item: T) => U): PageBody<U> {
  return { data: page.items.map(serialize), nextCursor: page.next ? encodeCursor(page.next) : null };
}

/** What a list operation answers: the page's items as `serialize` shows them, with the next page's `Link`. */
export function pageReply<T, U>(request: Request, page: KeysetPage<T>, serialize: (item: T) => U) {
  const body = pageBody(page, serialize);
  return { status: 200 as const, body, headers: nextLink(request.url, body.nextCursor) };
}

/**
 * The `Link` header for the next page: this request's path and query with the cursor replaced, as a reference
 * relative to the request (RFC 8288 §3.2). Relative because the origin a server sees is not always the one the
 * caller used (a proxy, or Next's own idea of its host).
 */
export function nextLink(requestUrl: string, nextCursor: string | null): Record<string, string> {
  if (nextCursor === null) return {};
  const url = new URL(requestUrl);
  url.searchParams.set('cursor', nextCursor);
  return { link: `<${url.pathname}${url.search}>; rel="next"` };
}
