import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const ROOT = import.meta.dirname;
const BOOT_ONLY = 'Only instrumentation.ts and scripts/ boot the server; a request waits on whenReady() (lib/server/ready.ts).';

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**'] },
  {
    // The layers point down: app → components → lib → db. tests/, e2e/ and scripts/ stand above them all.
    // tests/layer-order.test.ts proves each zone catches its upward arrow.
    files: ['**/*.{ts,tsx,mjs}'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          basePath: ROOT,
          zones: [
            { target: './lib', from: ['./app', './components'], message: 'lib/ never imports app/ or components/: pass what it needs in as arguments.' },
            { target: './components', from: './app', message: 'components/ never imports app/: move what both need into components/ or lib/.' },
            {
              target: './db',
              from: ['./lib', './components', './app'],
              message: 'db/ is the bottom layer: it imports nothing of lib/, components/ or app/.',
            },
            {
              target: './lib/ledger',
              from: ['./lib/recurring', './lib/services'],
              message: 'The ledger does not import the recurring engine that posts into it (nor the services above both).',
            },
            { target: './lib/recurring', from: './lib/services', message: 'lib/services/ sits above the engine: the engine does not import it.' },
            { target: ['./app', './components', './lib'], from: './lib/server/boot.ts', message: BOOT_ONLY },
          ],
        },
      ],
    },
  },
  {
    // The kit knows nothing of the domain: screens import it, never the other way round.
    files: ['components/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@/(?!components/ui/)', message: 'components/ui is domain-free: import only the kit itself and libraries.' },
            { regex: '^\\.\\./', message: 'components/ui is domain-free: import only the kit itself and libraries.' },
          ],
        },
      ],
    },
  },
];

export default config;
