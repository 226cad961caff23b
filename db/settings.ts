import { z } from 'zod';

/**
 * Where the database is: the two variables db/ reads itself (db/ imports nothing from lib/). lib/env.ts validates
 * them with the rest of the environment, from this same shape, so each is checked one way everywhere.
 */
export const DATABASE_ENV = {
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL'),
  AILEGR_DATA_DIR: z.string().default('.data'),
  // Connections one process may hold to PostgreSQL. 20 rather than 10: with 10, readers waited behind writers'
  // commits for a connection (bench:api read p99 304–321 ms against 231–247 ms with 20, interleaved runs).
  AILEGR_DB_POOL_SIZE: z.coerce
    .number({ error: 'must be a whole number from 1 to 200' })
    .int('must be a whole number from 1 to 200')
    .min(1, 'must be a whole number from 1 to 200')
    .max(200, 'must be a whole number from 1 to 200')
    .default(20),
};

const databaseEnv = z.object(DATABASE_ENV);
export type DatabaseSettings = z.infer<typeof databaseEnv>;

/** The database's settings from `process.env` (or a given environment), throwing with every problem named. */
export function databaseSettings(source: Record<string, string | undefined> = process.env): DatabaseSettings {
  return parseSettingsOrThrow(databaseEnv, source);
}

/**
 * Validates an environment with `schema`, throwing one error that names every problem, e.g.
 * `Invalid environment: DATABASE_URL must be a postgres:// or postgresql:// URL`.
 */
export function parseSettingsOrThrow<T extends z.ZodType>(schema: T, source: Record<string, string | undefined>): z.output<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}
