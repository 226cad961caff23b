import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { PartyKind } from '@/db/schema/enums';
import { parties } from '@/db/schema/ledger';
import { fieldError, notFound, parseOrThrow } from '@/lib/errors';
import { keysetFor, type KeysetPage, type KeysetQuery } from '@/lib/keyset';
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

/** A live party of the company; another company's, a deleted or a missing one is not found alike. */
export async function getPartyOrThrow(db: Db, companyId: string, partyId: number): Promise<Party> {
  const [party] = await db
    .select()
    .from(parties)
    .where(and(eq(parties.companyId, companyId), eq(parties.id, partyId), isNull(parties.deletedAt)));
  if (!party) throw notFound('Party');
  return party;
}

/**
 * A page of the company's live parties in the order they last changed, (updated_at, id), for the API: a sync
 * keeps the last `updatedAt` it saw and asks again with `updatedSince`.
 */
export async function listPartiesPage(db: Db, companyId: string, query: KeysetQuery & { kind?: PartyKind }): Promise<KeysetPage<Party>> {
  const page = await keysetFor(db, query, { sortBy: parties.updatedAt, id: parties.id, updatedAt: parties.updatedAt });
  const rows = await db
    .select({ party: parties, ...page.select })
    .from(parties)
    .where(and(eq(parties.companyId, companyId), isNull(parties.deletedAt), query.kind ? eq(parties.kind, query.kind) : undefined, page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  return page.result(rows, (r) => r.party);
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
