import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgErrorInfo } from '@/lib/errors';
import { occurrenceReference } from '@/lib/ledger/numbering';
import { occurrenceReferenceSql } from '@/lib/ledger/posting';
import { createRule } from '@/lib/recurring/rules';
import { seedCompany } from './support/fixtures';
import { ruleFor } from './support/recurring-fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// A posting's identity, REC-{rule}-{date}, is written once in TS (`occurrenceReference`); the sweep's statement
// renders it in SQL (`occurrenceReferenceSql`), and migration 0009's check (journal_entries_recurring_reference),
// which is never edited, reserves its prefix for entries with a rule. These prove the three agree.

const DATES = ['2026-03-31', '2024-02-29', '0001-01-01', '1999-12-31', '9999-12-31'];

/** Rolls an accepted insert back; a refused one throws the database's error instead. */
class Accepted extends Error {}

describe.each(BACKENDS)('the recurring posting reference on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the SQL the sweep writes is exactly occurrenceReference, for every kind of date', async () => {
    for (const ruleId of [1, 42, 9_007_199_254_740_991]) {
      for (const date of DATES) {
        const [row] = await rowsOf<{ reference: string }>(
          h,
          sql`select ${occurrenceReferenceSql(sql`${ruleId}::bigint`, sql`${date}::date`)} as reference`,
        );
        expect(row!.reference).toBe(occurrenceReference(ruleId, date));
      }
    }
  });

  it('the database accepts occurrenceReference exactly on entries with a rule, and refuses near-misses', async () => {
    const seeded = await seedCompany(h.db, 'Reference Co');
    const rule = await createRule(h.db, seeded.company.id, ruleFor(seeded, { type: 'invoice' }));
    // One invoice entry, with the rule or without; everything but the reference and the rule is valid.
    const insert = (reference: string, withRule: boolean) =>
      verdict(
        h,
        sql`insert into journal_entries (company_id, kind, entry_date, reference, number, party_id, due_date, amount_minor,
            category_account_id, status, rule_id, occurrence_date)
          values (${seeded.company.id}, 'invoice', '2026-03-31', ${reference}, 'X-1', ${seeded.customer.id}, '2026-03-31', 500,
            ${seeded.byCode('4100')}, 'open', ${withRule ? rule.id : null}, ${withRule ? '2026-03-31' : null})`,
      );

    for (const date of DATES) {
      const reference = occurrenceReference(rule.id, date);
      expect(await insert(reference, true)).toBe('accepted');
      expect(await insert(reference, false)).toBe('journal_entries_recurring_reference');
    }
    const nearMisses = [`rec-${rule.id}-2026-03-31`, `REC${rule.id}-2026-03-31`, `RE-${rule.id}-2026-03-31`, ` REC-${rule.id}-2026-03-31`, `XREC-${rule.id}-2026-03-31`, 'INV-000001'];
    for (const reference of nearMisses) {
      expect({ reference, verdict: await insert(reference, true) }).toEqual({ reference, verdict: 'journal_entries_recurring_reference' });
      expect({ reference, verdict: await insert(reference, false) }).toEqual({ reference, verdict: 'accepted' });
    }
  });
});

/** Runs `statement` in a transaction that is rolled back: 'accepted', or the name of the constraint that refused it. */
async function verdict(h: TestDatabase, statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await h.db.transaction(async (tx) => {
      await tx.execute(statement);
      throw new Accepted();
    });
  } catch (error) {
    if (error instanceof Accepted) return 'accepted';
    const { constraint } = pgErrorInfo(error);
    if (constraint) return constraint;
    throw error;
  }
  throw new Error('unreachable: the transaction always throws');
}

async function rowsOf<T>(h: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await h.db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
