import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openPglite, openPostgres } from '@/db/client';
import { withDatabase } from './support/global-setup';
import { killAllProcesses, startTsProcess, type TsProcess } from './support/processes';
import { HAS_POSTGRES } from './support/test-db';

interface Child {
  line: Promise<{ ok: boolean; pid: number; kind?: string; message?: string }>;
  exited: Promise<number | null>;
  release(): void;
}

/** Starts the database-opening script in its own OS process. */
function openInProcess(env: Record<string, string>, hold = false): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/open-database-process.ts', ...(hold ? ['--hold'] : [])], {
    env: { ...process.env, AILEGR_LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const line = new Promise<{ ok: boolean; pid: number; kind?: string; message?: string }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const first = out.split('\n').find((l) => l.startsWith('{'));
      if (first) resolve(JSON.parse(first));
    });
    child.on('exit', () => reject(new Error(`child exited without a result: ${out}`)));
  });
  line.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { line, exited, release: () => child.stdin.end() };
}

describe('the embedded database folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-lock-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a second process with a message naming the holder, and opens again once it is released', async () => {
    const holder = openInProcess({ AILEGR_DATA_DIR: dir }, true);
    const held = await holder.line;
    expect(held).toMatchObject({ ok: true, kind: 'pglite' });

    const second = openInProcess({ AILEGR_DATA_DIR: dir });
    const refused = await second.line;
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain(`The embedded database in ${dir} is in use by process ${held.pid}`);
    expect(refused.message).toContain('set DATABASE_URL to share a PostgreSQL server between processes');
    expect(await second.exited).toBe(1);

    holder.release();
    expect(await holder.exited).toBe(0);
    const third = openInProcess({ AILEGR_DATA_DIR: dir });
    expect(await third.line).toMatchObject({ ok: true, kind: 'pglite' });
    expect(await third.exited).toBe(0);
  });

  it('the PGlite folder lock races: of two processes finding the same stale lock, exactly one takes it, 20 rounds out of 20', async () => {
    const raceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-lock-race-'));
    try {
      await (await openPglite(raceDir)).close(); // the folder exists: the rounds race for the lock, not for initdb
      const deadPid = await pidOfExitedProcess();
      const racers = [0, 1].map(() => startTsProcess('tests/support/lock-race-process.ts', { AILEGR_DATA_DIR: raceDir, DATABASE_URL: '' }));
      await Promise.all(racers.map((r) => r.waitForLine((l) => l === 'READY', 60_000)));
      const verdicts: string[] = [];
      for (let round = 0; round < 20; round++) {
        // A lock left by a process that died without releasing it.
        fs.writeFileSync(path.join(raceDir, 'ailegr.lock'), JSON.stringify({ pid: deadPid, startedAt: '2026-01-01T00:00:00.000Z', argv: ['crashed'] }));
        const seen = racers.map((r) => r.lines.length);
        const instant = process.hrtime.bigint() + 300_000_000n; // both start spinning well before it
        for (const r of racers) r.child.stdin!.write(`GO ${instant}\n`);
        const answers = await Promise.all(racers.map((r, i) => nextLine(r, seen[i]!, 30_000).then((l) => JSON.parse(l) as { ok: boolean; pid: number; message?: string })));
        const holders = answers.filter((a) => a.ok);
        const refused = answers.find((a) => !a.ok);
        verdicts.push(
          holders.length === 1 && refused?.message?.includes(`The embedded database in ${raceDir} is in use by process ${holders[0]!.pid}`)
            ? 'one holder; the other names it'
            : `round ${round}: ${JSON.stringify(answers)}`,
        );
        for (const [i, r] of racers.entries()) {
          if (!answers[i]!.ok) continue;
          const released = r.lines.length;
          r.child.stdin!.write('RELEASE\n');
          expect(await nextLine(r, released, 30_000)).toBe('RELEASED');
        }
      }
      expect(verdicts).toEqual(Array(20).fill('one holder; the other names it'));
      for (const r of racers) r.child.stdin!.end();
      expect(await Promise.all(racers.map((r) => r.exited))).toEqual([0, 0]);
    } finally {
      await killAllProcesses();
      fs.rmSync(raceDir, { recursive: true, force: true });
    }
  }, 240_000);
});

/** The pid of a process that has exited: a lock naming it is stale. */
async function pidOfExitedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  expect(() => process.kill(child.pid!, 0)).toThrow(/ESRCH/);
  return child.pid!;
}

/** The first stdout line a process prints after its first `after` lines. */
async function nextLine(p: TsProcess, after: number, timeoutMs: number): Promise<string> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (p.lines.length > after) return p.lines[after]!;
    if (p.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no line after line ${after} within ${timeoutMs} ms; stderr: ${p.stderr().slice(-2000)}`);
}

if (!HAS_POSTGRES) console.warn('SKIPPED: concurrent migrations need PostgreSQL (none available)');

describe.skipIf(!HAS_POSTGRES)('migrations on PostgreSQL', () => {
  it('four processes starting at once on an empty database all succeed, and each migration is applied once', async () => {
    const adminUrl = inject('pgAdminUrl')!;
    const name = `ailegr_m_${randomBytes(5).toString('hex')}`;
    const admin = await openPostgres(adminUrl, { max: 1 });
    await admin.db.execute(sql.raw(`create database ${name}`));
    try {
      const url = withDatabase(adminUrl, name);
      const children = Array.from({ length: 4 }, () => openInProcess({ DATABASE_URL: url }));
      const results = await Promise.all(children.map((c) => c.line));
      expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
      expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0, 0, 0]);

      const db = await openPostgres(url, { max: 1 });
      const applied = (await db.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { n: number }[];
      const journal = JSON.parse(fs.readFileSync('db/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
      expect(applied[0]!.n).toBe(journal.entries.length);
      await db.close();
    } finally {
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    }
  });
});
