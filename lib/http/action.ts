import 'server-only';
import { logger } from '@/lib/log';
import { toPublicError, type PublicError } from '@/lib/errors';
import { companyContext, type CompanyContext } from '@/lib/session/company-context';

/** What every server action returns: data, or an error fit to show (field errors for forms). */
export type ActionResult<T = unknown> = { ok: true; data: T; message?: string } | { ok: false; error: PublicError };

/**
 * Runs a server action body with the request's company context. Deliberate errors (validation, not found,
 * conflict) come back as they are; anything else is logged with its stack and answered generically.
 */
export async function runCompanyAction<T>(
  name: string,
  body: (ctx: CompanyContext) => Promise<T>,
  message?: (data: T) => string,
): Promise<ActionResult<T>> {
  let companyId: string | undefined;
  try {
    const ctx = await companyContext();
    companyId = ctx.company.id;
    const data = await body(ctx);
    return { ok: true, data, ...(message ? { message: message(data) } : {}) };
  } catch (error) {
    const { status, error: shown } = toPublicError(error);
    if (status >= 500) logger().error({ err: error, action: name, companyId }, 'server action failed');
    return { ok: false, error: shown };
  }
}

/** FormData to a plain object of strings (the shared zod schemas coerce from there). */
export function formObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string') out[key] = value;
  return out;
}
