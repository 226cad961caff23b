import { NextResponse } from 'next/server';
import { z } from 'zod';
import { PARTY_KINDS } from '@/db/schema/enums';
import { parseOrThrow } from '@/lib/errors';
import { companyRoute, readJson } from '@/lib/http/route';
import { createParty, listParties, type Party } from '@/lib/ledger/parties';
import type { PartyInput } from '@/lib/ledger/schemas';

export interface PartiesResponse {
  parties: Party[];
}

const listQuery = z.object({ kind: z.enum(PARTY_KINDS, { error: 'kind must be customer or vendor' }).optional() });

/** GET /api/parties[?kind=customer|vendor]: the company's customers and vendors. */
export const GET = companyRoute({ name: 'GET /api/parties', role: 'viewer' }, async ({ db, company }, request) => {
  const { kind } = parseOrThrow(listQuery, Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json({ parties: await listParties(db, company.id, kind) } satisfies PartiesResponse);
});

/** POST /api/parties `{ kind, name, email? }`: adds a customer or vendor (accountants and owners). */
export const POST = companyRoute({ name: 'POST /api/parties', role: 'accountant' }, async ({ db, company }, request) => {
  // Untyped JSON: the service parses it with the shared schema.
  const party = await createParty(db, company.id, (await readJson(request, 4 * 1024)) as PartyInput);
  return NextResponse.json(party satisfies Party, { status: 201 });
});
