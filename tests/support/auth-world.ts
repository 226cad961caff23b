import { count, sql } from 'drizzle-orm';
import type { DatabaseHandle, Db } from '@/db/client';
import { apiKeys, companyMembers, sessions, users } from '@/db/schema/auth';
import { companies, journalEntries, journalLines, parties } from '@/db/schema/ledger';
import { createApiKey } from '@/lib/auth/api-keys';
import { createAuth, type Auth } from '@/lib/auth/auth';
import { clientAddressHeader } from '@/lib/auth/client-address';
import { addMember, createUserWithPassword } from '@/lib/auth/members';
import type { ApiKeyRole, Role } from '@/lib/auth/roles';
import { createDocument, type DocumentRow } from '@/lib/ledger/documents';
import { recordPayment } from '@/lib/ledger/payments';
import { markReady } from '@/lib/server/ready';
import type { RuleRow } from '@/lib/recurring/rule-state';
import { createRule } from '@/lib/recurring/rules';
import { seedCompany } from './fixtures';
import { ruleFor } from './recurring-fixtures';

export const ORIGIN = 'http://localhost:3000';
export const PASSWORD = 'correct horse battery staple';

/**
 * Points the app's process-wide singletons (database, auth) at a test database, so route handlers and server
 * actions run unchanged against it. The names are the `globalThis` keys of db/client.ts and lib/auth/auth.ts.
 * The process is marked ready as boot would mark it: the test database is already migrated.
 */
export function bindAppToDatabase(handle: DatabaseHandle): Auth {
  const auth = createAuth(handle.db);
  const g = globalThis as Record<string, unknown>;
  g.ailegrDb = Promise.resolve(handle);
  g.ailegrAuth = Promise.resolve(auth);
  markReady();
  return auth;
}

let addressCounter = 0;
/** A fresh client address per call, so the per-address sign-in limit never trips a test by accident. */
export function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/**
 * The header the app's HTTP server adds to a request from `address` (lib/auth/client-address.ts); a request built
 * in a test never passes that server, so it carries the header itself. null: no recorded address.
 */
export function fromAddress(address: string | null): Record<string, string> {
  return address === null ? {} : { [clientAddressHeader()]: address };
}

/** Signs in over HTTP through better-auth's handler (its rate limiters and hooks included), from `address`. */
export async function signInRequest(
  auth: Auth,
  email: string,
  password: string,
  address: string | null = nextAddress(),
  headers: Record<string, string> = {},
): Promise<Response> {
  return auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...fromAddress(address), ...headers },
      body: JSON.stringify({ email, password }),
    }),
  );
}

/** The session cookie (`name=value`) of a successful sign-in. */
export async function signIn(auth: Auth, email: string, password = PASSWORD): Promise<string> {
  const response = await signInRequest(auth, email, password);
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie;
}

interface Tenant {
  company: Awaited<ReturnType<typeof seedCompany>>['company'];
  customer: Awaited<ReturnType<typeof seedCompany>>['customer'];
  vendor: Awaited<ReturnType<typeof seedCompany>>['vendor'];
  byCode: (code: string) => number;
  /** Session cookie of a member with each role. */
  cookie: Record<Role, string>;
  userId: Record<Role, string>;
  memberId: Record<Role, string>;
  /** An API key with each key role. */
  key: Record<ApiKeyRole, string>;
  keyId: Record<ApiKeyRole, string>;
  /** An open invoice and bill, and a payment on a second invoice: records to reach for from the other company. */
  invoice: DocumentRow;
  bill: DocumentRow;
  payment: { id: number };
  /** A recurring rule, starting in 2027 so that no run posts it unasked. */
  rule: RuleRow;
}

export interface World {
  auth: Auth;
  db: Db;
  a: Tenant;
  b: Tenant;
}

/**
 * Two companies, A and B, each with an owner, an accountant and a viewer (signed in), an accountant and a viewer
 * API key, and a few records. Nobody belongs to both, so every cross-company attempt is a stranger's.
 */
export async function buildWorld(handle: DatabaseHandle, tag = 'w'): Promise<World> {
  const auth = bindAppToDatabase(handle);
  const db = handle.db;
  const tenant = async (label: 'A' | 'B'): Promise<Tenant> => {
    const seeded = await seedCompany(db, `Company ${label} ${tag}`);
    const cookie = {} as Record<Role, string>;
    const userId = {} as Record<Role, string>;
    const memberId = {} as Record<Role, string>;
    for (const role of ['owner', 'accountant', 'viewer'] as const) {
      const email = `${role}.${label}.${tag}@example.test`.toLowerCase();
      await createUserWithPassword(auth, { email, name: `${role} ${label}`, password: PASSWORD });
      const { member } = await addMember(auth, db, seeded.company.id, { email, name: `${role} ${label}`, role });
      userId[role] = member.userId;
      memberId[role] = member.id;
      cookie[role] = await signIn(auth, email);
    }
    const key = {} as Record<ApiKeyRole, string>;
    const keyId = {} as Record<ApiKeyRole, string>;
    for (const role of ['accountant', 'viewer'] as const) {
      const created = await createApiKey(auth, db, seeded.company.id, userId.owner, { name: `${role} key ${label}`, role });
      key[role] = created.key;
      keyId[role] = created.summary.id;
    }
    const doc = (kind: 'invoice' | 'bill', amount: string) =>
      createDocument(db, seeded.company.id, kind, {
        partyId: kind === 'invoice' ? seeded.customer.id : seeded.vendor.id,
        issueDate: '2026-03-02',
        dueDate: '2026-04-01',
        amount,
        categoryId: seeded.byCode(kind === 'invoice' ? '4100' : '5000'),
      });
    const invoice = await doc('invoice', '500.00');
    const bill = await doc('bill', '200.00');
    const paid = await doc('invoice', '300.00');
    const payment = await recordPayment(db, seeded.company.id, { documentId: paid.id, amount: '100.00', date: '2026-03-05' });
    const rule = await createRule(db, seeded.company.id, ruleFor(seeded, { name: `Rule ${label}`, startDate: '2027-01-01' }));
    return { ...seeded, cookie, userId, memberId, key, keyId, invoice, bill, payment, rule };
  };
  return { auth, db, a: await tenant('A'), b: await tenant('B') };
}

/**
 * Everything an authorization or bad-input case could change, in one comparable value: "nothing changed" is
 * asserted by comparing a fingerprint before and after.
 */
export async function fingerprint(db: Db) {
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? -1;
  const text = async (expr: ReturnType<typeof sql>) => {
    const result = (await db.execute(sql`select ${expr} as v`)) as unknown as { v: string | null }[] | { rows: { v: string | null }[] };
    return (Array.isArray(result) ? result : result.rows)[0]?.v ?? null;
  };
  return {
    companies: await text(sql`(select string_agg(name || '|' || base_currency || '|' || coalesce(time_zone, ''), ',' order by id) from companies)`),
    entries: await one(db.select({ n: count() }).from(journalEntries)),
    lines: await one(db.select({ n: count() }).from(journalLines)),
    settled: await text(sql`(select string_agg(id || ':' || coalesce(status::text, '') || ':' || paid_minor, ',' order by id) from journal_entries)`),
    parties: await one(db.select({ n: count() }).from(parties)),
    users: await one(db.select({ n: count() }).from(users)),
    members: await text(sql`(select string_agg(company_id || ':' || user_id || ':' || role, ',' order by id) from company_members)`),
    keys: await text(sql`(select string_agg(id || ':' || enabled, ',' order by id) from api_keys)`),
    activeCompanies: await text(sql`(select string_agg(coalesce(active_company_id::text, '-'), ',' order by id) from sessions)`),
    rules: await text(
      sql`(select string_agg(id || ':' || status || ':' || version || ':' || coalesce(next_occurrence::text, '-') || ':' || coalesce(resume_on::text, '-') || ':' || coalesce(deleted_at::text, '-'), ',' order by id) from recurring_rules)`,
    ),
    ruleEvents: await text(sql`(select count(*)::text from recurring_events)`),
    sweepRuns: await text(sql`(select count(*)::text from recurring_runs)`),
    counts: {
      companies: await one(db.select({ n: count() }).from(companies)),
      members: await one(db.select({ n: count() }).from(companyMembers)),
      keys: await one(db.select({ n: count() }).from(apiKeys)),
      sessions: await one(db.select({ n: count() }).from(sessions)),
    },
  };
}
