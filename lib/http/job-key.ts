import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';

/**
 * The operators' job key (`AILEGR_JOB_KEY`) authorizes the cross-company run endpoint and the metrics, and
 * nothing else. It is compared in constant time (both sides hashed first, so lengths never leak). Without it
 * set, those endpoints are unavailable (503) rather than open.
 */
export function requireJobKey(request: Request): void {
  const expected = env().AILEGR_JOB_KEY;
  if (!expected) {
    throw new AppError('unavailable', 'AILEGR_JOB_KEY is not set on this server: the run endpoint and metrics are disabled');
  }
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  if (!match || !timingSafeEqual(digest(match[1]!), digest(expected))) {
    throw new AppError('unauthorized', 'A valid job key is required: send Authorization: Bearer <AILEGR_JOB_KEY>');
  }
}

/**
 * True when the request presents the job key (set on this server), compared in constant time: for routes that
 * also take company credentials, to tell which they got. Anything else, an API key included, is not it.
 */
export function presentsJobKey(request: Request): boolean {
  const expected = env().AILEGR_JOB_KEY;
  if (!expected) return false;
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(request.headers.get('authorization') ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
