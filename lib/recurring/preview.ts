import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts, parties } from '@/db/schema/ledger';
import { systemAccountsOrThrow } from '@/lib/ledger/accounts';
import { getCompanyOrThrow } from '@/lib/ledger/companies';
import { occurrenceReference } from '@/lib/ledger/numbering';
import { documentLines } from '@/lib/ledger/posting';
import { firstOccurrence } from './calendar';
import type { RuleState } from './lifecycle';
import { DOCUMENT_KIND_OF } from './constants';
import { documentMemo } from './rule-documents';
import { draftStateOf, ruleStateOf } from './rule-state';
import { getRuleOrThrow } from './rules';
import type { RuleInput } from './schemas';
import { upcomingOccurrences, type UpcomingOccurrence } from './upcoming';
import { validateRuleInput } from './validate';

interface PreviewLine {
  side: 'Dr' | 'Cr';
  accountId: number;
  accountCode: string;
  accountName: string;
  amountMinor: number;
}

export interface PreviewOccurrence {
  occurrenceDate: string;
  /** The instant the sweep posts it (ISO, UTC). */
  runAt: string;
  dueDate: string;
  /** Set when it would be skipped rather than posted. */
  skipReason: UpcomingOccurrence['skipReason'];
  /** Why it falls when it does: "31st → Feb 28", "the day starts at 01:00 here". */
  notes: string[];
  document: {
    kind: 'invoice' | 'bill';
    reference: string | null;
    partyId: number;
    partyName: string;
    categoryId: number;
    amountMinor: number;
    memo: string;
  };
  lines: PreviewLine[];
}

/** The next `count` occurrences of a saved rule, each with the document and the exact journal lines it posts. */
export async function previewRule(db: Db, companyId: string, ruleId: number, count = 5): Promise<PreviewOccurrence[]> {
  const rule = await getRuleOrThrow(db, companyId, ruleId);
  return previewState(db, companyId, ruleStateOf(rule), rule, rule.timeZone ?? undefined, count);
}

/**
 * The same for an unsaved draft from the editor (validated like a save; nothing is written). `lifecycle` previews
 * a draft created with a pauseUntil, or paused until `resumeOn` (`POST /api/recurring/preview`).
 */
export async function previewDraft(
  db: Db,
  companyId: string,
  input: RuleInput,
  count = 5,
  lifecycle: { pauseUntil?: string | null; resumeOn?: string | null } = {},
): Promise<PreviewOccurrence[]> {
  const company = await getCompanyOrThrow(db, companyId);
  const { values, schedule } = await validateRuleInput(db, company, input);
  const state: RuleState = {
    ...draftStateOf(companyId, values, schedule),
    nextOccurrence: firstOccurrence(schedule),
    pauseUntil: lifecycle.pauseUntil ?? null,
    ...(lifecycle.resumeOn ? { status: 'paused' as const, resumeOn: lifecycle.resumeOn } : {}),
  };
  return previewState(db, companyId, state, { ...values, id: 0 }, company.timeZone ?? undefined, count);
}

/**
 * The next `count` occurrences of a rule in `state` (saved, drafted or as an edit would leave it), each with the
 * document and journal lines it posts. `rule.id` 0 is a draft: its postings have no reference yet.
 */
export async function previewState(
  db: Db,
  companyId: string,
  state: RuleState,
  rule: { id: number; name: string; memo: string; partyId: number; categoryAccountId: number; amountMinor: number },
  timeZone: string | undefined,
  count: number,
): Promise<PreviewOccurrence[]> {
  const upcoming = upcomingOccurrences(state, count, timeZone);
  if (upcoming.length === 0) return [];

  const kind = DOCUMENT_KIND_OF[state.type];
  const system = await systemAccountsOrThrow(db, companyId);
  const lines = documentLines(kind, rule.amountMinor, rule.categoryAccountId, system);
  const named = await db
    .select({ id: accounts.id, code: accounts.code, name: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.companyId, companyId), inArray(accounts.id, lines.map((l) => l.accountId))));
  const [party] = await db.select({ name: parties.name }).from(parties).where(and(eq(parties.companyId, companyId), eq(parties.id, rule.partyId)));
  const previewLines: PreviewLine[] = lines.map((l) => {
    const account = named.find((a) => a.id === l.accountId);
    return {
      side: l.amountMinor > 0 ? 'Dr' : 'Cr',
      accountId: l.accountId,
      accountCode: account?.code ?? '',
      accountName: account?.name ?? '',
      amountMinor: Math.abs(l.amountMinor),
    };
  });
  return upcoming.map((o) => ({
    occurrenceDate: o.date,
    runAt: o.runAt.toISOString(),
    dueDate: o.dueDate,
    skipReason: o.skipReason,
    notes: o.notes,
    document: {
      kind,
      reference: rule.id ? occurrenceReference(rule.id, o.date) : null,
      partyId: rule.partyId,
      partyName: party?.name ?? '',
      categoryId: rule.categoryAccountId,
      amountMinor: rule.amountMinor,
      memo: documentMemo(rule),
    },
    lines: previewLines,
  }));
}
