import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('./', import.meta.url)) };

// Two projects: `unit` is pure code beside its source (no database, runs under several TZ values),
// `db` is integration tests in tests/ against PGlite and a throwaway PostgreSQL.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'components/**/*.test.tsx'], testTimeout: 30_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'db',
          include: ['tests/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // The tests sign in constantly, each time with rules they time themselves: the sign-in trigger stays off
          // (servers they start inherit it) except where a test turns it on (tests/recurring-sign-in-trigger.test.ts).
          env: { AILEGR_RECURRING_SIGN_IN_TRIGGER: 'off' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
        },
      },
    ],
  },
});
