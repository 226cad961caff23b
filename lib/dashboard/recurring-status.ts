import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recurringRules } from '@/db/schema/recurring';
import { assessRecurringHealth, type RecurringHealthAssessment } from '@/lib/recurring/health';
import { MAX_CONSECUTIVE_FAILURES } from '@/lib/recurring/lifecycle-types';
import { recentRuns, type RunLogEntry } from '@/lib/recurring/manual-runs';

/**
 * The scheduler as one company sees it on the Overview: its last sweep, the health verdict of
 * `assessRecurringHealth` (the same judge as GET /api/recurring/health) over this company's rules only, and the
 * rules that need someone: failing, paused after repeated failures, or waiting for review.
 */

export type AttentionReason = 'failing' | 'auto_paused' | 'needs_review';

interface RuleNeedingAttention {
  id: number;
  name: string;
  reason: AttentionReason;
  consecutiveFailures: number;
  /** The last failure's message, or why the rule waits for review. */
  message: string | null;
}

export interface CompanyRecurringStatus {
  lastRun: RunLogEntry | null;
  health: RecurringHealthAssessment;
  rules: RuleNeedingAttention[];
}

/** Rules listed at most: enough to act on, bounded however many break at once. */
const ATTENTION_LIMIT = 50;

/** Which of a rule's troubles the Overview names: an auto-pause is the failing that stopped it. */
function attentionReasonOf(rule: { status: string; consecutiveFailures: number }): AttentionReason | null {
  if (rule.status === 'needs_review') return 'needs_review';
  if (rule.status === 'paused' && rule.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) return 'auto_paused';
  if ((rule.status === 'active' || rule.status === 'paused') && rule.consecutiveFailures > 0) return 'failing';
  return null;
}

export async function companyRecurringStatus(db: Db, companyId: string, intervalMinutes: number): Promise<CompanyRecurringStatus> {
  const [troubled, [due], [lastRun]] = await Promise.all([
    db
      .select({
        id: recurringRules.id,
        name: recurringRules.name,
        status: recurringRules.status,
        consecutiveFailures: recurringRules.consecutiveFailures,
        lastError: recurringRules.lastError,
        statusReason: recurringRules.statusReason,
      })
      .from(recurringRules)
      .where(
        and(
          eq(recurringRules.companyId, companyId),
          sql`((${recurringRules.status} in ('active', 'paused') and ${recurringRules.consecutiveFailures} > 0) or ${recurringRules.status} = 'needs_review')`,
        ),
      )
      .orderBy(asc(recurringRules.name), asc(recurringRules.id))
      .limit(ATTENTION_LIMIT),
    db
      .select({ age: sql<string | null>`extract(epoch from now() - min(${recurringRules.nextRunAt}))::text` })
      .from(recurringRules)
      .where(and(eq(recurringRules.companyId, companyId), isNotNull(recurringRules.nextRunAt), sql`${recurringRules.nextRunAt} <= now()`)),
    recentRuns(db, companyId, 1),
  ]);
  const rules = troubled.map((r) => ({
    id: r.id,
    name: r.name,
    reason: attentionReasonOf(r)!,
    consecutiveFailures: r.consecutiveFailures,
    message: r.status === 'needs_review' ? r.statusReason : r.lastError,
  }));
  const health = assessRecurringHealth(
    {
      oldestDueAgeSeconds: due?.age ? Math.max(0, Math.round(Number(due.age))) : 0,
      failingRules: rules.filter((r) => r.reason !== 'needs_review').length,
      autoPausedRules: rules.filter((r) => r.reason === 'auto_paused').length,
      needsReviewRules: rules.filter((r) => r.reason === 'needs_review').length,
    },
    intervalMinutes,
  );
  return { lastRun: lastRun ?? null, health, rules };
}
