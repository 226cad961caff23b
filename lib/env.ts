import { isIP } from 'node:net';
import { z } from 'zod';
import { DATABASE_ENV, parseSettingsOrThrow } from '@/db/settings';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1' || v === 'yes'));

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^\d+$/.test(v) || Number(v) < 1) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number ≥ 1, got "${v}"` });
        return z.NEVER;
      }
      return Number(v);
    });

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const envSchema = z.object({
  ...DATABASE_ENV,
  AILEGR_DEMO: flag(true),
  AILEGR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AILEGR_RECURRING_CRON: flag(false),
  AILEGR_RECURRING_INTERVAL_MINUTES: positiveInt(15),
  AILEGR_RECURRING_RUN_AT_STARTUP: flag(true),
  AILEGR_RECURRING_BATCH_SIZE: positiveInt(1000), // DEFAULT_BATCH_SIZE in lib/recurring/sweep.ts
  AILEGR_RECURRING_TIME_BUDGET_SECONDS: positiveInt(600),
  /**
   * Sweep a company's due rules when someone signs in or comes back after an interval away (after the response,
   * a few seconds at most; lib/recurring/sign-in-trigger.ts). auto: on where the interval runner is off.
   */
  AILEGR_RECURRING_SIGN_IN_TRIGGER: z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }).default('auto'),
  /**
   * Sign-in attempts one client address may make a minute (lib/auth/sign-in-throttle.ts). 10 leaves room for a
   * family or an office behind one address; a test server whose specs all sign in from 127.0.0.1 raises it.
   */
  AILEGR_SIGN_IN_ATTEMPTS_PER_MINUTE: positiveInt(10).refine((v) => !(v > 100_000), 'must be at most 100000'),
  /** Requests each API key may send a minute (lib/api/rate-limit.ts). */
  AILEGR_API_RATE_LIMIT_PER_MINUTE: positiveInt(600).refine((v) => !(v > 1_000_000), 'must be at most 1000000'),
  /**
   * The recurring screen's developer tools (run now, force, simulate, raw JSON, the sweep's run log): on under
   * `next dev` whatever this says, elsewhere only when true (lib/dev-tools.ts).
   */
  AILEGR_DEV_TOOLS: flag(false),
  AILEGR_JOB_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  NODE_ENV: z.string().optional(),
  /** Signs session cookies. Required in production; development and tests fall back to DEV_AUTH_SECRET. */
  BETTER_AUTH_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters (try `openssl rand -base64 32`)'),
  /** The public origin (`https://books.example.com`). Unset: each request's own (lib/auth/origins.ts). */
  BETTER_AUTH_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^https?:\/\/[^/]+\/?$/.test(v), 'must be an origin like https://books.example.com'),
  /**
   * Reverse proxies whose X-Forwarded-For is believed, when a request really comes from one of them (IPs or CIDR
   * ranges, comma-separated). Unset: the socket's address is the client's (lib/auth/client-address.ts).
   */
  AILEGR_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const entries = v ? v.split(',').map((p) => p.trim()).filter(Boolean) : [];
      const bad = entries.filter((entry) => !isAddressOrRange(entry));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `must be IP addresses or CIDR ranges (10.0.0.5, 10.0.0.0/8, fd00::/8), got "${bad.join('", "')}"` });
        return z.NEVER;
      }
      return entries;
    }),
  /** The demo user's password; unset, a random one is printed once in the server log. */
  AILEGR_DEMO_PASSWORD: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (v.length >= 12 && v.length <= 128), 'must be 12 to 128 characters'),
}).superRefine((e, ctx) => {
  if (e.NODE_ENV === 'production' && !e.BETTER_AUTH_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['BETTER_AUTH_SECRET'],
      message: 'is required in production (it signs session cookies): set it to 32+ random characters, e.g. `openssl rand -base64 32`',
    });
  }
  if (e.AILEGR_RECURRING_CRON && !e.AILEGR_JOB_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['AILEGR_JOB_KEY'],
      message: 'is required when AILEGR_RECURRING_CRON=true (it guards the run endpoint and metrics); set it, or turn the runner off',
    });
  }
});

export type Env = z.infer<typeof envSchema>;

/** Development and test only: production refuses to start without BETTER_AUTH_SECRET (see the schema above). */
export const DEV_AUTH_SECRET = 'ailegr-development-only-secret-never-use-in-production';

let cached: Env | undefined;

/**
 * The validated environment, parsed once. A bad value stops the process with every problem named, e.g.
 * `Invalid environment: AILEGR_RECURRING_INTERVAL_MINUTES must be a whole number ≥ 1, got "0"`.
 */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed environment: the next `env()` reads `process.env` again (for tests that change it). */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Validates an environment (`process.env`, or one a test builds), throwing with every problem named. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseSettingsOrThrow(envSchema, source);
}

/**
 * Settings that are valid but probably wrong for where the server runs, one sentence each; the server logs them
 * at startup (lib/server/boot.ts).
 */
export function environmentWarnings(e: Env): string[] {
  const warnings: string[] = [];
  if (e.NODE_ENV === 'production' && !e.BETTER_AUTH_URL) {
    warnings.push(
      'BETTER_AUTH_URL is not set: sign-in trusts the origin each request names (its Host and X-Forwarded-Proto headers) and ' +
        'sets Secure cookies. That suits http://localhost and http://127.0.0.1; behind a proxy that rewrites Host sign-in answers ' +
        '403 INVALID_ORIGIN, and over plain http on any other address the browser drops the cookie. ' +
        'Set it to the public origin, e.g. BETTER_AUTH_URL=https://books.example.com',
    );
  }
  return warnings;
}
