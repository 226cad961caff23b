import { and, asc, count, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recurringRules } from '@/db/schema/recurring';
import { parseTimestamptz, rowsOf } from '@/db/sql-batch';
import { todayInZone } from '@/lib/dates/calendar-date';
import { parseOrThrow } from '@/lib/errors';
import { timeZone as timeZoneField } from '@/lib/schemas/common';
import { z } from 'zod';
import { decide, ZONE_CHANGE, type LifecycleContext } from './lifecycle';
import { ruleStateOf, type PlanningColumns, type RuleRow } from './rule-state';

/**
 * How a company's rules would wake up in another time zone, before the change is saved. A zone change keeps every
 * occurrence date and moves only the instant each date starts (see `replanCompanyRules`); this asks the same
 * lifecycle event (`zoneChange`) of the same `decide`, so the preview is the re-plan, not a copy of its maths.
 */

/** Rules listed in a preview: the soonest ones, enough to see the move; the total says how many move. */
const ZONE_PREVIEW_LIMIT = 25;

export type MovableRule = PlanningColumns & Pick<RuleRow, 'name' | 'nextRunAt'>;

export interface ZoneMove {
  ruleId: number;
  name: string;
  nextOccurrence: string | null;
  /** The next run as stored now. */
  from: Date | null;
  /** The next run after the change. */
  to: Date | null;
}

/**
 * Each rule's next run now and in the zone of `ctx` (pure). `ctx.today` is the company's date in the new zone.
 *
 * @example zoneChangeMoves([rentDueJan31InNewYork], { today: '2027-01-20', timeZone: 'Europe/Paris' })
 * // [{ …, from: 2027-01-31T05:00:00Z, to: 2027-01-30T23:00:00Z }]
 */
export function zoneChangeMoves(rules: readonly MovableRule[], ctx: LifecycleContext): ZoneMove[] {
  return rules.map((rule) => ({
    ruleId: rule.id,
    name: rule.name,
    nextOccurrence: rule.nextOccurrence,
    from: rule.nextRunAt,
    to: decide(ruleStateOf(rule), ZONE_CHANGE, ctx).nextRunAt,
  }));
}

const zoneChangeInput = z.object({ timeZone: timeZoneField });

export interface ZoneChangePreview {
  timeZone: string | null;
  /** The soonest rules' moves (at most ZONE_PREVIEW_LIMIT), by their next run now. */
  moves: ZoneMove[];
  /** How many rules the change re-plans. */
  total: number;
}

/**
 * The moves of a company's rules if its zone became `input.timeZone` (empty: UTC), read without locking or writing
 * anything. The rules are the ones the re-plan touches: active ones, and paused ones with a resume date.
 */
export async function previewZoneChange(db: Db, companyId: string, input: { timeZone?: string | null }, limit = ZONE_PREVIEW_LIMIT): Promise<ZoneChangePreview> {
  const { timeZone } = parseOrThrow(zoneChangeInput, input);
  const zone = timeZone ?? undefined;
  const replanned = and(
    eq(recurringRules.companyId, companyId),
    or(eq(recurringRules.status, 'active'), and(eq(recurringRules.status, 'paused'), isNotNull(recurringRules.resumeOn))),
  );
  const [rules, [counted], clock] = await Promise.all([
    db.select().from(recurringRules).where(replanned).orderBy(sql`${recurringRules.nextRunAt} asc nulls last`, asc(recurringRules.id)).limit(limit),
    db.select({ n: count() }).from(recurringRules).where(replanned),
    db.execute(sql`select now()::text as now`),
  ]);
  const [now] = rowsOf<{ now: string }>(clock);
  const ctx: LifecycleContext = { today: todayInZone(parseTimestamptz(now!.now), zone), timeZone: zone };
  return { timeZone, moves: zoneChangeMoves(rules, ctx), total: counted?.n ?? 0 };
}
