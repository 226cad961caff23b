import { after } from 'next/server';
import { db } from '@/db/client';
import { env, type Env } from '@/lib/env';
import { logger } from '@/lib/log';
import { runRecurring } from './run';

/**
 * The sign-in trigger (the scheduler guide's option 5): when someone signs in, or opens the app after more than an
 * interval away, their company's due rules are swept, so a single-user install with no runner and no cron still
 * posts on time. It never delays the page: the sweep runs after the response (Next's `after()`), through the same
 * sweep as every trigger (`trigger: 'sign_in'` in the run log and the metrics), bounded by a time budget; what the
 * budget leaves is due for the next trigger. One sweep per company at a time in a process; across processes the
 * sweep's row locks share the work as for every trigger.
 */

/** Time budget of one sign-in sweep: no new batch is claimed after this, the rest waits for the next trigger. */
export const SIGN_IN_TIME_BUDGET_MS = 3_000;

/** Sessions remembered for "away for longer than the interval"; the oldest are forgotten past this. */
const MAX_REMEMBERED_SESSIONS = 10_000;

type SignInTriggerMode = Env['AILEGR_RECURRING_SIGN_IN_TRIGGER'];

/**
 * Whether the trigger is on: `auto` (the default) is on where the interval runner is off.
 *
 * @example signInTriggerIsOn('auto', false) // true: no runner, so sign-ins sweep
 */
export function signInTriggerIsOn(mode: SignInTriggerMode, runnerOn: boolean): boolean {
  return mode === 'on' || (mode === 'auto' && !runnerOn);
}

interface SessionVisit {
  sessionId: string;
  companyId: string;
}

export interface SignInTriggerOptions {
  /** Opening the app after longer than this since the session's last page counts as coming back. */
  awayMs: number;
  sweep: (companyId: string) => Promise<unknown>;
  /** Runs the task once the response is sent. */
  schedule: (task: () => Promise<void>) => void;
  now?: () => number;
}

export interface SignInTrigger {
  /** A session was just created by a sign-in: sweep its company. */
  signedIn(visit: SessionVisit): void;
  /** A page was rendered for a session: sweep its company if this is its first page, or the first after an absence. */
  visited(visit: SessionVisit): void;
}

export function createSignInTrigger(options: SignInTriggerOptions): SignInTrigger {
  const now = options.now ?? Date.now;
  const lastSeen = new Map<string, number>();
  const sweeping = new Set<string>();

  /** Records the session's visit; answers when it was seen before (undefined: never, in this process). */
  function see(sessionId: string): number | undefined {
    const before = lastSeen.get(sessionId);
    lastSeen.delete(sessionId); // re-inserted last: the map's order is then the order of last visits
    lastSeen.set(sessionId, now());
    if (lastSeen.size > MAX_REMEMBERED_SESSIONS) lastSeen.delete(lastSeen.keys().next().value!);
    return before;
  }

  function sweepCompany(companyId: string) {
    if (sweeping.has(companyId)) return;
    sweeping.add(companyId);
    options.schedule(async () => {
      try {
        await options.sweep(companyId);
      } catch {
        // runRecurring has logged it; the next trigger tries again.
      } finally {
        sweeping.delete(companyId);
      }
    });
  }

  return {
    signedIn(visit) {
      see(visit.sessionId);
      sweepCompany(visit.companyId);
    },
    visited(visit) {
      const before = see(visit.sessionId);
      if (before === undefined || now() - before > options.awayMs) sweepCompany(visit.companyId);
    },
  };
}

/**
 * After the response when there is one (a page, a server action, a route handler); outside a Next request (a
 * script, or a server that is not Next) there is no response to wait for, and the task starts on the next turn of
 * the event loop instead, still never awaited by the caller.
 */
function scheduleAfterResponse(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    setImmediate(() => void task());
  }
}

const globalForTrigger = globalThis as unknown as { ailegrSignInTrigger?: SignInTrigger | null };

/** The process's trigger from the environment, or null when it is off (AILEGR_RECURRING_SIGN_IN_TRIGGER). */
export function signInTrigger(): SignInTrigger | null {
  if (globalForTrigger.ailegrSignInTrigger !== undefined) return globalForTrigger.ailegrSignInTrigger;
  const settings = env();
  const on = signInTriggerIsOn(settings.AILEGR_RECURRING_SIGN_IN_TRIGGER, settings.AILEGR_RECURRING_CRON);
  globalForTrigger.ailegrSignInTrigger = on
    ? createSignInTrigger({
        awayMs: settings.AILEGR_RECURRING_INTERVAL_MINUTES * 60_000,
        schedule: scheduleAfterResponse,
        sweep: async (companyId) =>
          runRecurring(await db(), { trigger: 'sign_in', companyId, batchSize: settings.AILEGR_RECURRING_BATCH_SIZE, timeBudgetMs: SIGN_IN_TIME_BUDGET_MS }),
      })
    : null;
  if (on) logger().info({ awayMinutes: settings.AILEGR_RECURRING_INTERVAL_MINUTES, timeBudgetMs: SIGN_IN_TIME_BUDGET_MS }, 'recurring sign-in trigger on');
  return globalForTrigger.ailegrSignInTrigger;
}
