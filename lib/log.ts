import pino from 'pino';
import { env } from './env';

const globalForLog = globalThis as unknown as { ailegrLogger?: pino.Logger };

/** The process-wide JSON logger (one line per event on stdout). */
export function logger(): pino.Logger {
  globalForLog.ailegrLogger ??= pino({ level: env().AILEGR_LOG_LEVEL, base: { app: 'ailegr' } });
  return globalForLog.ailegrLogger;
}
