import 'server-only';
import type { Db } from '@/db/client';
import type { PartyListRow } from '@/components/parties/party-table';
import { listPartyBalances } from '@/lib/ledger/party-balances';
import { listParties, type Party } from '@/lib/ledger/parties';

/** Every live party by name, each with its balances: the parties screen and its CSV export list the same rows. */
export async function partyRows(db: Db, companyId: string): Promise<(PartyListRow & { kind: Party['kind'] })[]> {
  const [parties, balances] = await Promise.all([listParties(db, companyId), listPartyBalances(db, companyId)]);
  return parties.map((p) => {
    const b = balances.get(p.id);
    return {
      id: p.id,
      kind: p.kind,
      name: p.name,
      email: p.email,
      receivableMinor: b?.receivableMinor ?? 0n,
      payableMinor: b?.payableMinor ?? 0n,
      creditMinor: b?.creditMinor ?? 0n,
    };
  });
}
