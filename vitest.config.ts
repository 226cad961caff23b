import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const alias = { '@': fileURLToPath(new URL('./', import.meta.url)) };

/**
 * The db files that start servers or separate processes take minutes where most take seconds. Vitest runs the
 * longest files first only once it has timings cached, and a clean clone (CI) has none: it would start these last
 * and leave one worker running them alone at the end. Naming them puts them first; the rest keep Vitest's order.
 * Slowest first, from a run with three workers (seconds, 2 cores): api-fuzz 317, bad-input 159,
 * recurring-processes 116, authorization-matrix 76, sign-in 68, database-processes 50, operations-runbook 49.
 */
const SLOWEST_FIRST = [
  'api-fuzz',
  'bad-input',
  'recurring-processes',
  'authorization-matrix',
  'sign-in',
  'database-processes',
  'operations-runbook',
  'recurring-runs-abandoned',
  'sweeper-deadlock',
  'api-http',
  'backup-restore',
];

const rankOf = (spec: TestSpecification): number => {
  const rank = SLOWEST_FIRST.findIndex((name) => spec.moduleId.endsWith(`/tests/${name}.test.ts`));
  return rank === -1 ? SLOWEST_FIRST.length : rank;
};

class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array.prototype.sort is stable: files not named keep the order Vitest chose.
    return (await super.sort(files)).sort((a, b) => rankOf(a) - rankOf(b));
  }
}

// Two projects: `unit` is pure code beside its source (no database, runs under several TZ values),
// `db` is integration tests in tests/ against PGlite and a throwaway PostgreSQL.
export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default on this 2-core machine is one worker. The db files spend most of their time waiting on
    // PostgreSQL, servers and child processes (each file has its own database), so three at once finish the db
    // project in about 9 minutes instead of 14 (SlowFilesFirst, above, orders them).
    maxWorkers: 3,
    sequence: { sequencer: SlowFilesFirst },
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
