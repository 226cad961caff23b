// `npm run screenshots`: regenerates docs/screenshots/ (light and dark) from the demo company. Starts `next start`
// (run `npm run build` first) on a fresh data folder with the demo data, or uses a running server:
// AILEGR_SCREENSHOT_URL, with AILEGR_SCREENSHOT_EMAIL / AILEGR_SCREENSHOT_PASSWORD to sign in there.
// Browser: Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium); nothing is downloaded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { freePort } from '../tests/support/postgres-server';
import { startAppServer } from './support/app-server';

const OUT_DIR = path.join(process.cwd(), 'docs', 'screenshots');
const DEMO_EMAIL = 'demo@ailegr.test';
const DEMO_PASSWORD = 'screenshots-only-demo-password';
const DESKTOP = { width: 1366, height: 860 };
const PHONE = { width: 390, height: 844 };

interface Shot {
  /** The file name: `{name}-{theme}.png`. */
  name: string;
  /** The page; `{invoice}`, `{rule}` and `{customer}` are the first of the demo company's (through the API). */
  path: string;
  viewport?: { width: number; height: number };
  /** The whole scrolling page, or only the viewport (for open menus and the phone). */
  fullPage?: boolean;
  /** What to do once the page shows, before the picture: open a menu, wait for a preview. */
  prepare?: (page: Page) => Promise<void>;
  /** Skipped (with a line in the log) when the page answers 404: a route another change is still building. */
  optional?: true;
}

/** The pictures, in README order. Add a row for a new screen. */
const SHOTS: readonly Shot[] = [
  { name: 'overview', path: '/' },
  { name: 'recurring-list', path: '/settings/recurring' },
  {
    name: 'rule-editor',
    path: '/settings/recurring/{rule}/edit',
    prepare: async (page) => {
      await page.getByTestId('preview-occurrence').first().waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'rule-menu',
    path: '/settings/recurring',
    fullPage: false,
    prepare: async (page) => {
      await page.getByTestId('rule-menu').first().click();
      await page.getByRole('menu').waitFor();
    },
  },
  { name: 'invoices', path: '/invoices' },
  { name: 'invoice', path: '/invoices/{invoice}' },
  { name: 'party-statement', path: '/parties/{customer}' },
  { name: 'profit-and-loss', path: '/reports/profit-and-loss' },
  { name: 'balance-sheet', path: '/reports/balance-sheet' },
  { name: 'phone-overview', path: '/', viewport: PHONE, fullPage: false },
  {
    name: 'phone-menu',
    path: '/invoices',
    viewport: PHONE,
    fullPage: false,
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    },
  },
];

/** A production server over a fresh embedded database with the demo company (the scripts' `startAppServer`). */
async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ailegr-screenshots-'));
  const server = await startAppServer('next', await freePort(), {
    AILEGR_DATA_DIR: dataDir,
    DATABASE_URL: '',
    AILEGR_DEMO: 'true',
    AILEGR_DEMO_PASSWORD: DEMO_PASSWORD,
    BETTER_AUTH_SECRET: 'screenshots-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    AILEGR_LOG_LEVEL: 'warn',
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page and returns the session, for every later context. */
async function signIn(browser: Browser, baseURL: string, email: string, password: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-company').waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

/** The ids the shot paths name: the first invoice, rule and customer of the company. */
async function lookUpIds(browser: Browser, baseURL: string, storageState: Awaited<ReturnType<typeof signIn>>) {
  const context = await browser.newContext({ baseURL, storageState });
  const first = async (list: string) => {
    const answer = await context.request.get(list);
    if (!answer.ok()) throw new Error(`${list} answered ${answer.status()}`);
    const { data } = (await answer.json()) as { data: { id: number | string }[] };
    if (!data[0]) throw new Error(`${list} is empty`);
    return String(data[0].id);
  };
  const ids = { invoice: await first('/api/invoices?limit=1'), rule: await first('/api/recurring?limit=1'), customer: await first('/api/parties?limit=1&kind=customer') };
  await context.close();
  return ids;
}

async function main() {
  const external = process.env.AILEGR_SCREENSHOT_URL;
  const server = external ? { url: external.replace(/\/$/, ''), stop: async () => {} } : await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const storageState = await signIn(
      browser,
      server.url,
      process.env.AILEGR_SCREENSHOT_EMAIL ?? DEMO_EMAIL,
      process.env.AILEGR_SCREENSHOT_PASSWORD ?? DEMO_PASSWORD,
    );
    const ids = await lookUpIds(browser, server.url, storageState);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      for (const shot of SHOTS) {
        const context = await browser.newContext({ baseURL: server.url, storageState, colorScheme: theme, viewport: shot.viewport ?? DESKTOP });
        const page = await context.newPage();
        const url = shot.path.replace(/\{(\w+)\}/g, (_, key: keyof typeof ids) => ids[key]);
        const answer = await page.goto(url);
        if (answer?.status() === 404 && shot.optional) {
          console.log(`skipped ${shot.name}: ${url} is not there yet`);
          await context.close();
          continue;
        }
        if (!answer?.ok()) throw new Error(`${url} answered ${answer?.status()}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        await shot.prepare?.(page);
        // Let charts finish their entry animation and popups their transition.
        await page.waitForTimeout(600);
        const file = path.join(OUT_DIR, `${shot.name}-${theme}.png`);
        await page.screenshot({ path: file, fullPage: shot.fullPage ?? true, animations: 'disabled' });
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
