import { z } from 'zod';
import { etagOfBody } from '@/lib/api/concurrency';
import { partyResponse, toPartyResponse } from '@/lib/api/resources/party';
import { apiRoute, reply } from '@/lib/http/api-route';
import { getPartyOrThrow } from '@/lib/ledger/parties';
import { recordId } from '@/lib/schemas/common';

/** GET /api/parties/:id: one customer or vendor; another company's is 404, as is a missing one. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/parties/{id}',
    operationId: 'getParty',
    summary: 'Get a customer or vendor',
    tags: ['Parties'],
    role: 'viewer',
    etag: true,
    params: z.object({ id: recordId }),
    responses: { 200: { description: 'The party', schema: partyResponse } },
  },
  async ({ ctx, params }) => {
    const body = toPartyResponse(await getPartyOrThrow(ctx.db, ctx.company.id, params.id));
    return reply(200, body, { etag: etagOfBody(JSON.stringify(body)) });
  },
);
