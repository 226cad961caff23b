// `npm run smoke:recurring [-- --strict-balance]`: end-to-end recurring scenarios over HTTP against a running
// server (`AILEGR_SMOKE_URL`, default http://localhost:3000), with nothing done by hand. Each scenario is a rule
// whose whole window lies in the past (it ended by 2024), run once through `POST /api/recurring/run { ruleId }`;
// its postings and skips, read back through `GET /api/recurring/:id/history` and `GET /api/documents/:id`, are
// compared to literal lists of dates. Then an invoice paid beyond its total must leave the excess in Customer
// Credits, and the Balance Sheet must balance; with `--strict-balance`, to the cent, account by account.
// Prints each check; exits 1 when any fails, 2 when it cannot start.
//
// Where it works:
// - `AILEGR_SMOKE_API_KEY` (an accountant's key): the key's company. `AILEGR_SMOKE_TENANT`, when set, must be
//   that company's id (a guard against smoking the wrong books).
// - otherwise it signs in as the demo owner (`demo@ailegr.test`, password `AILEGR_DEMO_PASSWORD`) and works in
//   the company `AILEGR_SMOKE_TENANT` (an id the owner belongs to), or, unset, in a company of its own made with
//   `POST /api/companies`, so the strict balance sheet holds exactly what the smoke posted.
// In an existing company, `--strict-balance` checks what the smoke changed: the Balance Sheet as of 2024-12-31
// after the run, less the one before it. The rules it made are deleted at the end (their documents stay, as
// every deleted rule's do; a company has no delete) unless `KEEP_SMOKE_DATA=true`.
import { parseArgs } from 'node:util';
import { call, type Answer } from '../tests/support/http-call';

const BASE = (process.env.AILEGR_SMOKE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const DEMO_EMAIL = 'demo@ailegr.test';
const KEEP = process.env.KEEP_SMOKE_DATA === 'true';
const TAG = `smoke-${Date.now().toString(36)}`;
/** Every date the smoke posts lies on or before it. */
const AS_OF = '2024-12-31';

const { values: flags } = parseArgs({ options: { 'strict-balance': { type: 'boolean', default: false } }, strict: true });
// `npm run smoke:recurring --strict-balance` (no `--`) hands the flag to npm, which passes it on as this variable.
const STRICT = flags['strict-balance'] || process.env.npm_config_strict_balance === 'true';

/** The caller's credential: an API key, or the demo owner's session (whose writes name our origin). */
let credential: { key?: string; cookie?: string; headers?: Record<string, string> } = {};

const api = (method: string, path: string, body?: unknown): Promise<Answer> => call(BASE, method, path, { ...credential, body });

class SetupError extends Error {}

/** The answer's body when it has the status expected, else a setup error naming the call. */
async function expectStatus(status: number, what: string, answer: Promise<Answer>): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON read back and checked field by field
  const a = await answer;
  if (a.status !== status) throw new SetupError(`${what}: expected ${status}, got ${a.status} ${a.text.slice(0, 400)}`);
  return a.body;
}

let failures = 0;
function check(name: string, actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a === e) console.log(`ok    ${name}`);
  else {
    failures++;
    console.log(`FAIL  ${name}\n      expected ${e}\n      actual   ${a}`);
  }
}

/** Signs in and chooses the company; answers how the smoke is known and whether the company is its own. */
async function chooseCompany(): Promise<{ ownCompany: boolean }> {
  const tenant = process.env.AILEGR_SMOKE_TENANT;
  const key = process.env.AILEGR_SMOKE_API_KEY;
  if (key) {
    credential = { key };
    const current = await expectStatus(200, 'GET /api/company with AILEGR_SMOKE_API_KEY', api('GET', '/api/company'));
    if (tenant && current.company.id !== tenant) throw new SetupError(`the key belongs to ${current.company.id}, not AILEGR_SMOKE_TENANT ${tenant}`);
    return { ownCompany: false };
  }
  const password = process.env.AILEGR_DEMO_PASSWORD;
  if (!password) throw new SetupError('set AILEGR_SMOKE_API_KEY, or AILEGR_DEMO_PASSWORD to sign in as the demo owner');
  const response = await fetch(`${BASE}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ email: DEMO_EMAIL, password }),
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.includes('session_token'));
  if (response.status !== 200 || !cookie) throw new SetupError(`signing in as ${DEMO_EMAIL} failed: ${response.status} ${await response.text()}`);
  credential = { cookie, headers: { origin: BASE } };
  const companyId =
    tenant ??
    (await expectStatus(201, 'POST /api/companies', api('POST', '/api/companies', { name: `Smoke ${TAG}`, baseCurrency: 'USD', timeZone: 'UTC' }))).company.id;
  await expectStatus(200, `PUT /api/session/company ${companyId}`, api('PUT', '/api/session/company', { companyId }));
  return { ownCompany: !tenant };
}

interface Books {
  customerId: number;
  vendorId: number;
  revenue: Category;
  expense: Category;
}
interface Category {
  id: number;
  code: string;
  name: string;
}

/** A customer and a vendor of our own, and the first active revenue and expense categories of the company. */
async function prepare(): Promise<Books> {
  const party = async (kind: string) => (await expectStatus(201, `POST /api/parties (${kind})`, api('POST', '/api/parties', { kind, name: `${TAG} ${kind}` }))).id as number;
  const category = async (type: 'invoice' | 'expense'): Promise<Category> => {
    const page = await expectStatus(200, `GET /api/categories?type=${type}`, api('GET', `/api/categories?type=${type}&limit=100`));
    const found = (page.data as (Category & { archivedAt: string | null })[]).filter((c) => c.archivedAt === null).sort((a, b) => a.code.localeCompare(b.code))[0];
    if (!found) throw new SetupError(`the company has no active ${type} category`);
    return { id: found.id, code: found.code, name: found.name };
  };
  return { customerId: await party('customer'), vendorId: await party('vendor'), revenue: await category('invoice'), expense: await category('expense') };
}

interface Scenario {
  name: string;
  type: 'invoice' | 'expense';
  cadence: 'daily' | 'weekly' | 'monthly' | 'annual';
  startDate: string;
  endDate: string;
  options?: Record<string, unknown>;
  posted: string[];
  skipped?: string[];
  /** Done between the create and the run (a pause and a resume). */
  before?: (id: number) => Promise<void>;
}

const BILL = { amount: '10.01', minor: 1001 };
const MONTHLY_INVOICE = { amount: '250.00', minor: 25_000 };

/** An expense rule for the Fridays of a month: the 3rd (`nthWeek` 3) or the last (5), January to April 2024. */
const fridays = (name: string, nthWeek: number, posted: string[]): Scenario => ({
  name,
  type: 'expense',
  cadence: 'monthly',
  startDate: '2024-01-01',
  endDate: '2024-04-30',
  options: { nthWeek, nthWeekday: 5 },
  posted,
});

function scenarios(): Scenario[] {
  const daily = (name: string, endDate: string, options: Record<string, unknown>, posted: string[], skipped: string[]): Scenario => ({
    name,
    type: 'expense',
    cadence: 'daily',
    startDate: '2024-01-01',
    endDate,
    options,
    posted,
    skipped,
  });
  return [
    { name: 'daily, every 2 days', type: 'expense', cadence: 'daily', startDate: '2024-01-01', endDate: '2024-01-07', options: { intervalDays: 2 }, posted: ['2024-01-01', '2024-01-03', '2024-01-05', '2024-01-07'] },
    { name: 'weekly on Friday', type: 'expense', cadence: 'weekly', startDate: '2024-01-01', endDate: '2024-01-31', options: { weekday: 5 }, posted: ['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26'] },
    { name: 'annual on Feb 29', type: 'expense', cadence: 'annual', startDate: '2020-02-29', endDate: '2024-12-31', posted: ['2020-02-29', '2021-02-28', '2022-02-28', '2023-02-28', '2024-02-29'] },
    {
      name: 'monthly invoice at the end of the month',
      type: 'invoice',
      cadence: 'monthly',
      startDate: '2024-01-31',
      endDate: '2024-05-31',
      options: { endOfMonth: true },
      posted: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31'],
    },
    fridays('monthly on the 3rd Friday', 3, ['2024-01-19', '2024-02-16', '2024-03-15', '2024-04-19']),
    fridays('monthly on the last Friday', 5, ['2024-01-26', '2024-02-23', '2024-03-29', '2024-04-26']),
    { name: 'endDate stops a monthly rule on the 15th', type: 'expense', cadence: 'monthly', startDate: '2024-01-15', endDate: '2024-03-14', options: { dayOfMonth: 15 }, posted: ['2024-01-15', '2024-02-15'] },
    daily('pauseUntil skips the dates through it', '2024-01-06', { pauseUntil: '2024-01-03' }, ['2024-01-04', '2024-01-05', '2024-01-06'], ['2024-01-01:pause_until', '2024-01-02:pause_until', '2024-01-03:pause_until']),
    daily('paused until resumeOn, resumed by the run', '2024-01-05', { resumeOn: '2024-01-04' }, ['2024-01-04', '2024-01-05'], ['2024-01-01:paused', '2024-01-02:paused', '2024-01-03:paused']),
    {
      ...daily('paused, then resumed by hand: past dates skipped', '2024-01-03', {}, [], ['2024-01-01:paused', '2024-01-02:paused', '2024-01-03:paused']),
      before: async (id) => {
        check('pause answers 200', (await api('POST', `/api/recurring/${id}/pause`, {})).status, 200);
        const run = await api('POST', '/api/recurring/run', { ruleId: id });
        check('a paused rule posts nothing when run', run.body?.posted, 0);
        check('resume answers 200', (await api('POST', `/api/recurring/${id}/resume`)).status, 200);
      },
    },
  ];
}

/** Every page of a cursor list, `path` carrying its own query. */
async function everyPage<T>(path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await expectStatus(200, `GET ${path}`, api('GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`));
    rows.push(...(page.data as T[]));
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

interface HistoryEntry {
  outcome: string;
  occurrenceDate: string;
  reason: string | null;
  document: { id: number } | null;
}

async function runScenario(s: Scenario, books: Books, made: number[]): Promise<void> {
  const invoice = s.type === 'invoice';
  const money = invoice ? MONTHLY_INVOICE : BILL;
  const created = await api('POST', '/api/recurring', {
    name: `${TAG} ${s.name}`,
    type: s.type,
    cadence: s.cadence,
    startDate: s.startDate,
    endDate: s.endDate,
    payload: { partyId: invoice ? books.customerId : books.vendorId, amount: money.amount, categoryId: (invoice ? books.revenue : books.expense).id },
    ...(s.options ? { options: s.options } : {}),
  });
  check(`${s.name}: created`, created.status, 201);
  if (created.status !== 201) {
    console.log(`      ${created.text}`);
    return;
  }
  const id = created.body.id as number;
  made.push(id);
  await s.before?.(id);
  const run = await api('POST', '/api/recurring/run', { ruleId: id });
  check(`${s.name}: run answered 200`, run.status, 200);
  const history = await everyPage<HistoryEntry>(`/api/recurring/${id}/history?limit=100`);
  check(`${s.name}: posted dates`, history.filter((e) => e.outcome === 'posted').map((e) => e.occurrenceDate), s.posted);
  check(`${s.name}: skipped dates`, history.filter((e) => e.outcome === 'skipped').map((e) => `${e.occurrenceDate}:${e.reason}`), s.skipped ?? []);
  const rule = await api('GET', `/api/recurring/${id}`);
  check(`${s.name}: ended after its last date`, [rule.body?.status, rule.body?.nextOccurrence], ['ended', null]);
  // Each posting is a document of the rule's amount, dated on its occurrence, referenced REC-{id}-{date}.
  const docs = await Promise.all(history.filter((e) => e.document).map((e) => api('GET', `/api/documents/${e.document!.id}`)));
  check(
    `${s.name}: documents`,
    docs.map((d) => [d.body?.kind, d.body?.issueDate, d.body?.amount, d.body?.reference, d.body?.ruleId]),
    s.posted.map((date) => [invoice ? 'invoice' : 'bill', date, money.amount, `REC-${id}-${date}`, id]),
  );
}

/** A dry run of a due rule lists exactly what a run would post, and writes nothing. */
async function dryRun(books: Books, made: number[]): Promise<void> {
  const dry = await api('POST', '/api/recurring', {
    name: `${TAG} dry run`,
    type: 'invoice',
    cadence: 'daily',
    startDate: '2024-03-01',
    endDate: '2024-03-02',
    payload: { partyId: books.customerId, amount: '7.50', categoryId: books.revenue.id },
  });
  check('dry-run rule created', dry.status, 201);
  if (dry.status !== 201) return;
  made.push(dry.body.id);
  const answer = await api('POST', '/api/recurring/run', { ruleId: dry.body.id, dryRun: true });
  check(
    'dry run lists what would post',
    answer.body?.outcomes?.[0]?.posted?.map((x: { occurrenceDate: string; reference: string; amount: string; documentId: null }) => [x.occurrenceDate, x.reference, x.amount, x.documentId]),
    ['2024-03-01', '2024-03-02'].map((d) => [d, `REC-${dry.body.id}-${d}`, '7.50', null]),
  );
  check('dry run wrote nothing', (await everyPage(`/api/recurring/${dry.body.id}/history?limit=100`)).length, 0);
}

const OVERPAID = { total: '100.00', totalMinor: 10_000, paid: '120.00', paidMinor: 12_000, creditMinor: 2_000 };

/** An invoice of 100.00 paid 120.00: 100.00 settles it, 20.00 goes to Customer Credits (2050). */
async function overpaidInvoice(books: Books): Promise<void> {
  const invoice = await expectStatus(
    201,
    'POST /api/invoices',
    api('POST', '/api/invoices', { partyId: books.customerId, categoryId: books.revenue.id, issueDate: '2024-06-03', dueDate: '2024-07-03', amount: OVERPAID.total, memo: `${TAG} overpaid` }),
  );
  const paid = await api('POST', `/api/invoices/${invoice.id}/payments`, { amount: OVERPAID.paid, date: '2024-06-10', memo: `${TAG} overpayment` });
  check('overpaid invoice: payment answered 201', paid.status, 201);
  check('overpaid invoice: payment split into applied and credit', [paid.body?.payment?.amount, paid.body?.payment?.applied, paid.body?.payment?.credit], ['120.00', '100.00', '20.00']);
  check('overpaid invoice: the invoice is paid', paid.body?.document?.status, 'paid');
  // The customer owes nothing on it: open balances list only the customer's unpaid month-end invoices.
  const open = await expectStatus(200, 'GET /api/reports/open-balances?type=invoice', api('GET', '/api/reports/open-balances?type=invoice'));
  const ours = (open.parties as { partyId: number; documents: number; open: string }[]).find((p) => p.partyId === books.customerId);
  check('overpaid invoice: the customer’s open balance is the 5 month-end invoices alone', [ours?.documents, ours?.open], [5, '1250.00']);
}

type Sheet = Record<string, number>;

/** The Balance Sheet as of AS_OF, flattened to `{ 'assets 1000 Cash': minor, …, totalAssets: minor }`. */
async function balanceSheet(): Promise<{ sheet: Sheet; balanced: boolean }> {
  const body = await expectStatus(200, `GET /api/reports/balance-sheet?asOf=${AS_OF}`, api('GET', `/api/reports/balance-sheet?asOf=${AS_OF}`));
  const sheet: Sheet = {};
  for (const section of ['assets', 'liabilities', 'equity'] as const) {
    for (const line of body[section] as { code: string; name: string; amountMinor: number }[]) sheet[`${section} ${line.code} ${line.name}`] = Number(line.amountMinor);
  }
  for (const total of ['currentPeriodEarnings', 'retainedEarnings', 'totalAssets', 'totalLiabilities', 'totalEquity']) sheet[total] = Number(body[`${total}Minor`]);
  return { sheet, balanced: body.balanced === true };
}

interface Figures {
  receivable: number;
  payable: number;
  revenue2024: number;
  expenses2024: number;
  earlierExpenses: number;
}

/** What the smoke posts, in minor units: every scenario's documents and the overpaid invoice. */
function expectedFigures(scenarioList: Scenario[]): Figures {
  const count = (type: Scenario['type'], inYear?: string) =>
    scenarioList.filter((s) => s.type === type).flatMap((s) => s.posted).filter((d) => !inYear || d.startsWith(inYear)).length;
  const payable = count('expense') * BILL.minor;
  const expenses2024 = count('expense', '2024') * BILL.minor;
  return {
    receivable: count('invoice') * MONTHLY_INVOICE.minor,
    payable,
    revenue2024: count('invoice', '2024') * MONTHLY_INVOICE.minor + OVERPAID.totalMinor,
    expenses2024,
    earlierExpenses: payable - expenses2024,
  };
}

/** What those postings add to the Balance Sheet as of 2024-12-31, line by line. */
function expectedSheet(f: Figures): Sheet {
  return {
    'assets 1000 Cash': OVERPAID.paidMinor,
    'assets 1100 Accounts Receivable': f.receivable,
    'liabilities 2000 Accounts Payable': f.payable,
    'liabilities 2050 Customer Credits': OVERPAID.creditMinor,
    currentPeriodEarnings: f.revenue2024 - f.expenses2024,
    retainedEarnings: -f.earlierExpenses,
    totalAssets: OVERPAID.paidMinor + f.receivable,
    totalLiabilities: f.payable + OVERPAID.creditMinor,
    totalEquity: f.revenue2024 - f.expenses2024 - f.earlierExpenses,
  };
}

/** `after - before` per line, lines that did not move left out (a fresh company's `before` is empty). */
function difference(after: Sheet, before: Sheet): Sheet {
  const out: Sheet = {};
  for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const moved = (after[key] ?? 0) - (before[key] ?? 0);
    if (moved !== 0) out[key] = moved;
  }
  return out;
}

const sortedKeys = (sheet: Sheet) => Object.fromEntries(Object.entries(sheet).sort(([a], [b]) => a.localeCompare(b)));

/** The 2024 Profit and Loss of the smoke's own company: its revenue and expense category, and the net. */
async function checkProfitAndLoss(books: Books, f: Figures): Promise<void> {
  const pl = await expectStatus(200, 'GET /api/reports/profit-and-loss', api('GET', '/api/reports/profit-and-loss?from=2024-01-01&to=2024-12-31'));
  const lines = (accounts: { code: string; amountMinor: number }[]) => accounts.map((a) => [a.code, Number(a.amountMinor)]);
  check(
    'strict: Profit and Loss for 2024 (revenue and expenses by category, net income)',
    [lines(pl.revenue), lines(pl.expenses), Number(pl.netIncomeMinor)],
    [[[books.revenue.code, f.revenue2024]], [[books.expense.code, f.expenses2024]], f.revenue2024 - f.expenses2024],
  );
}

async function main(): Promise<number> {
  let ownCompany: boolean;
  let books: Books;
  let before: Sheet;
  try {
    ({ ownCompany } = await chooseCompany());
    const company = await expectStatus(200, 'GET /api/company', api('GET', '/api/company'));
    console.log(`smoke:recurring against ${BASE}, company ${company.company.name} (${company.company.id}${ownCompany ? ', made by this smoke' : ''}), as ${company.via}`);
    books = await prepare();
    before = (await balanceSheet()).sheet;
  } catch (error) {
    if (!(error instanceof SetupError) && !(error instanceof TypeError)) throw error;
    console.error(`smoke:recurring: ${error.message}`);
    return 2;
  }
  const made: number[] = [];
  const scenarioList = scenarios();
  try {
    for (const scenario of scenarioList) await runScenario(scenario, books, made);
    await dryRun(books, made);
    await overpaidInvoice(books);
    const after = await balanceSheet();
    check('balanced journal: the Balance Sheet balances (assets = liabilities + equity)', [after.balanced, after.sheet.totalAssets], [true, after.sheet.totalLiabilities! + after.sheet.totalEquity!]);
    const credits = difference(after.sheet, before)['liabilities 2050 Customer Credits'];
    check('overpaid invoice: Customer Credits (2050) rose by the 20.00 overpaid', credits, OVERPAID.creditMinor);
    if (STRICT) {
      check(
        `strict: Balance Sheet as of ${AS_OF}${ownCompany ? '' : ', what the smoke changed'}, to the cent`,
        sortedKeys(difference(after.sheet, before)),
        sortedKeys(expectedSheet(expectedFigures(scenarioList))),
      );
      // Another company's 2024 has figures of its own.
      if (ownCompany) await checkProfitAndLoss(books, expectedFigures(scenarioList));
    }
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    failures++;
    console.log(`FAIL  ${error.message}`);
  } finally {
    if (!KEEP) for (const id of made) await api('DELETE', `/api/recurring/${id}`);
  }
  console.log(failures ? `${failures} check(s) failed` : 'every check passed');
  return failures ? 1 : 0;
}

process.exitCode = await main();
