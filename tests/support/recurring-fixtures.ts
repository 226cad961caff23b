import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journalEntries } from '@/db/schema/ledger';
import { recurringEvents } from '@/db/schema/recurring';
import type { RuleInput } from '@/lib/recurring/schemas';
import type { seedCompany } from './fixtures';

type Seeded = Awaited<ReturnType<typeof seedCompany>>;

/** A valid rule input for the seeded company; override what the test is about. */
export function ruleFor(seeded: Seeded, overrides: Partial<Record<string, unknown>>): RuleInput {
  const type = (overrides.type as string | undefined) ?? 'expense';
  return {
    name: 'Rule under test',
    type,
    partyId: type === 'invoice' ? seeded.customer.id : seeded.vendor.id,
    categoryId: seeded.byCode(type === 'invoice' ? '4100' : '5000'),
    amount: '100.00',
    cadence: 'daily',
    startDate: '2026-01-01',
    ...overrides,
  } as RuleInput;
}

/** The documents a rule posted, oldest first: [occurrence date, issue date, due date, reference]. */
export async function postedBy(db: Db, companyId: string, ruleId: number) {
  const rows = await db
    .select({ occurrenceDate: journalEntries.occurrenceDate, issueDate: journalEntries.entryDate, dueDate: journalEntries.dueDate, reference: journalEntries.reference })
    .from(journalEntries)
    .where(and(eq(journalEntries.companyId, companyId), eq(journalEntries.ruleId, ruleId)))
    .orderBy(asc(journalEntries.occurrenceDate));
  return rows;
}

export async function postedDates(db: Db, companyId: string, ruleId: number): Promise<string[]> {
  return (await postedBy(db, companyId, ruleId)).map((r) => r.occurrenceDate!);
}

/** Skipped occurrences of a rule, oldest first, as 'date:reason'. */
export async function skippedOf(db: Db, ruleId: number): Promise<string[]> {
  const rows = await db
    .select({ date: recurringEvents.occurrenceDate, reason: recurringEvents.reason })
    .from(recurringEvents)
    .where(and(eq(recurringEvents.ruleId, ruleId), eq(recurringEvents.outcome, 'skipped')))
    .orderBy(asc(recurringEvents.occurrenceDate));
  return rows.map((r) => `${r.date}:${r.reason}`);
}
