import { z } from 'zod';
import { PARTY_KINDS } from '@/db/schema/enums';
import { keysetQueryOf, pageQuery, pageReply, pageSchema } from '@/lib/api/pagination';
import { partyResponse, toPartyResponse } from '@/lib/api/resources/party';
import { apiRoute, reply } from '@/lib/http/api-route';
import { createParty, listPartiesPage } from '@/lib/ledger/parties';
import { partyInput } from '@/lib/ledger/schemas';

const listQuery = pageQuery.extend({
  kind: z.enum(PARTY_KINDS, { error: 'kind must be customer or vendor' }).optional().meta({ description: 'Only customers, or only vendors' }),
});

/** GET /api/parties: the company's customers and vendors, a page at a time, in the order they last changed. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/parties',
    operationId: 'listParties',
    summary: 'List customers and vendors',
    tags: ['Parties'],
    role: 'viewer',
    list: true,
    query: listQuery,
    responses: { 200: { description: 'A page of parties', schema: pageSchema(partyResponse) } },
  },
  async ({ ctx, query, request }) =>
    pageReply(request, await listPartiesPage(ctx.db, ctx.company.id, { ...keysetQueryOf(query, ctx), kind: query.kind }), toPartyResponse),
);

/** POST /api/parties `{ kind, name, email? }`: adds a customer or vendor. */
export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/parties',
    operationId: 'createParty',
    summary: 'Add a customer or vendor',
    tags: ['Parties'],
    role: 'accountant',
    body: partyInput,
    responses: { 201: { description: 'The new party', schema: partyResponse } },
  },
  async ({ ctx, rawBody }) => {
    const party = await createParty(ctx.db, ctx.company.id, rawBody);
    return reply(201, toPartyResponse(party), { location: `/api/parties/${party.id}` });
  },
);
