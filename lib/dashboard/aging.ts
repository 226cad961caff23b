import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journalEntries } from '@/db/schema/ledger';
import { differenceInDays } from '@/lib/dates/calendar-date';

/**
 * Open receivables or payables by how long they are past due, as of the company's local today: the Overview's
 * aging. The buckets are decided here, in one pure function, from each document's due date; the database only
 * sums what is still owed per due date.
 */

export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', 'over-90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export const AGING_BUCKET_LABELS: Record<AgingBucket, string> = {
  current: 'Current',
  '1-30': '1–30 days',
  '31-60': '31–60 days',
  '61-90': '61–90 days',
  'over-90': 'Over 90 days',
};

/**
 * The bucket of an amount due on `dueDate`, seen on `today`: current until and on its due date, then by whole days
 * past due.
 *
 * @example agingBucketOf('2026-11-01', '2026-12-01') // '1-30' (30 days past due)
 */
export function agingBucketOf(dueDate: string, today: string): AgingBucket {
  const daysPastDue = differenceInDays(today, dueDate);
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return 'over-90';
}

export interface Aging {
  buckets: Record<AgingBucket, { openMinor: bigint; documents: number }>;
  totalMinor: bigint;
  documents: number;
}

interface OpenByDueDate {
  dueDate: string;
  openMinor: bigint;
  documents: number;
}

/** Sums open amounts (grouped by due date) into the aging buckets as of `today`. */
export function ageOpenAmounts(rows: OpenByDueDate[], today: string): Aging {
  const buckets = Object.fromEntries(AGING_BUCKETS.map((b) => [b, { openMinor: 0n, documents: 0 }])) as Aging['buckets'];
  let totalMinor = 0n;
  let documents = 0;
  for (const row of rows) {
    const bucket = buckets[agingBucketOf(row.dueDate, today)];
    bucket.openMinor += row.openMinor;
    bucket.documents += row.documents;
    totalMinor += row.openMinor;
    documents += row.documents;
  }
  return { buckets, totalMinor, documents };
}

/** The company's open invoices (A/R) or bills (A/P), aged as of `today` (its local date). */
export async function openAging(db: Db, companyId: string, kind: 'invoice' | 'bill', today: string): Promise<Aging> {
  const rows = await db
    .select({
      dueDate: sql<string>`${journalEntries.dueDate}::text`,
      openMinor: sql<string>`sum(${journalEntries.amountMinor} - ${journalEntries.paidMinor})::text`,
      documents: sql<number>`count(*)::int`,
    })
    .from(journalEntries)
    .where(and(eq(journalEntries.companyId, companyId), eq(journalEntries.kind, kind), inArray(journalEntries.status, ['open', 'partially_paid'])))
    .groupBy(journalEntries.dueDate);
  return ageOpenAmounts(
    rows.map((r) => ({ dueDate: r.dueDate, openMinor: BigInt(r.openMinor), documents: r.documents })),
    today,
  );
}
