import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openMemoryPglite, openPostgres } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { assertLocalDatabaseUrl, hasPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from './postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL the db tests use, or null when none could be had. */
    pgAdminUrl: string | null;
    /** Name of the migrated template database each test file clones. */
    pgTemplate: string;
    /** A migrated PGlite data directory dump each test file loads. */
    pgliteTemplatePath: string;
  }
}

export const PG_TEMPLATE = 'ailegr_template';

let server: ThrowawayPostgres | undefined;
let tmpDir: string | undefined;

export async function setup(project: TestProject) {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-test-'));
  const pglite = await openMemoryPglite();
  await migrateDatabase(pglite);
  const templatePath = path.join(tmpDir, 'pglite-template.tar');
  fs.writeFileSync(templatePath, Buffer.from(await (await pglite.dump()).arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplatePath', templatePath);

  let adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
  if (!adminUrl && hasPostgresBinaries()) {
    server = await startThrowawayPostgres();
    adminUrl = server.url;
  }
  if (!adminUrl) {
    console.warn(
      '\n' + '!'.repeat(78) + '\n!! No PostgreSQL: no TEST_DATABASE_URL/DATABASE_URL and no server binaries.\n' +
        '!! Every PostgreSQL-only test (concurrency, the postgres half of the ledger suite) is SKIPPED.\n' + '!'.repeat(78) + '\n',
    );
  } else {
    assertLocalDatabaseUrl(adminUrl);
    const admin = await openPostgres(adminUrl, { max: 1 });
    const { sql } = await import('drizzle-orm');
    await admin.db.execute(sql.raw(`drop database if exists ${PG_TEMPLATE}`));
    await admin.db.execute(sql.raw(`create database ${PG_TEMPLATE}`));
    await admin.close();
    const templateUrl = withDatabase(adminUrl, PG_TEMPLATE);
    const template = await openPostgres(templateUrl, { max: 1 });
    await migrateDatabase(template, templateUrl);
    await template.close();
    console.log(`db tests: PostgreSQL at ${new URL(adminUrl).host}${server ? ' (throwaway server)' : ''}, and PGlite`);
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', PG_TEMPLATE);
}

export async function teardown() {
  server?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
