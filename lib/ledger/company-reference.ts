import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { companies } from '@/db/schema/ledger';
import { AppError, notFound } from '@/lib/errors';
import type { Company } from './companies';

/**
 * A company named by an operator on the command line: its id, or its name (case-insensitive). An ambiguous name
 * is refused with the candidates' ids, e.g. `resolveCompanyReference(db, 'Northwind Studio')`.
 */
export async function resolveCompanyReference(db: Db, reference: string): Promise<Company> {
  const ref = reference.trim();
  if (z.uuid().safeParse(ref).success) {
    const [byId] = await db.select().from(companies).where(eq(companies.id, ref));
    if (byId) return byId;
  }
  const byName = await db.select().from(companies).where(sql`lower(${companies.name}) = lower(${ref})`);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new AppError('conflict', `Several companies are named "${ref}": use an id (${byName.map((c) => c.id).join(', ')})`);
  }
  throw notFound(`Company "${ref}"`);
}
