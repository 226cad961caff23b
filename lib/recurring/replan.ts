import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { startOfLocalDay } from '@/lib/dates/local-day';

/**
 * Re-plans when a company's rules wake up after its time zone changed. Only `next_run_at` moves: the
 * occurrences (dates) and what is already posted stay, so no date is posted twice or skipped. Set-based: one
 * instant is computed per distinct wake-up date, however many rules share it.
 */
export async function replanCompanyRules(tx: Db, companyId: string, timeZone: string | null): Promise<number> {
  const zone = timeZone ?? undefined;
  const result = (await tx.execute(sql`
    select distinct (next_occurrence - create_days_ahead)::text as wake from recurring_rules
     where company_id = ${companyId} and status = 'active' and next_occurrence is not null
    union
    select distinct resume_on::text from recurring_rules
     where company_id = ${companyId} and status = 'paused' and resume_on is not null`)) as unknown;
  const wakes = (Array.isArray(result) ? result : (result as { rows: { wake: string }[] }).rows) as { wake: string }[];
  if (wakes.length === 0) return 0;
  const instants = wakes.map((w) => ({ d: w.wake, at: startOfLocalDay(w.wake, zone).toISOString() }));
  const updated = (await tx.execute(sql`
    update recurring_rules r set next_run_at = m.at, version = r.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(instants)}::jsonb) as m(d date, at timestamptz)
     where r.company_id = ${companyId}
       and ((r.status = 'active' and r.next_occurrence - r.create_days_ahead = m.d)
         or (r.status = 'paused' and r.resume_on = m.d))
    returning r.id`)) as unknown;
  return Array.isArray(updated) ? updated.length : (updated as { rows: unknown[] }).rows.length;
}

