import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { DEMO_STORAGE_STATE, E2E_DEMO_PASSWORD, E2E_SIGN_IN_ATTEMPTS_PER_MINUTE } from './e2e/demo';

// Playwright evaluates this file in every worker: choose the port and the data folder once and pass them on
// through the environment so every worker agrees.
if (!process.env.E2E_PORT) {
  process.env.E2E_PORT = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ])
    .toString()
    .trim();
}
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-e2e-'));
// The test server's job key (the run endpoint and metrics); specs read it from here.
process.env.E2E_JOB_KEY ??= 'e2e-only-job-key-0123456789';
const port = Number(process.env.E2E_PORT);
/** The specs that walk every page of the app and only read: they run in a project of their own, beside the others. */
const EVERY_PAGE_SPECS = /\/(accessibility|theme|shell)\.spec\.ts$/;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // Two at a time, one per project below: the specs that only read every page (axe, dark mode, phones: a third of
  // the suite's time, mostly in the browser) run beside the rest, which run one at a time because they change and
  // assert the demo company's figures.
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 60_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    // Signs in once as the demo owner and saves the session; specs start signed in (auth.spec.ts opts out).
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { ...devices['Desktop Chrome'] } },
    {
      name: 'chromium',
      testIgnore: [/auth\.setup\.ts$/, EVERY_PAGE_SPECS],
      dependencies: ['setup'],
      workers: 1,
      use: { ...devices['Desktop Chrome'], storageState: DEMO_STORAGE_STATE },
    },
    {
      // They open records by looking them up when they start (e2e/pages/app-pages.ts) and assert no figure, so the
      // other project's changes to the demo company cannot fail them.
      name: 'every-page',
      testMatch: EVERY_PAGE_SPECS,
      dependencies: ['setup'],
      workers: 1,
      use: { ...devices['Desktop Chrome'], storageState: DEMO_STORAGE_STATE },
    },
  ],
  webServer: {
    // A production server over a fresh embedded database with the demo company (run `next build` first).
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      AILEGR_DATA_DIR: process.env.E2E_DATA_DIR,
      AILEGR_DEMO: 'true',
      AILEGR_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      // `next start` runs in production mode, which requires a real secret; this one exists only for the test server.
      BETTER_AUTH_SECRET: 'e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      BETTER_AUTH_URL: baseURL,
      AILEGR_JOB_KEY: process.env.E2E_JOB_KEY,
      // Specs sign in constantly; a sweep at each sign-in would move the demo figures they assert and fill the run
      // log they expect empty. The trigger itself is tested against a real server in tests/recurring-sign-in-trigger.
      AILEGR_RECURRING_SIGN_IN_TRIGGER: 'off',
      AILEGR_SIGN_IN_ATTEMPTS_PER_MINUTE: String(E2E_SIGN_IN_ATTEMPTS_PER_MINUTE),
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: '',
    },
  },
});
