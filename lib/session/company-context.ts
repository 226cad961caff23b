import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db as openDb, type Db } from '@/db/client';
import { getAuth } from '@/lib/auth/auth';
import { currentMembership, listMemberships } from '@/lib/auth/memberships';
import { ROLE_LABELS, roleAllows, type Role } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import type { Company } from '@/lib/ledger/companies';
import { signInTrigger } from '@/lib/recurring/sign-in-trigger';
import { whenReady } from '@/lib/server/ready';

interface SessionCaller {
  kind: 'session';
  userId: string;
  sessionId: string;
  email: string;
  name: string;
}

interface ApiKeyCaller {
  kind: 'api-key';
  keyId: string;
  keyName: string | null;
}

type Caller = SessionCaller | ApiKeyCaller;

/** Who is asking, for which company, with which role. Every page, action and route resolves it itself. */
export interface CompanyContext {
  db: Db;
  company: Company;
  /** The companies the caller may switch to (an API key: only its own). */
  companies: Company[];
  role: Role;
  caller: Caller;
  /** The committed horizon read with the caller's credentials, when it was (an API key's lookup): see `KeysetQuery.horizon`. */
  horizon?: { at: string | null };
}

/** The context of a request made by a signed-in user (every page and server action). */
export type SessionCompanyContext = CompanyContext & { caller: SessionCaller };

const SIGN_IN_PATH = '/sign-in';
const NO_COMPANY_PATH = '/sign-in?reason=no-company';

/**
 * The company context of a page or layout. A signed-out visitor is redirected to sign-in; a signed-in user who
 * belongs to no company is sent there too, with the reason. Memoised per request, so the layout and the page
 * share one lookup.
 */
export const companyContext = cache(async (): Promise<SessionCompanyContext> => {
  const ctx = await sessionCompanyContext(await headers()).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'unauthorized') redirect(SIGN_IN_PATH);
    if (error instanceof AppError && error.code === 'forbidden') redirect(NO_COMPANY_PATH);
    throw error;
  });
  // Coming back after an interval away sweeps the company's due rules, after this page is sent.
  signInTrigger()?.visited({ sessionId: ctx.caller.sessionId, companyId: ctx.company.id });
  return ctx;
});

/**
 * The company context of a request carrying a session cookie: the session's chosen company, else its first
 * membership. Throws `unauthorized` without a live session and `forbidden` when the user belongs to no company.
 */
export async function sessionCompanyContext(requestHeaders: Headers): Promise<SessionCompanyContext> {
  await whenReady();
  const db = await openDb();
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) throw new AppError('unauthorized', 'Sign in to continue');
  const memberships = await listMemberships(db, session.user.id);
  const current = currentMembership(memberships, session.session.activeOrganizationId);
  if (!current) throw new AppError('forbidden', 'Your account does not belong to any company yet: ask an owner to add you');
  return {
    db,
    company: current.company,
    companies: memberships.map((m) => m.company),
    role: current.role,
    caller: {
      kind: 'session',
      userId: session.user.id,
      sessionId: session.session.id,
      email: session.user.email,
      name: session.user.name,
    },
  };
}

/** Refuses a caller whose role in the company is below `required` (403: they can see the company, not do this). */
export function requireRole(ctx: CompanyContext, required: Role): void {
  if (!roleAllows(ctx.role, required)) {
    throw new AppError('forbidden', `This needs the ${ROLE_LABELS[required]} role in ${ctx.company.name}; you are ${ROLE_LABELS[ctx.role]}`);
  }
}
