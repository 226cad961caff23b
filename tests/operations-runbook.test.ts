import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { openPglite } from '@/db/client';
import { metrics } from '@/lib/metrics';
import { seedCompany } from './support/fixtures';
import { exitCodeOf, killAllProcesses, startTsProcess } from './support/processes';

vi.mock('server-only', () => ({}));

// docs/operations.md must not rot: the scripts it names exist, the metrics its alert rules read are the ones the
// app exports, and its key rotation (`npm run apikey -- create / list / revoke`) works as written. Its backup and
// restore commands are run by tests/backup-restore.test.ts.

const ROOT = path.resolve(__dirname, '..');
const RUNBOOK = fs.readFileSync(path.join(ROOT, 'docs', 'operations.md'), 'utf8');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-runbook-test-'));
afterAll(async () => {
  await killAllProcesses();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('docs/operations.md', () => {
  it('names only npm scripts that exist', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
    const named = [...new Set([...RUNBOOK.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!))].sort();
    expect(named).toEqual(['apikey', 'backup', 'dev', 'recurring:run', 'restore', 'smoke:recurring']);
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it('alerts on metrics the app exports, by their real names', async () => {
    const alerts = RUNBOOK.slice(RUNBOOK.indexOf('```yaml'), RUNBOOK.indexOf('```', RUNBOOK.indexOf('```yaml') + 3));
    const used = [...new Set([...alerts.matchAll(/\b(ailegr_[a-z_]+)/g)].map((m) => m[1]!))].sort();
    expect(used).toEqual([
      'ailegr_recurring_auto_paused_rules',
      'ailegr_recurring_due_backlog',
      'ailegr_recurring_failing_rules',
      'ailegr_recurring_needs_review_rules',
      'ailegr_recurring_oldest_due_age_seconds',
      'ailegr_recurring_runs_total',
    ]);
    const exported = (await metrics().registry.getMetricsAsJSON()).map((m) => m.name);
    expect(used.filter((name) => !exported.includes(name))).toEqual([]);
    // The result label the failure alert filters on is the one runs are counted by.
    metrics().recordCrash('cli');
    expect(await metrics().registry.getSingleMetricAsString('ailegr_recurring_runs_total')).toContain('ailegr_recurring_runs_total{trigger="cli",result="error"} 1');
  });

  it('rotates an API key with npm run apikey: create, list, revoke, as the Keys section says', async () => {
    const dir = path.join(scratch, 'data');
    const handle = await openPglite(dir, { loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplatePath'))]) });
    await seedCompany(handle.db, 'Runbook Co');
    await handle.close();
    const env = { AILEGR_DATA_DIR: dir, DATABASE_URL: '', AILEGR_LOG_LEVEL: 'error' };
    const cli = async (file: string, args: string[]) => {
      const p = startTsProcess(file, env, args);
      const code = await exitCodeOf(p, 120_000);
      return { code, out: p.lines, err: p.stderr() };
    };
    const company = ['--company', 'Runbook Co'];

    const refused = await cli('scripts/apikey.ts', ['create', ...company, '--role', 'accountant']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Runbook Co has no owner yet: add one with `npm run member -- add` first');
    const owner = await cli('scripts/member.ts', ['add', ...company, '--email', 'owner@runbook.test', '--name', 'Runbook Owner', '--role', 'owner']);
    expect(owner.code, owner.err).toBe(0);

    const created = await cli('scripts/apikey.ts', ['create', ...company, '--role', 'accountant', '--name', 'Billing sync']);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toEqual([expect.stringMatching(/^ailegr_\w+$/)]);
    const id = /\(([0-9a-f-]{36})\)/.exec(created.err)![1]!;
    const row = (lines: string[]) => lines.map((l) => l.split('\t')).map(([keyId, start, role, state, lastUsed, name]) => ({ keyId, start, role, state, lastUsed, name }));
    const listed = await cli('scripts/apikey.ts', ['list', ...company]);
    expect(row(listed.out)).toEqual([{ keyId: id, start: `${created.out[0]!.slice(0, 11)}…`, role: 'accountant', state: 'active', lastUsed: 'never', name: 'Billing sync' }]);

    const revoked = await cli('scripts/apikey.ts', ['revoke', ...company, '--key', id]);
    expect(revoked.code, revoked.err).toBe(0);
    expect(revoked.out).toEqual([`Revoked API key "Billing sync" (${id}) of Runbook Co`]);
    expect(row((await cli('scripts/apikey.ts', ['list', ...company])).out)).toMatchObject([{ keyId: id, state: 'revoked' }]);
  }, 600_000); // six CLI processes, each booting tsx and opening the embedded database
});
