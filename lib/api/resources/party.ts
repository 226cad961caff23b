import { z } from 'zod';
import { PARTY_KINDS } from '@/db/schema/enums';
import type { Party } from '@/lib/ledger/parties';
import { instant, instantOf, recordIdValue } from '../values';

/** A customer or vendor as the API shows it. */
export const partyResponse = z
  .object({
    id: recordIdValue,
    kind: z.enum(PARTY_KINDS),
    name: z.string(),
    email: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Party' });

export function toPartyResponse(party: Party): z.output<typeof partyResponse> {
  return {
    id: party.id,
    kind: party.kind,
    name: party.name,
    email: party.email,
    createdAt: instantOf(party.createdAt),
    updatedAt: instantOf(party.updatedAt),
  };
}
