import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle, type Db } from '@/db/client';
import { rowsOf } from '@/db/sql-batch';
import { createDocument } from '@/lib/ledger/documents';
import { recordPayment } from '@/lib/ledger/payments';
import { runRecurring } from '@/lib/recurring/run';
import { createRule, pauseRule } from '@/lib/recurring/rules';
import { seedCompany } from './support/fixtures';
import { withDatabase } from './support/global-setup';
import { exitCodeOf, killAllProcesses, startTsProcess } from './support/processes';
import { ruleFor } from './support/recurring-fixtures';
import { HAS_POSTGRES, openTestDatabase } from './support/test-db';

// docs/operations.md's backup and restore, run as an operator would (`npm run backup` / `npm run restore`, which
// are `tsx scripts/backup.ts backup|restore`, and a copy of the stopped PGlite folder): books with documents,
// payments and rules in several states are backed up, restored into a fresh database, and must give the same
// trial balance, account by account to the cent, and the same rule states.

const ROOT = path.resolve(__dirname, '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-backup-test-'));
afterAll(async () => {
  await killAllProcesses();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/**
 * The books every case backs up: an invoice of 1,000.00 paid 1,200.00 (200.00 to Customer Credits), a bill of
 * 150.00 paid 100.00, a daily rule of 10.00 run to its end (3 bills), a paused rule and an active one.
 */
async function postBooks(db: Db): Promise<void> {
  const seeded = await seedCompany(db, 'Backup Co');
  const { company, customer, vendor, byCode } = seeded;
  const invoice = await createDocument(db, company.id, 'invoice', { partyId: customer.id, issueDate: '2026-03-02', dueDate: '2026-04-01', amount: '1000.00', categoryId: byCode('4100') });
  await recordPayment(db, company.id, { documentId: invoice.id, amount: '1200.00', date: '2026-03-20' });
  const bill = await createDocument(db, company.id, 'bill', { partyId: vendor.id, issueDate: '2026-05-01', dueDate: '2026-05-31', amount: '150.00', categoryId: byCode('5000') });
  await recordPayment(db, company.id, { documentId: bill.id, amount: '100.00', date: '2026-05-10' });
  const ended = await createRule(db, company.id, ruleFor(seeded, { name: 'Ended', amount: '10.00', startDate: '2026-01-01', endDate: '2026-01-03' }));
  await runRecurring(db, { trigger: 'cli', ruleId: ended.id });
  const paused = await createRule(db, company.id, ruleFor(seeded, { name: 'Paused', cadence: 'monthly', startDate: '2027-01-31' }));
  await pauseRule(db, company.id, paused.id, { resumeOn: '2027-06-01' });
  await createRule(db, company.id, ruleFor(seeded, { name: 'Active', cadence: 'weekly', weekday: 1, startDate: '2027-01-01' }));
}

/** Per account code, what it holds: debits less credits, in minor units; then the sums of each side. */
async function trialBalance(db: Db) {
  const rows = rowsOf<{ code: string; debit: string; credit: string }>(
    await db.execute(sql`
      select a.code, sum(greatest(l.amount_minor, 0))::text as debit, sum(greatest(-l.amount_minor, 0))::text as credit
      from journal_lines l join accounts a on a.id = l.account_id and a.company_id = l.company_id
      group by a.code order by a.code`),
  );
  return rows.map((r) => ({ code: r.code, net: Number(r.debit) - Number(r.credit), debit: Number(r.debit), credit: Number(r.credit) }));
}

const EXPECTED_TRIAL_BALANCE = [
  { code: '1000', net: 110_000, debit: 120_000, credit: 10_000 },
  { code: '1100', net: 0, debit: 100_000, credit: 100_000 },
  { code: '2000', net: -8_000, debit: 10_000, credit: 18_000 },
  { code: '2050', net: -20_000, debit: 0, credit: 20_000 },
  { code: '4100', net: -100_000, debit: 0, credit: 100_000 },
  { code: '5000', net: 18_000, debit: 18_000, credit: 0 },
];

async function ruleStates(db: Db) {
  return rowsOf<{ name: string; status: string; next_occurrence: string | null; next_run_at: string | null; version: number; resume_on: string | null }>(
    await db.execute(sql`
      select name, status, next_occurrence::text, to_char(next_run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as next_run_at, version, resume_on::text
      from recurring_rules order by name`),
  );
}

const EXPECTED_RULES = [
  { name: 'Active', status: 'active', next_occurrence: '2027-01-04', next_run_at: '2027-01-04T05:00:00', version: 1, resume_on: null },
  { name: 'Ended', status: 'ended', next_occurrence: null, next_run_at: null, version: 2, resume_on: null },
  // A paused rule with a resume date wakes on it, at midnight in New York (EDT in June).
  { name: 'Paused', status: 'paused', next_occurrence: '2027-01-31', next_run_at: '2027-06-01T04:00:00', version: 2, resume_on: '2027-06-01' },
];

/** What the restored copy must hold: the same books, to the cent, as the original read before the backup. */
async function expectSameBooks(restored: Db, original: { balance: unknown; rules: unknown }): Promise<void> {
  expect(await trialBalance(restored)).toEqual(EXPECTED_TRIAL_BALANCE);
  expect(await trialBalance(restored)).toEqual(original.balance);
  expect(await ruleStates(restored)).toEqual(original.rules);
}

/** `npm run backup -- --out FILE` / `npm run restore -- --from FILE` with `env`: its exit code and output. */
async function runBackupScript(command: 'backup' | 'restore', file: string, env: Record<string, string>) {
  const p = startTsProcess('scripts/backup.ts', { AILEGR_LOG_LEVEL: 'error', ...env }, [command, command === 'backup' ? '--out' : '--from', file]);
  const code = await exitCodeOf(p, 120_000);
  return { code, out: p.lines.join('\n'), err: p.stderr() };
}

describe('backup and restore', () => {
  it('npm run backup and npm run restore are the commands the runbook names', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
    expect([scripts.backup, scripts.restore]).toEqual(['tsx scripts/backup.ts backup', 'tsx scripts/backup.ts restore']);
  });

  describe.skipIf(!HAS_POSTGRES)('PostgreSQL: pg_dump, then pg_restore into a fresh database', () => {
    it('gives the same trial balance, to the cent per account, and the same rule states', async () => {
      const h = await openTestDatabase('postgres');
      const adminUrl = inject('pgAdminUrl')!;
      const fresh = `ailegr_restore_${randomBytes(6).toString('hex')}`;
      let restored: DatabaseHandle | undefined;
      try {
        await postBooks(h.db);
        const original = { balance: await trialBalance(h.db), rules: await ruleStates(h.db) };
        expect(original.balance).toEqual(EXPECTED_TRIAL_BALANCE);
        expect(original.rules).toEqual(EXPECTED_RULES);

        const file = path.join(scratch, 'ailegr.dump');
        const backup = await runBackupScript('backup', file, { DATABASE_URL: h.url! });
        expect(backup, backup.err).toMatchObject({ code: 0 });
        expect(backup.out).toMatch(/^backed up postgres:\/\/.* to .*ailegr\.dump: 1 companies, 7 journal entries, 3 recurring rules$/);

        const admin = await openPostgres(adminUrl, { max: 1 });
        await admin.db.execute(sql.raw(`create database ${fresh}`));
        await admin.close();
        const freshUrl = withDatabase(adminUrl, fresh);
        const restore = await runBackupScript('restore', file, { DATABASE_URL: freshUrl });
        expect(restore, restore.err).toMatchObject({ code: 0 });
        expect(restore.out).toMatch(/: 1 companies, 7 journal entries, 3 recurring rules$/);
        restored = await openPostgres(freshUrl, { max: 2 });
        await expectSameBooks(restored.db, original);

        // A restore into a database that already holds the books fails whole and changes nothing.
        const again = await runBackupScript('restore', file, { DATABASE_URL: freshUrl });
        expect(again.code).toBe(1);
        expect(again.err).toMatch(/^restore: pg_restore failed \(1\): .*already exists/s);
        await expectSameBooks(restored.db, original);
      } finally {
        await restored?.close();
        const admin = await openPostgres(adminUrl, { max: 1 });
        await admin.db.execute(sql.raw(`drop database if exists ${fresh} with (force)`));
        await admin.close();
        await h.close();
      }
    });
  });

  describe('PGlite: the data folder', () => {
    it('backs up only while no server holds the folder, restores into an empty folder, and gives the same books', async () => {
      const dir = path.join(scratch, 'data');
      const template = new Blob([fs.readFileSync(inject('pgliteTemplatePath'))]);
      const live = await openPglite(dir, { loadDataDir: template });
      await postBooks(live.db);
      const original = { balance: await trialBalance(live.db), rules: await ruleStates(live.db) };
      expect(original.balance).toEqual(EXPECTED_TRIAL_BALANCE);
      expect(original.rules).toEqual(EXPECTED_RULES);
      const file = path.join(scratch, 'ailegr-pglite.tar.gz');

      // While the folder is open (the app running), the backup refuses and names the holder.
      const refused = await runBackupScript('backup', file, { AILEGR_DATA_DIR: dir, DATABASE_URL: '' });
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`is in use by process ${process.pid}`);
      expect(fs.existsSync(file)).toBe(false);
      await live.close();

      const backup = await runBackupScript('backup', file, { AILEGR_DATA_DIR: dir, DATABASE_URL: '' });
      expect(backup, backup.err).toMatchObject({ code: 0 });
      expect(backup.out).toBe(`backed up ${dir} to ${file}: 1 companies, 7 journal entries, 3 recurring rules`);

      const freshDir = path.join(scratch, 'restored');
      const restore = await runBackupScript('restore', file, { AILEGR_DATA_DIR: freshDir, DATABASE_URL: '' });
      expect(restore, restore.err).toMatchObject({ code: 0 });
      expect(restore.out).toBe(`restored ${file} into ${freshDir}: 1 companies, 7 journal entries, 3 recurring rules`);
      const restored = await openPglite(freshDir);
      try {
        await expectSameBooks(restored.db, original);
      } finally {
        await restored.close();
      }
      // A folder that holds a database is never overwritten.
      const onto = await runBackupScript('restore', file, { AILEGR_DATA_DIR: dir, DATABASE_URL: '' });
      expect(onto.code).toBe(1);
      expect(onto.err).toBe(`restore: ${dir} already holds a database: restore into an empty AILEGR_DATA_DIR (move this one aside first)\n`);

      // The runbook's other way: a copy of the folder taken with the server stopped.
      const copy = path.join(scratch, 'copied');
      const cp = spawnSync('cp', ['-a', dir, copy], { encoding: 'utf8' });
      expect(cp.status, cp.stderr).toBe(0);
      const copied = await openPglite(copy);
      try {
        await expectSameBooks(copied.db, original);
      } finally {
        await copied.close();
      }
    });
  });
});
