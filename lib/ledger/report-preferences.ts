import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ReportBasis } from '@/db/schema/enums';
import { reportPreferences } from '@/db/schema/reports';

/**
 * Each member's remembered report basis per company (issue 14). Nothing remembered yet means accrual, the
 * basis every report had before.
 */

/** The basis `userId` last chose for the reports of `companyId`, or accrual. */
export async function getReportBasis(db: Db, companyId: string, userId: string): Promise<ReportBasis> {
  const [row] = await db
    .select({ basis: reportPreferences.basis })
    .from(reportPreferences)
    .where(and(eq(reportPreferences.companyId, companyId), eq(reportPreferences.userId, userId)));
  return row?.basis ?? 'accrual';
}

/** Remembers `basis` for `userId` in `companyId` (a member of it: the foreign key to the membership refuses anyone else). */
export async function setReportBasis(db: Db, companyId: string, userId: string, basis: ReportBasis): Promise<void> {
  await db
    .insert(reportPreferences)
    .values({ companyId, userId, basis })
    .onConflictDoUpdate({ target: [reportPreferences.userId, reportPreferences.companyId], set: { basis, updatedAt: sql`now()` } });
}
