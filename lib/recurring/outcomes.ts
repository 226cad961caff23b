import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { companies, journalEntries } from '@/db/schema/ledger';
import { recurringRules } from '@/db/schema/recurring';
import { notFound } from '@/lib/errors';
import type { SkipReason } from './constants';
import type { RuleOutcome } from './execute';
import type { RuleRow } from './rule-state';
import { forceNextOccurrence, pauseRule, resumeRule, skipNextOccurrence } from './rules';

/**
 * What a lifecycle action did, as a caller reads it back: the rule as it now is, each document it posted (with
 * its number and amount) and each occurrence it skipped. One transaction, so the answer is one moment's state.
 */

interface PostedDocument {
  occurrenceDate: string;
  dueDate: string;
  documentId: number;
  number: string;
  reference: string;
  amountMinor: number;
}

export interface RuleEventResult {
  rule: RuleRow;
  posted: PostedDocument[];
  skipped: { occurrenceDate: string; reason: SkipReason }[];
  /** Occurrences already posted before (by any process): nothing was written for them. */
  duplicates: string[];
}

export type RuleAction = { kind: 'pause'; resumeOn?: string | null } | { kind: 'resume' } | { kind: 'skipNext' } | { kind: 'force' };

/** Pauses, resumes, skips the next occurrence of, or forces a rule (rules.ts), and reads back what it did. */
export async function applyRuleAction(db: Db, companyId: string, ruleId: number, action: RuleAction): Promise<RuleEventResult> {
  return db.transaction(async (tx) => {
    let outcome: RuleOutcome | null = null;
    switch (action.kind) {
      case 'pause':
        await pauseRule(tx, companyId, ruleId, { resumeOn: action.resumeOn });
        break;
      case 'resume':
        outcome = await resumeRule(tx, companyId, ruleId);
        break;
      case 'skipNext':
        outcome = await skipNextOccurrence(tx, companyId, ruleId);
        break;
      case 'force':
        outcome = await forceNextOccurrence(tx, companyId, ruleId);
        break;
    }
    const [rule] = await tx.select().from(recurringRules).where(and(eq(recurringRules.companyId, companyId), eq(recurringRules.id, ruleId)));
    if (!rule) throw notFound('Rule');
    const documents = new Map((await documentsOf(tx, companyId, outcome?.posted.map((p) => p.documentId) ?? [])).map((d) => [d.id, d]));
    return {
      rule,
      posted: (outcome?.posted ?? []).map((p) => {
        const doc = documents.get(p.documentId);
        if (!doc) throw new Error(`posted document ${p.documentId} not found`);
        return { occurrenceDate: p.occurrenceDate, dueDate: p.dueDate, documentId: p.documentId, number: doc.number, reference: p.reference, amountMinor: doc.amountMinor };
      }),
      skipped: outcome?.skipped ?? [],
      duplicates: outcome?.duplicates ?? [],
    };
  });
}

async function documentsOf(db: Db, companyId: string, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: journalEntries.id, number: journalEntries.number, amountMinor: journalEntries.amountMinor })
    .from(journalEntries)
    .where(and(eq(journalEntries.companyId, companyId), inArray(journalEntries.id, ids)));
  return rows.map((r) => ({ id: r.id, number: r.number ?? '', amountMinor: r.amountMinor ?? 0 }));
}

/** Each rule's amount and its company's currency, for run summaries that show what each posting is worth. */
export async function ruleAmounts(db: Db, ruleIds: readonly number[]): Promise<Map<number, { amountMinor: number; currency: string }>> {
  const out = new Map<number, { amountMinor: number; currency: string }>();
  const unique = [...new Set(ruleIds)];
  for (let start = 0; start < unique.length; start += 5000) {
    const rows = await db
      .select({ id: recurringRules.id, amountMinor: recurringRules.amountMinor, currency: companies.baseCurrency })
      .from(recurringRules)
      .innerJoin(companies, eq(companies.id, recurringRules.companyId))
      .where(inArray(recurringRules.id, unique.slice(start, start + 5000)));
    for (const r of rows) out.set(r.id, { amountMinor: r.amountMinor, currency: r.currency });
  }
  return out;
}
