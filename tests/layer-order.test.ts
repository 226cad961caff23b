import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layers point down: app → components → lib → db. eslint.config.mjs enforces it; these cases prove the rule
// catches each kind of upward arrow, as if the import were written in a file at that place, and lets the
// downward ones through. `npm run lint` then holds the real tree to it.

const ROOT = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

/** The layer messages ESLint gives `source` as the contents of `file` (which need not exist). */
async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'import/no-restricted-paths' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const importOf = (specifier: string) => `import * as target from '${specifier}';\nexport const used = target;\n`;

describe('the layer order', () => {
  it.each([
    [
      'lib/example.ts',
      '@/app/(app)/nav-items',
      'Unexpected path "@/app/(app)/nav-items" imported in restricted zone. lib/ never imports app/ or components/: pass what it needs in as arguments.',
    ],
    [
      'lib/example.ts',
      '@/components/money-input',
      'Unexpected path "@/components/money-input" imported in restricted zone. lib/ never imports app/ or components/: pass what it needs in as arguments.',
    ],
    [
      'components/documents/example.tsx',
      '@/app/(app)/nav-items',
      'Unexpected path "@/app/(app)/nav-items" imported in restricted zone. components/ never imports app/: move what both need into components/ or lib/.',
    ],
    [
      'db/schema/example.ts',
      '@/lib/errors',
      'Unexpected path "@/lib/errors" imported in restricted zone. db/ is the bottom layer: it imports nothing of lib/, components/ or app/.',
    ],
    [
      'db/schema/example.ts',
      '../../lib/money',
      'Unexpected path "../../lib/money" imported in restricted zone. db/ is the bottom layer: it imports nothing of lib/, components/ or app/.',
    ],
    [
      'lib/ledger/example.ts',
      '@/lib/recurring/replan',
      'Unexpected path "@/lib/recurring/replan" imported in restricted zone. The ledger does not import the recurring engine that posts into it (nor the services above both).',
    ],
    [
      'lib/ledger/example.ts',
      '@/lib/services/company-profile',
      'Unexpected path "@/lib/services/company-profile" imported in restricted zone. The ledger does not import the recurring engine that posts into it (nor the services above both).',
    ],
    [
      'lib/recurring/example.ts',
      '@/lib/services/company-profile',
      'Unexpected path "@/lib/services/company-profile" imported in restricted zone. lib/services/ sits above the engine: the engine does not import it.',
    ],
    [
      'lib/session/example.ts',
      '@/lib/server/boot',
      'Unexpected path "@/lib/server/boot" imported in restricted zone. Only instrumentation.ts and scripts/ boot the server; a request waits on whenReady() (lib/server/ready.ts).',
    ],
    [
      'app/api/example/route.ts',
      '@/lib/server/boot',
      'Unexpected path "@/lib/server/boot" imported in restricted zone. Only instrumentation.ts and scripts/ boot the server; a request waits on whenReady() (lib/server/ready.ts).',
    ],
    [
      'components/ui/example.tsx',
      '@/lib/money',
      "'@/lib/money' import is restricted from being used by a pattern. components/ui is domain-free: import only the kit itself and libraries.",
    ],
  ])('refuses %s importing %s', async (file, specifier, message) => {
    expect(await layerErrors(file, importOf(specifier))).toEqual([message]);
  });

  it.each([
    ['app/(app)/example/page.tsx', '@/components/money-input'],
    ['app/(app)/example/page.tsx', '@/lib/money'],
    ['app/api/example/route.ts', '@/db/client'],
    ['components/documents/example.tsx', '@/lib/money'],
    ['lib/example.ts', '@/db/client'],
    ['lib/recurring/example.ts', '@/lib/ledger/companies'],
    ['lib/services/example.ts', '@/lib/recurring/replan'],
    ['lib/services/example.ts', '@/lib/ledger/companies'],
    ['lib/session/example.ts', '@/lib/server/ready'],
    ['instrumentation.ts', './lib/server/boot'],
    ['scripts/example.ts', '@/lib/server/boot'],
    ['tests/example.test.ts', '@/app/(app)/nav-items'],
  ])('lets %s import %s', async (file, specifier) => {
    expect(await layerErrors(file, importOf(specifier))).toEqual([]);
  });
});
