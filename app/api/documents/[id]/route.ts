import { z } from 'zod';
import { etagOfBody } from '@/lib/api/concurrency';
import { documentResponse, toDocumentResponse } from '@/lib/api/resources/document';
import { apiRoute, reply } from '@/lib/http/api-route';
import { getDocumentOrThrow } from '@/lib/ledger/documents';
import { recordId } from '@/lib/schemas/common';

/** GET /api/documents/:id: an invoice or bill of the company; another company's is 404, as is a missing one. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/documents/{id}',
    operationId: 'getDocument',
    summary: 'Get an invoice or bill',
    tags: ['Documents'],
    role: 'viewer',
    etag: true,
    params: z.object({ id: recordId }),
    responses: { 200: { description: 'The document with its settlement', schema: documentResponse } },
  },
  async ({ ctx, params }) => {
    const body = toDocumentResponse(await getDocumentOrThrow(ctx.db, ctx.company.id, params.id), ctx.company.baseCurrency);
    return reply(200, body, { etag: etagOfBody(JSON.stringify(body)) });
  },
);
