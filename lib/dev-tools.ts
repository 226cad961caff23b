import { AppError } from './errors';
import { env, type Env } from './env';

/**
 * The recurring screen's developer tools (Run now, Force, Simulate, Raw JSON, Run due now, Simulate due, the
 * sweep's run log) post and read outside the schedule, so they are off in production: on under `next dev`
 * (NODE_ENV development) or with AILEGR_DEV_TOOLS=true, off everywhere else.
 */
export function devToolsEnabled(e: Pick<Env, 'AILEGR_DEV_TOOLS' | 'NODE_ENV'> = env()): boolean {
  return e.AILEGR_DEV_TOOLS || e.NODE_ENV === 'development';
}

/**
 * Refuses (403) when the developer tools are off. Every dev-tool action calls it itself: hiding the buttons is
 * not what protects them.
 */
export function requireDevTools(e?: Pick<Env, 'AILEGR_DEV_TOOLS' | 'NODE_ENV'>): void {
  if (!devToolsEnabled(e)) {
    throw new AppError('forbidden', 'The developer tools are off on this server: they run under `next dev` or with AILEGR_DEV_TOOLS=true');
  }
}
