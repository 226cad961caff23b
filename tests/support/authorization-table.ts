import { recurringReminders } from '@/db/schema/recurring';
import type { Role } from '@/lib/auth/roles';
import { createApiKey } from '@/lib/auth/api-keys';
import { addMember, createUserWithPassword } from '@/lib/auth/members';
import { createDocument } from '@/lib/ledger/documents';
import { recordPayment } from '@/lib/ledger/payments';
import { createRule, getRuleOrThrow, pauseRule } from '@/lib/recurring/rules';
import type { RuleInput } from '@/lib/recurring/schemas';
import { PASSWORD, signIn, type World } from './auth-world';
import { ruleFor } from './recurring-fixtures';

/**
 * Who may call every server action and route handler, and what each must answer. The authorization matrix
 * (tests/authorization-matrix.test.ts) fails when an export under app/ is missing here or listed here but gone,
 * so a new action or route cannot ship without saying who may call it. The bad-input test reuses the cases.
 */

export type Form = Record<string, string>;

/** What a request aimed at another company's record must answer: 404, or the field error a missing record gets. */
export type StrangerAnswer = { status: 404 } | { status: 400; field: string };

export interface ActionCase {
  /** The least role allowed; every role below gets 403. */
  role: Role;
  /** A valid submission in company A, made by a caller of `role` or above (it may first create what it needs). */
  valid: (w: World) => Promise<Form> | Form;
  /**
   * The same request naming company B's record, and its answer; null when the action names no record (it acts on
   * the caller's current company only, so there is no other company's record to reach for).
   */
  stranger: null | { form: (w: World) => Form | Promise<Form>; answer: StrangerAnswer };
  /**
   * The session cookie of a member of company A with `role` for the success case, when the action changes its
   * caller (e.g. ends their other sessions) and so needs a caller of its own. Default: the world's member.
   */
  callerFor?: (w: World, role: Role) => Promise<string>;
  /**
   * A developer tool (lib/dev-tools.ts): while the tools are off it answers every role 403 and changes nothing;
   * the matrix's other checks run with them on.
   */
  devTools?: true;
}

let unique = 0;
const next = (prefix: string) => `${prefix}-${++unique}`;

const today = '2026-03-10';
const documentForm = (w: World, kind: 'invoice' | 'bill'): Form => ({
  partyId: String(kind === 'invoice' ? w.a.customer.id : w.a.vendor.id),
  issueDate: today,
  dueDate: '2026-04-09',
  amount: '120.00',
  categoryId: String(w.a.byCode(kind === 'invoice' ? '4100' : '5000')),
  memo: 'Matrix',
  reference: '',
});
const freshDocument = async (w: World, kind: 'invoice' | 'bill') =>
  createDocument(w.db, w.a.company.id, kind, {
    partyId: kind === 'invoice' ? w.a.customer.id : w.a.vendor.id,
    issueDate: today,
    dueDate: '2026-04-09',
    amount: '75.00',
    categoryId: w.a.byCode(kind === 'invoice' ? '4100' : '5000'),
  });

/** A new rule of company A, starting after today's date in the tests so no run posts it unasked. */
const freshRule = async (w: World, overrides: Record<string, unknown> = {}) =>
  createRule(w.db, w.a.company.id, ruleFor(w.a, { name: next('Matrix rule'), startDate: '2027-01-01', ...overrides }));
const ruleForm = async (w: World, overrides: Record<string, unknown> = {}): Promise<Form> => ({ ruleId: String((await freshRule(w, overrides)).id) });
/** Company A's own rule, for actions that leave it usable (previews, skips, forced postings): no new rule per call. */
const worldRuleForm = (w: World): Form => ({ ruleId: String(w.a.rule.id) });
/** Company B's rule, reached for from company A. */
const strangerRule = { form: (w: World) => ({ ruleId: String(w.b.rule.id) }), answer: { status: 404 } } as const;

/** A monthly rule in the editor's form fields, for `tenant`. */
const editorRuleForm = (t: World['a'], name: string): Form => ({
  name,
  type: 'invoice',
  partyId: String(t.customer.id),
  categoryId: String(t.byCode('4100')),
  amount: '250.00',
  memo: '',
  cadence: 'monthly',
  intervalMonths: '1',
  dayOfMonth: '31',
  startDate: '2027-01-31',
  dueDays: '30',
  catchUp: 'all',
});
/** A rule of `tenant`, made once per world: its id. */
const savedRule = async (w: World, t: World['a']): Promise<number> => (await createRule(w.db, t.company.id, editorRuleForm(t, next('Rule')) as RuleInput)).id;
/**
 * Company A's rule to edit and company B's for the stranger cases, made by the first `valid` call in each world (the
 * matrix calls `valid` before it asks for a stranger's form, and `stranger.form` cannot wait). One rule each, not
 * one per call: the bad-input test asks for a valid form some hundred times.
 */
const editedRules = new WeakMap<World, { a: number; b: number }>();
const editForm = async (w: World): Promise<Form> => {
  let rules = editedRules.get(w);
  if (!rules) {
    rules = { a: await savedRule(w, w.a), b: await savedRule(w, w.b) };
    editedRules.set(w, rules);
  }
  // The version as saved now: every successful edit moves it on.
  const { version } = await getRuleOrThrow(w.db, w.a.company.id, rules.a);
  return { ...editorRuleForm(w.a, next('Rule')), amount: '260.00', ruleId: String(rules.a), version: String(version) };
};
/** Company A's own fields, so that only the rule id is another company's. */
const strangerEdit = (w: World): Form => {
  const rules = editedRules.get(w);
  if (!rules) throw new Error('the stranger rule is made by valid() first');
  return { ...editorRuleForm(w.a, next('Rule')), ruleId: String(rules.b), version: '1' };
};

const freshMember = async (w: World) =>
  (await addMember(w.auth, w.db, w.a.company.id, { email: `${next('member')}@example.test`, name: 'Fresh member', role: 'viewer' })).member;

/** A new member of company A with `role`, signed in: for actions that change their own caller. */
const freshCaller = async (w: World, role: Role) => {
  const email = `${next('caller')}@example.test`;
  await createUserWithPassword(w.auth, { email, name: 'Fresh caller', password: PASSWORD });
  await addMember(w.auth, w.db, w.a.company.id, { email, name: 'Fresh caller', role });
  return signIn(w.auth, email, PASSWORD);
};

export const ACTIONS: Record<string, ActionCase> = {
  // Each member chooses how they read the reports; it names no record, only the caller's own choice.
  'app/(app)/reports/actions.ts#setReportBasisAction': { role: 'viewer', valid: () => ({ basis: 'cash' }), stranger: null },

  'app/(app)/account/actions.ts#changePasswordAction': {
    role: 'viewer',
    valid: () => ({ currentPassword: PASSWORD, newPassword: `${PASSWORD} v${++unique}` }),
    stranger: null,
    callerFor: freshCaller,
  },

  'app/(app)/actions.ts#switchCompanyAction': {
    role: 'viewer',
    valid: (w) => ({ companyId: w.a.company.id }),
    stranger: { form: (w) => ({ companyId: w.b.company.id }), answer: { status: 404 } },
  },

  'app/(app)/actions.ts#createCompanyAction': {
    role: 'viewer',
    valid: () => ({ name: next('New books'), baseCurrency: 'EUR', timeZone: 'Europe/Paris' }),
    stranger: null,
    // It moves its caller's session to the new company: a caller of its own keeps the world's sessions where they are.
    callerFor: freshCaller,
  },

  'app/(app)/invoices/actions.ts#createInvoiceAction': {
    role: 'accountant',
    valid: (w) => documentForm(w, 'invoice'),
    stranger: { form: (w) => ({ ...documentForm(w, 'invoice'), partyId: String(w.b.customer.id) }), answer: { status: 400, field: 'partyId' } },
  },
  'app/(app)/invoices/actions.ts#createCustomerAction': {
    role: 'accountant',
    valid: () => ({ name: next('Customer'), email: '' }),
    stranger: null,
  },
  'app/(app)/invoices/actions.ts#recordInvoicePaymentAction': {
    role: 'accountant',
    valid: async (w) => ({ documentId: String((await freshDocument(w, 'invoice')).id), amount: '10.00', date: today, memo: '', reference: '' }),
    stranger: { form: (w) => ({ documentId: String(w.b.invoice.id), amount: '10.00', date: today }), answer: { status: 400, field: 'documentId' } },
  },
  'app/(app)/invoices/actions.ts#voidInvoiceEntryAction': {
    role: 'accountant',
    valid: async (w) => ({ entryId: String((await freshDocument(w, 'invoice')).id) }),
    stranger: { form: (w) => ({ entryId: String(w.b.invoice.id) }), answer: { status: 404 } },
  },

  'app/(app)/expenses/actions.ts#createBillAction': {
    role: 'accountant',
    valid: (w) => documentForm(w, 'bill'),
    stranger: { form: (w) => ({ ...documentForm(w, 'bill'), partyId: String(w.b.vendor.id) }), answer: { status: 400, field: 'partyId' } },
  },
  'app/(app)/expenses/actions.ts#createVendorAction': {
    role: 'accountant',
    valid: () => ({ name: next('Vendor'), email: '' }),
    stranger: null,
  },
  'app/(app)/expenses/actions.ts#recordBillPaymentAction': {
    role: 'accountant',
    valid: async (w) => ({ documentId: String((await freshDocument(w, 'bill')).id), amount: '10.00', date: today, memo: '', reference: '' }),
    stranger: { form: (w) => ({ documentId: String(w.b.bill.id), amount: '10.00', date: today }), answer: { status: 400, field: 'documentId' } },
  },
  'app/(app)/expenses/actions.ts#voidBillEntryAction': {
    role: 'accountant',
    valid: async (w) => ({ entryId: String((await freshDocument(w, 'bill')).id) }),
    stranger: { form: (w) => ({ entryId: String(w.b.bill.id) }), answer: { status: 404 } },
  },

  'app/(app)/parties/actions.ts#createPartyAction': {
    role: 'accountant',
    valid: () => ({ kind: 'customer', name: next('Party'), email: 'party@example.test' }),
    stranger: null,
  },

  'app/(app)/settings/company/actions.ts#updateCompanyAction': {
    role: 'owner',
    valid: (w) => ({ name: w.a.company.name, baseCurrency: w.a.company.baseCurrency, timeZone: w.a.company.timeZone ?? '' }),
    stranger: null,
  },
  'app/(app)/settings/company/actions.ts#previewZoneChangeAction': {
    role: 'owner',
    valid: () => ({ timeZone: 'Europe/Paris' }),
    stranger: null,
  },

  'app/(app)/settings/recurring/_editor/actions.ts#createRuleAction': {
    role: 'accountant',
    valid: (w) => editorRuleForm(w.a, next('Rule')),
    stranger: { form: (w) => ({ ...editorRuleForm(w.a, next('Rule')), partyId: String(w.b.customer.id) }), answer: { status: 400, field: 'partyId' } },
  },
  'app/(app)/settings/recurring/_editor/actions.ts#previewRuleDraftAction': {
    role: 'accountant',
    valid: (w) => editorRuleForm(w.a, next('Draft')),
    stranger: { form: (w) => ({ ...editorRuleForm(w.a, next('Draft')), categoryId: String(w.b.byCode('4100')) }), answer: { status: 400, field: 'categoryId' } },
  },
  'app/(app)/settings/recurring/_editor/actions.ts#updateRuleAction': {
    role: 'accountant',
    valid: editForm,
    stranger: { form: strangerEdit, answer: { status: 404 } },
  },
  'app/(app)/settings/recurring/_editor/actions.ts#previewRuleEditAction': {
    role: 'accountant',
    valid: editForm,
    stranger: { form: strangerEdit, answer: { status: 404 } },
  },

  'app/(app)/settings/api-keys/actions.ts#createApiKeyAction': {
    role: 'owner',
    valid: () => ({ name: next('Key'), role: 'viewer' }),
    stranger: null,
  },
  'app/(app)/settings/api-keys/actions.ts#revokeApiKeyAction': {
    role: 'owner',
    valid: async (w) => ({ keyId: (await createApiKey(w.auth, w.db, w.a.company.id, w.a.userId.owner, { name: next('Doomed'), role: 'viewer' })).summary.id }),
    stranger: { form: (w) => ({ keyId: w.b.keyId.viewer }), answer: { status: 404 } },
  },

  'app/(app)/settings/members/actions.ts#addMemberAction': {
    role: 'owner',
    valid: () => ({ email: `${next('new')}@example.test`, name: 'New person', role: 'viewer' }),
    stranger: null,
  },
  'app/(app)/settings/members/actions.ts#changeMemberRoleAction': {
    role: 'owner',
    valid: async (w) => ({ memberId: (await freshMember(w)).id, role: 'accountant' }),
    stranger: { form: (w) => ({ memberId: w.b.memberId.viewer, role: 'owner' }), answer: { status: 404 } },
  },
  'app/(app)/settings/members/actions.ts#removeMemberAction': {
    role: 'owner',
    valid: async (w) => ({ memberId: (await freshMember(w)).id }),
    stranger: { form: (w) => ({ memberId: w.b.memberId.viewer }), answer: { status: 404 } },
  },

  'app/(app)/_reminders/actions.ts#postReminderAction': {
    role: 'accountant',
    valid: async (w) => ({ reminderId: String(await freshReminder(w, 'a')), amount: '12.00' }),
    stranger: { form: async (w) => ({ reminderId: String(await freshReminder(w, 'b')) }), answer: { status: 404 } },
  },
  'app/(app)/_reminders/actions.ts#skipReminderAction': {
    role: 'accountant',
    valid: async (w) => ({ reminderId: String(await freshReminder(w, 'a')), reason: 'Matrix' }),
    stranger: { form: async (w) => ({ reminderId: String(await freshReminder(w, 'b')), reason: 'Matrix' }), answer: { status: 404 } },
  },
  'app/(app)/_reminders/actions.ts#postRemindersAction': {
    role: 'accountant',
    valid: async (w) => ({ ids: `${await freshReminder(w, 'a')},${await freshReminder(w, 'a')}` }),
    stranger: { form: async (w) => ({ ids: String(await freshReminder(w, 'b')) }), answer: { status: 404 } },
  },
  'app/(app)/_reminders/actions.ts#skipRemindersAction': {
    role: 'accountant',
    valid: async (w) => ({ ids: String(await freshReminder(w, 'a')), reason: 'Matrix' }),
    stranger: { form: async (w) => ({ ids: String(await freshReminder(w, 'b')), reason: 'Matrix' }), answer: { status: 404 } },
  },

  'app/(app)/settings/recurring/actions.ts#listRulesAction': {
    role: 'viewer',
    valid: () => ({ type: 'expense', status: 'active', q: 'Matrix' }),
    stranger: null,
  },
  'app/(app)/settings/recurring/actions.ts#previewRuleAction': { role: 'viewer', valid: worldRuleForm, stranger: strangerRule },
  'app/(app)/settings/recurring/actions.ts#pauseRuleAction': {
    role: 'accountant',
    valid: async (w) => ({ ...(await ruleForm(w)), resumeOn: '2027-02-01' }),
    stranger: { form: (w) => ({ ...strangerRule.form(w), resumeOn: '2027-02-01' }), answer: { status: 404 } },
  },
  'app/(app)/settings/recurring/actions.ts#resumeRuleAction': {
    role: 'accountant',
    valid: async (w) => {
      const rule = await freshRule(w);
      await pauseRule(w.db, w.a.company.id, rule.id);
      return { ruleId: String(rule.id) };
    },
    stranger: strangerRule,
  },
  'app/(app)/settings/recurring/actions.ts#skipNextOccurrenceAction': { role: 'accountant', valid: worldRuleForm, stranger: strangerRule },
  'app/(app)/settings/recurring/actions.ts#deleteRuleAction': { role: 'accountant', valid: (w) => ruleForm(w), stranger: strangerRule },
  'app/(app)/settings/recurring/actions.ts#runRuleNowAction': { role: 'accountant', valid: worldRuleForm, stranger: strangerRule, devTools: true },
  'app/(app)/settings/recurring/actions.ts#forceNextOccurrenceAction': { role: 'accountant', valid: worldRuleForm, stranger: strangerRule, devTools: true },
  'app/(app)/settings/recurring/actions.ts#simulateRuleAction': { role: 'viewer', valid: worldRuleForm, stranger: strangerRule, devTools: true },
  'app/(app)/settings/recurring/actions.ts#rawRuleAction': { role: 'viewer', valid: worldRuleForm, stranger: strangerRule, devTools: true },
  'app/(app)/settings/recurring/actions.ts#runDueNowAction': { role: 'accountant', valid: () => ({}), stranger: null, devTools: true },
  'app/(app)/settings/recurring/actions.ts#simulateDueAction': { role: 'viewer', valid: () => ({}), stranger: null, devTools: true },
};

/** A server action anyone may call: why, and a submission an anonymous caller makes, with the status it gets. */
export interface PublicActionCase {
  why: string;
  form: Form;
  status: number;
}

export const PUBLIC_ACTIONS: Record<string, PublicActionCase> = {
  'app/sign-in/actions.ts#signInAction': {
    why: 'signing in, limited per address and per account inside',
    form: { email: 'nobody@example.test', password: 'not anybody’s password' },
    status: 401,
  },
};

export interface RouteRequest {
  /** Path and query, e.g. '/api/parties?kind=customer'. */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
}

export type RouteCase =
  | { kind: 'public'; why: string; request: RouteRequest }
  | { kind: 'job-key'; request: RouteRequest }
  /** A signed-in person by session, in any role of any company; an API key is refused (403). */
  | { kind: 'user'; valid: (w: World) => RouteRequest }
  /** A company route the job key may call too, acting on every company (`POST /api/recurring/run`). */
  | { kind: 'company-or-job-key'; role: Role; request: RouteRequest }
  | {
      kind: 'company';
      role: Role;
      /** A valid request in company A; it may first create what it needs (a document to void, a fresh rule to delete). */
      valid: (w: World) => RouteRequest | Promise<RouteRequest>;
      stranger: null | { request: (w: World) => RouteRequest | Promise<RouteRequest>; answer: StrangerAnswer };
    };

/** A rule of `tenant` starting in 2030 (so nothing posts unless forced), paused when asked: for the rule routes. */
async function freshRouteRule(w: World, tenant: 'a' | 'b', paused = false): Promise<number> {
  const t = w[tenant];
  const rule = await createRule(w.db, t.company.id, {
    name: next('Matrix rule'),
    type: 'expense',
    partyId: t.vendor.id,
    categoryId: t.byCode('5000'),
    amount: '42.00',
    cadence: 'monthly',
    startDate: '2030-01-15',
  });
  if (paused) await pauseRule(w.db, t.company.id, rule.id);
  return rule.id;
}

const ruleBody = (w: World) => ({
  type: 'invoice',
  cadence: 'weekly',
  startDate: '2030-01-04',
  payload: { partyId: w.a.customer.id, amount: '10.00', categoryId: w.a.byCode('4100') },
  options: { weekday: 5 },
});

/** A route on one rule: valid on a fresh rule of company A, and the same request on company B's rule is 404. */
function ruleRoute(role: Role, suffix: string, request: { paused?: boolean; body?: (w: World) => unknown } = {}): RouteCase {
  const on = async (w: World, tenant: 'a' | 'b'): Promise<RouteRequest> => {
    const id = String(await freshRouteRule(w, tenant, request.paused));
    return { path: `/api/recurring/${id}${suffix}`, params: { id }, ...(request.body ? { body: request.body(w) } : {}) };
  };
  return { kind: 'company', role, valid: (w) => on(w, 'a'), stranger: { request: (w) => on(w, 'b'), answer: { status: 404 } } };
}

/**
 * A pending reminder of `tenant`: a remind rule starting in 2030, and the reminder its first occurrence would
 * leave (written directly: the matrix's clock is the real one, and the sweep's own path is tested elsewhere).
 */
async function freshReminder(w: World, tenant: 'a' | 'b'): Promise<number> {
  const t = w[tenant];
  const rule = await createRule(w.db, t.company.id, { ...ruleFor(t, { startDate: '2030-01-15', cadence: 'monthly' }), name: next('Matrix reminder'), mode: 'remind' });
  const [row] = await w.db
    .insert(recurringReminders)
    .values({ companyId: t.company.id, ruleId: rule.id, occurrenceDate: '2030-01-15', dueDate: '2030-01-15', amountMinor: 10000 })
    .returning({ id: recurringReminders.id });
  return row!.id;
}

/** A route on one reminder: valid on a fresh one of company A; the same request on company B's is 404. */
function reminderRoute(suffix: string, body: unknown): RouteCase {
  const on = async (w: World, tenant: 'a' | 'b'): Promise<RouteRequest> => {
    const id = String(await freshReminder(w, tenant));
    return { path: `/api/recurring/reminders/${id}${suffix}`, params: { id }, body };
  };
  return { kind: 'company', role: 'accountant', valid: (w) => on(w, 'a'), stranger: { request: (w) => on(w, 'b'), answer: { status: 404 } } };
}

export const ROUTES: Record<string, RouteCase> = {
  'app/api/health/route.ts#GET': { kind: 'public', why: 'liveness for load balancers and Playwright; counts nothing private', request: { path: '/api/health' } },
  'app/api/recurring/health/route.ts#GET': {
    kind: 'public',
    why: 'scheduler health across companies: problem names only (its counts and rule ids need the job key, tests/recurring-health.test.ts)',
    request: { path: '/api/recurring/health' },
  },
  'app/api/auth/[...all]/route.ts#GET': {
    kind: 'public',
    why: "better-auth's own endpoint: reading the caller's own session (anything else it offers is not served)",
    request: { path: '/api/auth/get-session' },
  },
  'app/api/auth/[...all]/route.ts#POST': {
    kind: 'public',
    why: "better-auth's own endpoints: sign-in (rate-limited) and sign-out",
    request: { path: '/api/auth/sign-out', body: {} },
  },

  'app/api/openapi.json/route.ts#GET': {
    kind: 'public',
    why: 'the published contract: schemas and paths, no data',
    request: { path: '/api/openapi.json' },
  },
  'app/api/problems/[code]/route.ts#GET': {
    kind: 'public',
    why: 'what a problem type URI means: a fixed catalogue, no data',
    request: { path: '/api/problems/not-found', params: { code: 'not-found' } },
  },
  ...Object.fromEntries(
    (['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const).map((method) => [
      `app/api/[...path]/route.ts#${method}`,
      {
        kind: 'public',
        why: 'the JSON 404 of an unknown /api path: it answers the same to everyone and reads nothing',
        request: { path: '/api/no-such-route', params: { path: ['no-such-route'] } as unknown as Record<string, string> },
      } satisfies RouteCase,
    ]),
  ),

  'app/api/recurring/run/route.ts#POST': { kind: 'company-or-job-key', role: 'accountant', request: { path: '/api/recurring/run', body: { dryRun: true } } },
  'app/api/metrics/route.ts#GET': { kind: 'job-key', request: { path: '/api/metrics' } },

  'app/api/company/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/api/company' }), stranger: null },
  'app/api/company/route.ts#PATCH': {
    kind: 'company',
    role: 'owner',
    valid: (w) => ({ path: '/api/company', body: { name: w.a.company.name, baseCurrency: w.a.company.baseCurrency, timeZone: w.a.company.timeZone ?? '' } }),
    stranger: null,
  },
  'app/api/parties/route.ts#GET': {
    kind: 'company',
    role: 'viewer',
    valid: () => ({ path: '/api/parties?kind=customer' }),
    stranger: null,
  },
  'app/api/parties/route.ts#POST': {
    kind: 'company',
    role: 'accountant',
    valid: () => ({ path: '/api/parties', body: { kind: 'vendor', name: next('API vendor') } }),
    stranger: null,
  },
  'app/api/parties/[id]/route.ts#GET': {
    kind: 'company',
    role: 'viewer',
    valid: (w) => ({ path: `/api/parties/${w.a.customer.id}`, params: { id: String(w.a.customer.id) } }),
    stranger: { request: (w) => ({ path: `/api/parties/${w.b.customer.id}`, params: { id: String(w.b.customer.id) } }), answer: { status: 404 } },
  },
  ...ledgerRoutes('invoices', 'invoice'),
  ...ledgerRoutes('expenses', 'bill'),
  // The CSV exports of the list screens (session or API key; a viewer may read). A list names no record.
  'app/(app)/invoices/export/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/invoices/export?status=open' }), stranger: null },
  'app/(app)/expenses/export/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/expenses/export?q=rent' }), stranger: null },
  'app/(app)/parties/export/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/parties/export' }), stranger: null },
  'app/(app)/parties/[id]/export/route.ts#GET': {
    kind: 'company',
    role: 'viewer',
    valid: (w) => ({ path: `/parties/${w.a.customer.id}/export`, params: { id: String(w.a.customer.id) } }),
    stranger: { request: (w) => ({ path: `/parties/${w.b.customer.id}/export`, params: { id: String(w.b.customer.id) } }), answer: { status: 404 } },
  },
  'app/api/payments/[id]/void/route.ts#POST': {
    kind: 'company',
    role: 'accountant',
    valid: async (w) => {
      const doc = await freshDocument(w, 'invoice');
      const payment = await recordPayment(w.db, w.a.company.id, { documentId: doc.id, amount: '10.00', date: today });
      return { path: `/api/payments/${payment.id}/void`, params: { id: String(payment.id) }, body: {} };
    },
    stranger: { request: (w) => ({ path: `/api/payments/${w.b.payment.id}/void`, params: { id: String(w.b.payment.id) }, body: {} }), answer: { status: 404 } },
  },
  'app/api/categories/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/api/categories?type=expense' }), stranger: null },
  'app/api/reports/profit-and-loss/route.ts#GET': {
    kind: 'company',
    role: 'viewer',
    valid: () => ({ path: '/api/reports/profit-and-loss?from=2026-01-01&to=2026-12-31' }),
    stranger: null,
  },
  'app/(app)/reports/profit-and-loss/csv/route.ts#GET': {
    kind: 'company',
    role: 'viewer',
    valid: () => ({ path: '/reports/profit-and-loss/csv?from=2026-01-01&to=2026-12-31&basis=cash' }),
    stranger: null,
  },
  'app/(app)/reports/balance-sheet/csv/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/reports/balance-sheet/csv?asOf=2026-12-31' }), stranger: null },
  'app/(app)/reports/accounts/[accountId]/csv/route.ts#GET': {
    kind: 'company',
    role: 'viewer',
    valid: (w) => {
      const accountId = String(w.a.byCode('4100'));
      return { path: `/reports/accounts/${accountId}/csv?from=2026-01-01&to=2026-12-31`, params: { accountId } };
    },
    stranger: {
      request: (w) => {
        const accountId = String(w.b.byCode('4100'));
        return { path: `/reports/accounts/${accountId}/csv?from=2026-01-01&to=2026-12-31`, params: { accountId } };
      },
      answer: { status: 404 },
    },
  },
  'app/api/reports/balance-sheet/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/api/reports/balance-sheet?asOf=2026-12-31' }), stranger: null },
  'app/api/reports/open-balances/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/api/reports/open-balances?type=invoice' }), stranger: null },
  'app/api/companies/route.ts#POST': {
    kind: 'user',
    valid: () => ({ path: '/api/companies', body: { name: next('Matrix books'), baseCurrency: 'EUR', timeZone: 'Europe/Paris' } }),
  },
  'app/api/session/company/route.ts#PUT': {
    kind: 'user',
    valid: (w) => ({ path: '/api/session/company', body: { companyId: w.a.company.id } }),
  },
  'app/api/documents/[id]/route.ts#GET': {
    kind: 'company',
    role: 'viewer',
    valid: (w) => ({ path: `/api/documents/${w.a.invoice.id}`, params: { id: String(w.a.invoice.id) } }),
    stranger: { request: (w) => ({ path: `/api/documents/${w.b.invoice.id}`, params: { id: String(w.b.invoice.id) } }), answer: { status: 404 } },
  },

  'app/api/recurring/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/api/recurring?status=active&limit=5' }), stranger: null },
  'app/api/recurring/route.ts#POST': { kind: 'company', role: 'accountant', valid: (w) => ({ path: '/api/recurring', body: ruleBody(w) }), stranger: null },
  'app/api/recurring/preview/route.ts#POST': {
    kind: 'company',
    role: 'viewer',
    valid: (w) => ({ path: '/api/recurring/preview?count=2', body: ruleBody(w) }),
    stranger: {
      request: (w) => ({ path: '/api/recurring/preview', body: { ...ruleBody(w), payload: { ...ruleBody(w).payload, partyId: w.b.customer.id } } }),
      answer: { status: 400, field: 'payload.partyId' },
    },
  },
  'app/api/recurring/[id]/route.ts#GET': ruleRoute('viewer', ''),
  'app/api/recurring/[id]/route.ts#PUT': ruleRoute('accountant', '', { body: () => ({ payload: { amount: '43.00' } }) }),
  'app/api/recurring/[id]/route.ts#DELETE': ruleRoute('accountant', ''),
  'app/api/recurring/[id]/occurrences/route.ts#GET': ruleRoute('viewer', '/occurrences?count=2'),
  'app/api/recurring/[id]/history/route.ts#GET': ruleRoute('viewer', '/history'),
  'app/api/recurring/[id]/pause/route.ts#POST': ruleRoute('accountant', '/pause', { body: () => ({ resumeOn: '2030-06-01' }) }),
  'app/api/recurring/[id]/resume/route.ts#POST': ruleRoute('accountant', '/resume', { paused: true }),
  'app/api/recurring/[id]/skip-next/route.ts#POST': ruleRoute('accountant', '/skip-next'),
  'app/api/recurring/[id]/force/route.ts#POST': ruleRoute('accountant', '/force'),
  'app/api/recurring/reminders/route.ts#GET': { kind: 'company', role: 'viewer', valid: () => ({ path: '/api/recurring/reminders?limit=5' }), stranger: null },
  'app/api/recurring/reminders/[id]/post/route.ts#POST': reminderRoute('/post', { amount: '12.00' }),
  'app/api/recurring/reminders/[id]/skip/route.ts#POST': reminderRoute('/skip', { reason: 'Matrix' }),
};

/**
 * The invoice and expense routes (twins over the ledger's two document kinds): listing and reading are for
 * viewers, writing for accountants; another company's document, or its party in a new one, is as if missing.
 */
function ledgerRoutes(segment: 'invoices' | 'expenses', kind: 'invoice' | 'bill'): Record<string, RouteCase> {
  const dir = `app/api/${segment}`;
  const theirs = (w: World) => (kind === 'invoice' ? w.b.invoice : w.b.bill);
  const body = (w: World) => {
    const form = documentForm(w, kind);
    return { partyId: Number(form.partyId), categoryId: Number(form.categoryId), issueDate: form.issueDate!, dueDate: form.dueDate!, amount: form.amount!, memo: 'Matrix' };
  };
  const onDocument = (suffix: string, id: number, extra: Partial<RouteRequest> = {}): RouteRequest => ({
    path: `/api/${segment}/${id}${suffix}`,
    params: { id: String(id) },
    ...extra,
  });
  return {
    [`${dir}/route.ts#GET`]: { kind: 'company', role: 'viewer', valid: () => ({ path: `/api/${segment}?status=open&status=paid` }), stranger: null },
    [`${dir}/route.ts#POST`]: {
      kind: 'company',
      role: 'accountant',
      valid: (w) => ({ path: `/api/${segment}`, body: body(w) }),
      stranger: {
        request: (w) => ({ path: `/api/${segment}`, body: { ...body(w), partyId: kind === 'invoice' ? w.b.customer.id : w.b.vendor.id } }),
        answer: { status: 400, field: 'partyId' },
      },
    },
    [`${dir}/[id]/route.ts#GET`]: {
      kind: 'company',
      role: 'viewer',
      valid: (w) => onDocument('', kind === 'invoice' ? w.a.invoice.id : w.a.bill.id),
      stranger: { request: (w) => onDocument('', theirs(w).id), answer: { status: 404 } },
    },
    [`${dir}/[id]/payments/route.ts#POST`]: {
      kind: 'company',
      role: 'accountant',
      valid: async (w) => onDocument('/payments', (await freshDocument(w, kind)).id, { body: { amount: '10.00', date: today } }),
      stranger: { request: (w) => onDocument('/payments', theirs(w).id, { body: { amount: '10.00', date: today } }), answer: { status: 404 } },
    },
    [`${dir}/[id]/void/route.ts#POST`]: {
      kind: 'company',
      role: 'accountant',
      valid: async (w) => onDocument('/void', (await freshDocument(w, kind)).id, { body: {} }),
      stranger: { request: (w) => onDocument('/void', theirs(w).id, { body: {} }), answer: { status: 404 } },
    },
  };
}

/** Pages anyone may see; every other page must sit under app/(app), whose context redirects to sign-in. */
export const PUBLIC_PAGES: Record<string, string> = {
  'app/sign-in/page.tsx': 'the sign-in form itself',
  'app/api/docs/page.tsx': 'the API reference, drawn from the public /api/openapi.json: no data',
};
