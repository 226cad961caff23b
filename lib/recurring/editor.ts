import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { parseTimestamptz, rowsOf } from '@/db/sql-batch';
import { todayInZone } from '@/lib/dates/calendar-date';
import { parseOrThrow } from '@/lib/errors';
import { getCompanyOrThrow } from '@/lib/ledger/companies';
import { describeSchedule } from './calendar-words';
import { decide, editReplans, passedOverByEdit, type Decision, type LifecycleContext, type LifecycleEvent, type RuleState } from './lifecycle';
import { previewRule, previewState, type PreviewOccurrence } from './preview';
import { draftStateOf, editedValuesOf, ruleStateOf, type RuleRow } from './rule-state';
import { createRule, getRuleOrThrow, pauseRule, setPauseUntil, updateRule } from './rules';
import { editorRuleInput, editorRuleUpdateInput, ruleFlowInput, type EditorRuleInput, type EditorRuleUpdateInput } from './schemas';
import { validateRuleInput } from './validate';

/**
 * The rule editor's service: save a rule with its flow controls (pause until, resume on) in one transaction, and
 * preview what a draft or an edit would do before it is saved. A save is the rule service's own calls (create or
 * update, then set pause-until, then pause), and a preview asks `decide` for the same events in the same order
 * (`flowEvents`), then lists the result with `upcomingOccurrences` like every other screen.
 */

/** Occurrences the editor previews: a year of a monthly rule. */
const EDITOR_PREVIEW_COUNT = 12;

type Flow = { pauseUntil?: string; resumeOn?: string };

export interface DraftPreview {
  /** The company's date today, by the database's clock: rows before it are caught up by the catch-up policy. */
  today: string;
  /** The cadence in words ("Monthly on the last Friday"). */
  cadenceText: string;
  occurrences: PreviewOccurrence[];
  /** What the listed occurrences that post add up to, in minor units (skipped ones post nothing). */
  totalMinor: number;
}

export interface EditPreview {
  today: string;
  /** The cadence in words, saved and edited. */
  cadenceText: { before: string; after: string };
  /** The rule's version now: another than the form's means someone else saved meanwhile. */
  version: number;
  /** Whether the edit re-plans the rule (its schedule changed, or it is made live again). */
  replans: boolean;
  /** The saved rule's next occurrences. */
  before: PreviewOccurrence[];
  /** The next occurrences once the edit is saved. */
  after: PreviewOccurrence[];
  /** Already-due dates the edit passes over: recorded as skipped (`edited`), or posted with `catchUpPassed`. */
  passedOver: string[];
  afterTotalMinor: number;
}

/** Creates a rule with its flow controls, all or nothing. */
export async function createRuleFromEditor(db: Db, companyId: string, input: EditorRuleInput): Promise<RuleRow> {
  const flow = parseOrThrow(ruleFlowInput, input);
  return db.transaction(async (tx) => {
    const created = await createRule(tx, companyId, input);
    return applyFlow(tx, companyId, created, flow);
  });
}

/**
 * Saves an edit with its flow controls, all or nothing. A stale `version` is refused (someone else saved since the
 * form was opened) and nothing changes.
 */
export async function updateRuleFromEditor(db: Db, companyId: string, input: EditorRuleUpdateInput): Promise<RuleRow> {
  const { ruleId, pauseUntil, resumeOn } = parseOrThrow(editorRuleUpdateInput, input);
  return db.transaction(async (tx) => {
    const updated = await updateRule(tx, companyId, ruleId, input);
    return applyFlow(tx, companyId, updated, { pauseUntil, resumeOn });
  });
}

/** The next occurrences of a rule not saved yet, as it would be once created with its flow controls. */
export async function previewEditorDraft(db: Db, companyId: string, input: EditorRuleInput, count = EDITOR_PREVIEW_COUNT): Promise<DraftPreview> {
  const company = await getCompanyOrThrow(db, companyId);
  const flow = parseOrThrow(editorRuleInput, input);
  const { values, schedule } = await validateRuleInput(db, company, input);
  const ctx = await contextOf(db, company.timeZone);
  let state = draftStateOf(companyId, values, schedule);
  state = applied(state, decide(state, { kind: 'create' }, ctx));
  for (const event of flowEvents(state, flow)) state = applied(state, decide(state, event, ctx));
  const occurrences = await previewState(db, companyId, state, { ...values, id: 0 }, ctx.timeZone, count);
  return { today: ctx.today, cadenceText: describeSchedule(schedule), occurrences, totalMinor: postedTotal(occurrences) };
}

/**
 * What an edit would change, before it is saved: the saved rule's next occurrences and the edited ones, and the
 * already-due dates the edit passes over.
 */
export async function previewEditorEdit(db: Db, companyId: string, input: EditorRuleUpdateInput, count = EDITOR_PREVIEW_COUNT): Promise<EditPreview> {
  const parsed = parseOrThrow(editorRuleUpdateInput, input);
  const rule = await getRuleOrThrow(db, companyId, parsed.ruleId);
  const company = await getCompanyOrThrow(db, companyId);
  const { values, schedule } = await validateRuleInput(db, company, input);
  const ctx = await contextOf(db, company.timeZone);
  const current = ruleStateOf(rule);
  const edited = editedValuesOf(values, schedule);
  const edit = decide(current, { kind: 'edit', values: edited, lastOccurrence: rule.lastOccurrence, catchUpPassed: parsed.catchUpPassed }, ctx);
  let state = applied({ ...current, ...edited }, edit);
  for (const event of flowEvents(state, parsed)) state = applied(state, decide(state, event, ctx));
  const [before, after] = await Promise.all([
    previewRule(db, companyId, rule.id, count),
    previewState(db, companyId, state, { ...values, id: rule.id }, ctx.timeZone, count),
  ]);
  return {
    today: ctx.today,
    cadenceText: { before: describeSchedule(current.schedule), after: describeSchedule(schedule) },
    version: rule.version,
    replans: editReplans(current, edited),
    before,
    after,
    passedOver: passedOverByEdit(current, edited, rule.lastOccurrence, ctx),
    afterTotalMinor: postedTotal(after),
  };
}

/**
 * The flow controls as lifecycle events, for a rule in `state` just created or edited: set pauseUntil when it
 * differs; pause with `resumeOn` when the rule is running and a date is given, or is paused and its date changes
 * (an empty date then keeps it paused until resumed by hand). Both the save and the previews follow this list.
 */
function flowEvents(state: RuleState, flow: Flow): LifecycleEvent[] {
  const events: LifecycleEvent[] = [];
  const pauseUntil = flow.pauseUntil ?? null;
  if (pauseUntil !== state.pauseUntil) events.push({ kind: 'setPauseUntil', pauseUntil });
  const resumeOn = flow.resumeOn ?? null;
  // An active rule's resumeOn marks dates a past resume skipped, not a pause: only a given date pauses it.
  if (state.status === 'paused' ? resumeOn !== state.resumeOn : resumeOn !== null) events.push({ kind: 'pause', resumeOn });
  return events;
}

async function applyFlow(tx: Db, companyId: string, saved: RuleRow, flow: Flow): Promise<RuleRow> {
  let row = saved;
  for (const event of flowEvents(ruleStateOf(row), flow)) {
    if (event.kind === 'setPauseUntil') row = await setPauseUntil(tx, companyId, row.id, { pauseUntil: event.pauseUntil });
    else if (event.kind === 'pause') row = await pauseRule(tx, companyId, row.id, { resumeOn: event.resumeOn });
  }
  return row;
}

/** The rule after a decision, as far as its upcoming occurrences go (what the writers store of it). */
function applied(state: RuleState, decision: Decision): RuleState {
  return {
    ...state,
    status: decision.status,
    statusReason: decision.statusReason,
    nextOccurrence: decision.nextOccurrence,
    pauseUntil: decision.pauseUntil,
    resumeOn: decision.resumeOn,
    occurrencesPosted: state.occurrencesPosted + decision.postings.length,
    consecutiveFailures: decision.consecutiveFailures,
    lastError: decision.lastError,
  };
}

function postedTotal(occurrences: readonly PreviewOccurrence[]): number {
  return occurrences.reduce((sum, o) => (o.skipReason === null ? sum + o.document.amountMinor : sum), 0);
}

/** The lifecycle's context for the company: today in its zone by the database's clock. */
async function contextOf(db: Db, timeZone: string | null): Promise<LifecycleContext> {
  const zone = timeZone ?? undefined;
  const [row] = rowsOf<{ now: string }>(await db.execute(sql`select now()::text as now`));
  return { today: todayInZone(parseTimestamptz(row!.now), zone), timeZone: zone };
}
