import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// lib/recurring/README.md is the engine's map: its tables must name the files and functions that exist, or a reader
// follows it into a file that is gone and misses the ones it never mentions.

const DIR = import.meta.dirname;
const README = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');

/** The first cell of each row of the table under `## heading`, and the cells after it. */
function tableRows(heading: string): string[][] {
  const section = README.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`README.md has no "## ${heading}" section`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1) // the header row
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('lib/recurring/README.md', () => {
  it('lists every source file of lib/recurring under Key files, and none that does not exist', () => {
    const listed = tableRows('Key files').flatMap(([file]) => codeSpans(file!));
    const present = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect([...listed].sort()).toEqual([...present].sort());
  });

  it('names, under Public functions, functions that the module beside them exports', () => {
    const missing: string[] = [];
    for (const [names, module] of tableRows('Public functions (pure: no clock, no database)')) {
      const [file] = codeSpans(module!);
      const source = fs.readFileSync(path.join(DIR, '..', '..', file!), 'utf8');
      for (const name of codeSpans(names!).map((n) => n.replace(/\(.*$/, ''))) {
        if (!new RegExp(`^export (async )?function ${name}\\b`, 'm').test(source)) missing.push(`${name} in ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
