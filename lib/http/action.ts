import 'server-only';
import { headers } from 'next/headers';
import type { Role } from '@/lib/auth/roles';
import { toPublicError, type PublicError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { refuseNulBytes } from './nul-bytes';
import { requireRole, sessionCompanyContext, type SessionCompanyContext } from '@/lib/session/company-context';

/** What every server action returns: data, or an error fit to show (field errors for forms). */
export type ActionResult<T = unknown> = { ok: true; data: T; message?: string } | { ok: false; error: PublicError };

export interface ActionPolicy {
  /** Names the action in logs. */
  name: string;
  /** The least role the caller needs in the current company. */
  role: Role;
}

/**
 * Runs a server action body for the signed-in caller's current company, after checking their role there:
 * no session answers `unauthorized` (401), too small a role `forbidden` (403); a record of another company is
 * simply not found by the body's company-scoped queries (404). Deliberate errors (validation, not found,
 * conflict) come back as they are; anything else is logged with its stack and answered generically.
 *
 * @example runCompanyAction({ name: 'createInvoiceAction', role: 'accountant' }, ({ db, company }) => …)
 */
export async function runCompanyAction<T>(
  policy: ActionPolicy,
  body: (ctx: SessionCompanyContext) => Promise<T>,
  message?: (data: T) => string,
): Promise<ActionResult<T>> {
  let companyId: string | undefined;
  try {
    const ctx = await sessionCompanyContext(await headers());
    companyId = ctx.company.id;
    requireRole(ctx, policy.role);
    const data = await body(ctx);
    return { ok: true, data, ...(message ? { message: message(data) } : {}) };
  } catch (error) {
    const { status, error: shown } = toPublicError(error);
    if (status >= 500) logger().error({ err: error, action: policy.name, companyId }, 'server action failed');
    return { ok: false, error: shown };
  }
}

/**
 * FormData to a plain object of strings (the shared zod schemas coerce from there). Call it inside the action's
 * body: a value PostgreSQL cannot store (a NUL character) is refused as a field error.
 */
export function formObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string') out[key] = value;
  refuseNulBytes(out);
  return out;
}
