import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**'] },
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
