import type { Db } from '@/db/client';
import { recurringRules } from '@/db/schema/recurring';
import { dueFilter, type ClaimedRule, type CompanyCursor } from './claim';

/**
 * Fairness: a batch takes at most this many rules from one company while others have due rules, so one company
 * with 500,000 due rules gets its turn like the others instead of holding them back for the whole pass.
 */
export const MAX_RULES_PER_COMPANY_PER_BATCH = 50;
/** Refills of the company queue per run: each finds the companies with rules still due; a pass needs one or two. */
const MAX_REFILLS = 1000;

/**
 * Which rules the next batch claims. Companies with due rules wait in a queue; a batch takes up to `perCompany`
 * rules from each of the companies at its head, and a company that gave a full share goes to the back with its
 * cursor moved on, so every company advances in each round whatever the size of the others. The queue starts at
 * a random company, so that concurrent sweepers mostly work on different companies (their document counters
 * then rarely wait on each other). When it empties it is refilled from the due index with cursors reset, which
 * also catches rules that a failed batch of another process left behind; the run ends when a refill round
 * claims nothing.
 */
export class CompanyQueue {
  private queue: CompanyCursor[] = [];
  private refills = 0;
  private claimedSinceRefill = 0;

  constructor(private readonly companyId: string | undefined) {}

  /** The companies for a batch of `batchSize` rules and the share of each, or null when the run is over. */
  async next(db: Db, batchSize: number): Promise<{ cursors: CompanyCursor[]; perCompany: number } | null> {
    if (this.queue.length === 0) {
      if (this.refills > 0 && this.claimedSinceRefill === 0) return null;
      if (this.refills >= MAX_REFILLS) return null;
      this.refills++;
      this.claimedSinceRefill = 0;
      const due = await db
        .selectDistinct({ companyId: recurringRules.companyId })
        .from(recurringRules)
        .where(dueFilter({ companyId: this.companyId }));
      if (due.length === 0) return null;
      const start = Math.floor(Math.random() * due.length);
      this.queue = [...due.slice(start), ...due.slice(0, start)].map((d) => ({ companyId: d.companyId, afterKey: null, afterId: null }));
    }
    // With few companies left, each may fill more of the batch.
    const perCompany = Math.min(batchSize, Math.max(MAX_RULES_PER_COMPANY_PER_BATCH, Math.ceil(batchSize / this.queue.length)));
    const count = Math.max(1, Math.floor(batchSize / perCompany));
    return { cursors: this.queue.slice(0, count), perCompany };
  }

  /**
   * After a batch. A company with claimed rules the batch did not get to (see MAX_OCCURRENCES_PER_BATCH) stays at
   * the head; one that gave a full share goes to the back, past what it gave; the others are done for this round.
   */
  served(cursors: CompanyCursor[], perCompany: number, claimed: ClaimedRule[], applied: number) {
    this.claimedSinceRefill += applied;
    const last = new Map<string, ClaimedRule>();
    const counts = new Map<string, number>();
    const unfinished = new Set<string>();
    claimed.forEach((rule, i) => {
      counts.set(rule.companyId, (counts.get(rule.companyId) ?? 0) + 1);
      if (i < applied) last.set(rule.companyId, rule); // claimed in (next_run_at, id) order within a company
      else unfinished.add(rule.companyId);
    });
    const front: CompanyCursor[] = [];
    const back: CompanyCursor[] = [];
    for (const cursor of cursors) {
      const rule = last.get(cursor.companyId);
      const moved = rule ? { companyId: cursor.companyId, afterKey: rule.dueKey, afterId: rule.id } : cursor;
      if (unfinished.has(cursor.companyId)) front.push(moved);
      else if ((counts.get(cursor.companyId) ?? 0) >= perCompany) back.push(moved);
    }
    this.queue = [...front, ...this.queue.slice(cursors.length), ...back];
  }
}
