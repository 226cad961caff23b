import { z } from 'zod';
import { parseOrThrow } from '@/lib/errors';

/** A CSV download: `text/csv` (RFC 4180 says CRLF records, which lib/csv.ts writes), saved as `filename`. */
export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}

/** A CSV route's query as a plain object (the first value of each name), parsed with the screen's own schema. */
export function csvQuery<T extends z.ZodType>(request: Request, schema: T): z.output<T> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) if (!(name in query) && value !== '') query[name] = value;
  return parseOrThrow(schema, query);
}
