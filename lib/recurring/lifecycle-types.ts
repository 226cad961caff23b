import type { Schedule } from './calendar';
import type { CatchUpPolicy, RuleStatus, RuleType, SkipReason } from './constants';

/** What the lifecycle (`decide` in lifecycle.ts) reads and answers, and the limits it keeps. */

/** Postings per rule per pass: keeps a batch's transaction short; the rest is due at once, for the next batch. */
export const MAX_POSTINGS_PER_PASS = 50;
/** Skip records per rule per pass: a rule from 1936 with catch-up none skips 33,000 dates over 34 passes, not one. */
export const MAX_SKIPS_PER_PASS = 1000;
/** More dates than this that the policy would post at once is implausible (a clock jump, a rule imported wrong). */
export const MAX_PLAUSIBLE_GAP = 400;
/** After this many failed passes in a row a rule pauses itself, with the reason shown. */
export const MAX_CONSECUTIVE_FAILURES = 3;
/** A failed rule is retried no sooner than this, so one bad rule cannot spin inside a run. */
export const RETRY_DELAY_MS = 60_000;
/** Dates one edit may pass over (each gets a skip record in the edit's transaction): 27 years of a daily rule. */
export const MAX_PASSED_PER_EDIT = 10_000;

export interface RuleState {
  id: number;
  companyId: string;
  type: RuleType;
  schedule: Schedule;
  maxOccurrences: number | null;
  dueDays: number;
  dueDate: string | null;
  createDaysAhead: number;
  catchUp: CatchUpPolicy;
  status: RuleStatus;
  statusReason: string | null;
  /** While active: dates on or before it are skipped as `pause_until`. */
  pauseUntil: string | null;
  /**
   * Paused: the date it resumes by itself. Active: the date a resume happened on, kept until every date before it
   * is decided (they are skipped as `paused`; a long pause is recorded over several passes).
   */
  resumeOn: string | null;
  /** The first occurrence not yet decided (posted or skipped); null once there is none. */
  nextOccurrence: string | null;
  occurrencesPosted: number;
  consecutiveFailures: number;
  lastError: string | null;
}

export interface LifecycleContext {
  /** The company's local date by the database's clock. */
  today: string;
  /** The company's IANA zone; undefined is UTC. */
  timeZone?: string;
  maxPostingsPerPass?: number;
  maxSkipsPerPass?: number;
  maxGap?: number;
}

export interface PlannedPosting {
  occurrenceDate: string;
  dueDate: string;
}

export interface PlannedSkip {
  occurrenceDate: string;
  reason: SkipReason;
}

/** The values an edit may change that the lifecycle reads (the rest, like the amount, does not move dates). */
export type EditedValues = Pick<RuleState, 'type' | 'schedule' | 'maxOccurrences' | 'dueDays' | 'dueDate' | 'createDaysAhead' | 'catchUp'>;

/** The events that change a rule. Events without data are shared constants, so the sweep allocates none. */
export type LifecycleEvent =
  | { kind: 'create' }
  | { kind: 'sweep' }
  | { kind: 'force' }
  | { kind: 'skipNext' }
  | { kind: 'pause'; resumeOn: string | null }
  | { kind: 'resume' }
  | { kind: 'setPauseUntil'; pauseUntil: string | null }
  | { kind: 'moveWakeUp'; nextRunAt: Date }
  /** `lastOccurrence`: the last date the rule decided (its `last_occurrence`), where the dates an edit passes over start. */
  | { kind: 'edit'; values: EditedValues; lastOccurrence: string | null; catchUpPassed: boolean }
  | { kind: 'zoneChange' }
  | { kind: 'failure'; message: string; dbNow: Date }
  /** After writing `planned`: only `written` of its postings were new, the others had been posted (and counted) before. */
  | { kind: 'duplicates'; of: PostingEvent; planned: Decision; written: number }
  | { kind: 'delete' };

/** The events whose decisions post. */
export type PostingEvent = 'sweep' | 'force' | 'resume' | 'edit';

export const SWEEP = { kind: 'sweep' } as const satisfies LifecycleEvent;
export const ZONE_CHANGE = { kind: 'zoneChange' } as const satisfies LifecycleEvent;

/** What a rule becomes: its whole next state, and what to write besides it. */
export interface Decision {
  ruleId: number;
  companyId: string;
  postings: PlannedPosting[];
  skips: PlannedSkip[];
  /** Set when the rule stopped for review instead of posting: the event to record. */
  review: string | null;
  /** Set when a failure is to be recorded (a failure of a deleted rule records nothing). */
  failure: string | null;
  pausedAfterFailures: boolean;
  status: RuleStatus;
  statusReason: string | null;
  nextOccurrence: string | null;
  nextRunAt: Date | null;
  /**
   * The event does not move the wake-up: `next_run_at` stays as stored (a wake-up moved by hand, a failure's
   * retry), and `nextRunAt` is only what it would be derived as.
   */
  keepNextRunAt: boolean;
  pauseUntil: string | null;
  resumeOn: string | null;
  /** The last occurrence this decision decided (posted or skipped), or null when it decided none. */
  lastDecided: string | null;
  consecutiveFailures: number;
  lastError: string | null;
}
