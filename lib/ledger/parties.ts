import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { PartyKind } from '@/db/schema/enums';
import { parties } from '@/db/schema/ledger';
import { fieldError, parseOrThrow } from '@/lib/errors';
import { partyInput, type PartyInput } from './schemas';

export type Party = typeof parties.$inferSelect;

export async function createParty(db: Db, companyId: string, input: PartyInput): Promise<Party> {
  const values = parseOrThrow(partyInput, input);
  const [party] = await db
    .insert(parties)
    .values({ ...values, companyId })
    .returning();
  if (!party) throw new Error('party insert returned no row');
  return party;
}

export async function listParties(db: Db, companyId: string, kind?: PartyKind): Promise<Party[]> {
  return db
    .select()
    .from(parties)
    .where(and(eq(parties.companyId, companyId), isNull(parties.deletedAt), kind ? eq(parties.kind, kind) : undefined))
    .orderBy(asc(parties.name));
}

/** A live party of the company and of the expected kind, or a field error on `field`. */
export async function partyOrThrow(db: Db, companyId: string, partyId: number, kind: PartyKind, field = 'partyId'): Promise<Party> {
  const [party] = await db
    .select()
    .from(parties)
    .where(and(eq(parties.companyId, companyId), eq(parties.id, partyId)));
  if (!party || party.deletedAt) throw fieldError(field, `Choose a ${kind} of this company`);
  if (party.kind !== kind) throw fieldError(field, kind === 'customer' ? 'Choose a customer, not a vendor' : 'Choose a vendor, not a customer');
  return party;
}
