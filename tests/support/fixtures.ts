import { count } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journalEntries, journalLines } from '@/db/schema/ledger';
import { listAccounts } from '@/lib/ledger/accounts';
import { createCompany } from '@/lib/ledger/companies';
import { createParty } from '@/lib/ledger/parties';

/** A company with a customer, a vendor and its chart looked up by code. */
export async function seedCompany(db: Db, name = 'Acme Books', timeZone: string | null = 'America/New_York') {
  const company = await createCompany(db, { name, baseCurrency: 'USD', timeZone });
  const customer = await createParty(db, company.id, { kind: 'customer', name: `${name} Customer` });
  const vendor = await createParty(db, company.id, { kind: 'vendor', name: `${name} Vendor` });
  const chart = await listAccounts(db, company.id);
  const byCode = (code: string) => {
    const account = chart.find((a) => a.code === code);
    if (!account) throw new Error(`no account ${code}`);
    return account.id;
  };
  return { company, customer, vendor, byCode };
}

/** Rows in the ledger tables: "nothing written" is asserted by comparing these before and after. */
export async function ledgerRowCounts(db: Db) {
  const [entries] = await db.select({ n: count() }).from(journalEntries);
  const [lines] = await db.select({ n: count() }).from(journalLines);
  return { entries: entries?.n ?? -1, lines: lines?.n ?? -1 };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, it succeeded');
}
