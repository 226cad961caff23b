import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { journalEntries } from '@/db/schema/ledger';

/**
 * What stands between the company and each party, in minor units (bigint: a sum of documents can pass
 * Number.MAX_SAFE_INTEGER):
 * - `receivableMinor`: what the party owes, the open balance of its invoices that are not void (A/R);
 * - `payableMinor`: what the company owes it, the open balance of its bills (A/P);
 * - `creditMinor`: its customer credit, what its payments received paid beyond their invoices (the part
 *   booked to Customer Credits, 2050), payments since voided left out.
 * A party with none of these is absent.
 */
export interface PartyBalance {
  partyId: number;
  receivableMinor: bigint;
  payableMinor: bigint;
  creditMinor: bigint;
}

const voidOf = alias(journalEntries, 'void_of');
const OPEN = sql`${journalEntries.status} in ('open', 'partially_paid')`;

/** Every party's open A/R, open A/P and customer credit, in one pass over its documents and payments. */
export async function listPartyBalances(db: Db, companyId: string): Promise<Map<number, PartyBalance>> {
  const rows = await db
    .select({
      partyId: journalEntries.partyId,
      receivableMinor: sql<string>`coalesce(sum(${journalEntries.amountMinor} - ${journalEntries.paidMinor}) filter (where ${journalEntries.kind} = 'invoice' and ${OPEN}), 0)`,
      payableMinor: sql<string>`coalesce(sum(${journalEntries.amountMinor} - ${journalEntries.paidMinor}) filter (where ${journalEntries.kind} = 'bill' and ${OPEN}), 0)`,
      creditMinor: sql<string>`coalesce(sum(${journalEntries.amountMinor} - ${journalEntries.appliedMinor}) filter (where ${journalEntries.kind} = 'payment_received' and ${voidOf.id} is null), 0)`,
    })
    .from(journalEntries)
    .leftJoin(
      voidOf,
      and(eq(voidOf.companyId, journalEntries.companyId), eq(voidOf.reversesId, journalEntries.id), eq(journalEntries.kind, 'payment_received')),
    )
    .where(and(eq(journalEntries.companyId, companyId), inArray(journalEntries.kind, ['invoice', 'bill', 'payment_received'])))
    .groupBy(journalEntries.partyId);
  return new Map(
    rows
      .filter((r) => r.partyId !== null)
      .map((r) => [
        r.partyId as number,
        { partyId: r.partyId as number, receivableMinor: BigInt(r.receivableMinor), payableMinor: BigInt(r.payableMinor), creditMinor: BigInt(r.creditMinor) },
      ]),
  );
}
