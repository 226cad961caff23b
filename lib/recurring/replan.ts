import { and, asc, eq, gt, isNotNull, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { databaseNow } from '@/db/clock';
import { recurringRules } from '@/db/schema/recurring';
import { writeDecisions } from './execute';
import { contextAt, decide, ZONE_CHANGE } from './lifecycle';
import { ruleStateOf } from './rule-state';

/** Rules re-planned per statement: bounds the memory of a company with half a million rules. */
const REPLAN_CHUNK = 2000;

/**
 * Re-plans a company's rules after its time zone changed, inside the caller's transaction: each active rule, and
 * each paused one with a resume date, is locked and decided by the lifecycle (`zoneChange`) in the new zone. Only
 * the wake-up instant moves: the occurrences (dates) and what is already posted stay, so no date is posted twice or
 * skipped. A rule a sweeper holds is waited for, and then re-planned from what the sweeper wrote.
 */
export async function replanCompanyRules(tx: Db, companyId: string, timeZone: string | null): Promise<number> {
  const ctx = contextAt(await databaseNow(tx), timeZone);
  let replanned = 0;
  for (let after = 0; ; ) {
    const rows = await tx
      .select()
      .from(recurringRules)
      .where(
        and(
          eq(recurringRules.companyId, companyId),
          gt(recurringRules.id, after),
          or(eq(recurringRules.status, 'active'), and(eq(recurringRules.status, 'paused'), isNotNull(recurringRules.resumeOn))),
        ),
      )
      .orderBy(asc(recurringRules.id))
      .limit(REPLAN_CHUNK)
      .for('no key update');
    if (rows.length === 0) return replanned;
    await writeDecisions(tx, rows.map((row) => decide(ruleStateOf(row), ZONE_CHANGE, ctx)));
    replanned += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
