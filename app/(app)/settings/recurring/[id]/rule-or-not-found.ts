import 'server-only';
import { notFound } from 'next/navigation';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/errors';
import { getRuleOrThrow } from '@/lib/recurring/rules';

/** The rule of the `[id]` segment in the caller's company, or the 404 page: a bad id, another company's, or gone. */
export async function ruleOrNotFound(db: Db, companyId: string, id: string) {
  const ruleId = Number(id);
  if (!Number.isSafeInteger(ruleId) || ruleId <= 0) notFound();
  return getRuleOrThrow(db, companyId, ruleId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
}
