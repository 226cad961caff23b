import { z } from 'zod';

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

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL'),
  AILEGR_DATA_DIR: z.string().default('.data'),
  AILEGR_DEMO: flag(true),
  AILEGR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AILEGR_RECURRING_CRON: flag(false),
  AILEGR_RECURRING_INTERVAL_MINUTES: positiveInt(15),
  AILEGR_RECURRING_RUN_AT_STARTUP: flag(true),
  AILEGR_RECURRING_BATCH_SIZE: positiveInt(500),
  AILEGR_RECURRING_TIME_BUDGET_SECONDS: positiveInt(600),
  AILEGR_JOB_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
}).superRefine((e, ctx) => {
  if (e.AILEGR_RECURRING_CRON && !e.AILEGR_JOB_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['AILEGR_JOB_KEY'],
      message: 'is required when AILEGR_RECURRING_CRON=true (it guards the run endpoint and metrics); set it, or turn the runner off',
    });
  }
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/**
 * The validated environment, parsed once. A bad value stops the process with every problem named, e.g.
 * `Invalid environment: AILEGR_RECURRING_INTERVAL_MINUTES must be a whole number ≥ 1, got "0"`.
 */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
