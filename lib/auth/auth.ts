import { apiKey } from '@better-auth/api-key';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { organization } from 'better-auth/plugins/organization';
import { database, type Db } from '@/db/client';
import { apiKeys, authAccounts, authRateLimits, authVerifications, companyInvitations, companyMembers, sessions, users } from '@/db/schema/auth';
import { companies } from '@/db/schema/ledger';
import { DEV_AUTH_SECRET, env } from '@/lib/env';
import { logger } from '@/lib/log';
import { signInTrigger } from '@/lib/recurring/sign-in-trigger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';
import { currentMembership, listMemberships } from './memberships';
import { AUTH_BASE_PATH } from './paths';
import { accessControl, organizationRoles } from './access-control';
import { clientAddressHeader, clientAddressOf } from './client-address';
import { trustedOriginsFor } from './origins';
import { claimAccountAttempt, claimAddressAttempt, clearSignInFailures, throttleKeyOf, TOO_MANY_SIGN_INS, UNKNOWN_ADDRESS } from './sign-in-throttle';

/**
 * better-auth, configured once. Its organization model is our `companies` table (organization id = company
 * id), so memberships, the session's current company and API keys all point at the tenant itself; the drizzle
 * adapter maps each library model onto our tables below, and the library checks that mapping at startup.
 *
 * Only sign-in, sign-out and get-session are served over HTTP (app/api/auth/[...all]/route.ts); everything else
 * (members, the current company, API keys, creating users) is called server-side from our wrappers, which have
 * already authenticated and authorized the caller. The sign-in form calls the library server-side too
 * (app/sign-in/actions.ts); both ways pass the same hooks, so the same limits.
 */

export const API_KEY_PREFIX = 'ailegr_';
const API_KEY_LENGTH = 48; // random letters after the prefix: ~285 bits
const SESSION_DAYS = 7;

/** Library model → our table. Keys are better-auth's model names (unchanged); values our drizzle tables. */
const ADAPTER_SCHEMA = {
  user: users,
  session: sessions,
  account: authAccounts,
  verification: authVerifications,
  organization: companies,
  member: companyMembers,
  invitation: companyInvitations,
  apikey: apiKeys,
  rateLimit: authRateLimits,
};

export function createAuth(db: Db) {
  const settings = env();
  const log = logger().child({ module: 'better-auth' });
  return betterAuth({
    appName: 'AiLegr',
    secret: settings.BETTER_AUTH_SECRET ?? DEV_AUTH_SECRET,
    baseURL: settings.BETTER_AUTH_URL,
    basePath: AUTH_BASE_PATH,
    // Besides BETTER_AUTH_URL (or, unset, the origin each request was sent to): see lib/auth/origins.ts.
    trustedOrigins: (request) => trustedOriginsFor(request, settings.BETTER_AUTH_URL),
    telemetry: { enabled: false },
    database: drizzleAdapter(db, { provider: 'pg', schema: ADAPTER_SCHEMA }),
    logger: {
      level: 'warn',
      // A refused API key is the caller's mistake, answered 401: not worth an error line each time.
      log: (level, message, ...args) =>
        log[message.startsWith('Failed to validate API key') ? 'info' : level]({ details: args.length ? args : undefined }, message),
    },
    advanced: {
      database: { generateId: 'uuid' },
      cookiePrefix: 'ailegr',
      // The library switches its origin check off under NODE_ENV=test: keep it on, so tests see what production does.
      disableOriginCheck: false,
      // The address recorded from the socket (lib/auth/client-address.ts), never a header the client chose; it is
      // what the library's limiter (on the other endpoints) counts and what a session records.
      ipAddress: { ipAddressHeaders: [clientAddressHeader()] },
    },
    emailAndPassword: {
      enabled: true,
      // Accounts are created server-side (the demo seed, an owner adding a member); `/sign-up/email` is not served.
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    disabledPaths: ['/sign-up/email'],
    session: {
      expiresIn: SESSION_DAYS * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
      // Every request reads the session row, so signing out (or removing a member) takes effect at once.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      // Sign-in is limited by our hooks below instead, per address and per account, on every way in.
      customRules: { '/sign-in/email': false },
    },
    hooks: {
      // Every attempt is counted before its password is checked (see sign-in-throttle.ts), first per address, then
      // per account; a refused address counts nothing against the account it named.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const now = new Date();
        const headers = ctx.headers ?? ctx.request?.headers;
        const address = (headers && clientAddressOf(headers)) ?? UNKNOWN_ADDRESS;
        if (address === UNKNOWN_ADDRESS) log.warn('a sign-in attempt carries no recorded client address: it is counted in the shared "unknown" bucket');
        const email = throttleKeyOf(ctx.body);
        const waitMs = (await claimAddressAttempt(db, address, now)) || (email ? await claimAccountAttempt(db, email, now) : 0);
        if (waitMs > 0) {
          throw new APIError('TOO_MANY_REQUESTS', { message: TOO_MANY_SIGN_INS }, { 'X-Retry-After': String(Math.ceil(waitMs / 1000)) });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = throttleKeyOf(ctx.body);
        if (email && !isAPIError(ctx.context.returned)) await clearSignInFailures(db, email);
        const signedIn = ctx.context.newSession;
        if (signedIn && !isAPIError(ctx.context.returned)) await sweepAfterSignIn(db, signedIn.user.id, signedIn.session.id, signedIn.session.activeOrganizationId);
      }),
    },
    plugins: [
      organization({
        ac: accessControl,
        roles: organizationRoles,
        creatorRole: 'owner',
        // Companies are created with their chart of accounts by lib/ledger, never through the plugin.
        allowUserToCreateOrganization: false,
        disableOrganizationDeletion: true,
        membershipLimit: 1_000,
        schema: {
          session: { fields: { activeOrganizationId: 'activeCompanyId' } },
          organization: {
            additionalFields: {
              baseCurrency: { type: 'string', required: true, fieldName: 'baseCurrency' },
              timeZone: { type: 'string', required: false, fieldName: 'timeZone' },
            },
          },
          member: { fields: { organizationId: 'companyId' } },
          invitation: { fields: { organizationId: 'companyId' } },
        },
      }),
      apiKey({
        references: 'organization',
        defaultPrefix: API_KEY_PREFIX,
        defaultKeyLength: API_KEY_LENGTH,
        requireName: true,
        maximumNameLength: 60,
        startingCharactersConfig: { shouldStore: true, charactersLength: API_KEY_PREFIX.length + 4 },
        // The plugin's per-key limiter only resets after a pause as long as its window, so a steady integration
        // would be cut off; with it off, every use still records `lastRequest` (shown as the key's last use).
        rateLimit: { enabled: false },
        schema: { apikey: { fields: { referenceId: 'companyId' } } },
      }),
      // Lets server actions that call the library set and clear cookies; it must stay last.
      nextCookies(),
    ],
  });
}

/** The sign-in trigger: the new session's company has its due rules swept after the response (when it is on). */
async function sweepAfterSignIn(db: Db, userId: string, sessionId: string, activeCompanyId: unknown): Promise<void> {
  const trigger = signInTrigger();
  if (!trigger) return;
  const company = currentMembership(await listMemberships(db, userId), typeof activeCompanyId === 'string' ? activeCompanyId : null)?.company;
  if (company) trigger.signedIn({ sessionId, companyId: company.id });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { ailegrAuth?: Promise<Auth> };

/** The process-wide instance over the process-wide database (kept on globalThis, like the database). */
export function getAuth(): Promise<Auth> {
  globalForAuth.ailegrAuth ??= database()
    .then((handle) => createAuth(handle.db))
    .catch((error: unknown) => {
      globalForAuth.ailegrAuth = undefined;
      throw error;
    });
  return globalForAuth.ailegrAuth;
}
