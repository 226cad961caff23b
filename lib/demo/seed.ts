import { count } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { companies } from '@/db/schema/ledger';
import { addDays, todayInZone } from '@/lib/dates/calendar-date';
import { listAccounts } from '@/lib/ledger/accounts';
import { createCompany, type Company } from '@/lib/ledger/companies';
import { createDocument } from '@/lib/ledger/documents';
import { createParty } from '@/lib/ledger/parties';
import { seedDemoHistory, monthStartBefore, type DemoParties } from './history';
import { recordPayment } from '@/lib/ledger/payments';
import { createRule, setPauseUntil } from '@/lib/recurring/rules';
import { generateRandomString } from 'better-auth/crypto';
import type { Auth } from '@/lib/auth/auth';
import { addMember, createUserWithPassword } from '@/lib/auth/members';

const DEMO_COMPANY_NAME = 'Northwind Studio';
const DEMO_TIME_ZONE = 'America/New_York';
const SECOND_DEMO_COMPANY_NAME = 'Lakeside Bakery';
const SECOND_DEMO_TIME_ZONE = 'Europe/Paris';
/** The demo owner's sign-in (`.test` is reserved: it never reaches a real mailbox). */
export const DEMO_USER_EMAIL = 'demo@ailegr.test';
export const DEMO_USER_NAME = 'Demo Owner';
const DEMO_PASSWORD_LENGTH = 20; // letters and digits: ~119 bits

/** True when the database has no company yet: the first run of a fresh install. */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(companies);
  return (row?.n ?? 0) === 0;
}

/**
 * Creates the demo company (New York time): a small design studio with twelve months of invoices, bills and
 * payments dated around `today` (lib/demo/history.ts), so the charts and aging show something real, and one
 * recurring rule of every kind that carries the books on from there.
 */
export async function seedDemoCompany(db: Db, now: Date): Promise<Company> {
  const company = await createCompany(db, { name: DEMO_COMPANY_NAME, baseCurrency: 'USD', timeZone: DEMO_TIME_ZONE });
  const today = todayInZone(now, DEMO_TIME_ZONE);
  const chart = await listAccounts(db, company.id);
  const code = (c: string) => chart.find((a) => a.code === c)!.id;

  const customer = async (name: string, email: string) => (await createParty(db, company.id, { kind: 'customer', name, email })).id;
  const vendor = async (name: string) => (await createParty(db, company.id, { kind: 'vendor', name })).id;
  const parties: DemoParties = {
    acme: await customer('Acme Corp', 'ap@acme.example'),
    globex: await customer('Globex Ltd', 'billing@globex.example'),
    initech: await customer('Initech', 'finance@initech.example'),
    landlord: await vendor('Harbor Properties'),
    cloud: await vendor('CloudHost Inc'),
    power: await vendor('City Power & Light'),
    payroll: await vendor('Gusto Payroll'),
  };
  await seedDemoHistory(db, company.id, today, parties, code);
  await seedDemoRules(db, company.id, today, parties, code);
  return company;
}

/**
 * One recurring rule of every kind, most started in the past so the first sweep posts (and skips) something real:
 * month-end rent, last-Friday payroll, a weekly and a quarterly invoice, a Feb 29 annual invoice, and a daily
 * expense with a pauseUntil. Rent and payroll start this month: the history holds them, by hand, up to last month.
 */
async function seedDemoRules(db: Db, companyId: string, today: string, p: DemoParties, code: (c: string) => number) {
  const thisMonth = monthStartBefore(today, 0);
  await createRule(db, companyId, {
    name: 'Studio rent', type: 'expense', partyId: p.landlord, categoryId: code('5000'), amount: '2,750.00',
    cadence: 'monthly', dayOfMonth: 31, startDate: thisMonth, memo: 'Monthly studio rent, due on the last day',
  });
  await createRule(db, companyId, {
    name: 'Payroll', type: 'expense', partyId: p.payroll, categoryId: code('5100'), amount: '8,400.00',
    cadence: 'monthly', nthWeek: 5, nthWeekday: 5, startDate: thisMonth, memo: 'Payroll on the last Friday',
  });
  await createRule(db, companyId, {
    name: 'Weekly retainer', type: 'invoice', partyId: p.acme, categoryId: code('4100'), amount: '1,500.00',
    cadence: 'weekly', weekday: 1, startDate: addDays(today, -42), dueDays: 14, memo: 'Weekly design retainer',
  });
  await createRule(db, companyId, {
    name: 'Quarterly support', type: 'invoice', partyId: p.globex, categoryId: code('4200'), amount: '3,000.00',
    cadence: 'monthly', intervalMonths: 3, dayOfMonth: 1, startDate: monthStartBefore(today, 4), dueDays: 30, memo: 'Quarterly support plan',
  });
  await createRule(db, companyId, {
    name: 'Leap-day license', type: 'invoice', partyId: p.initech, categoryId: code('4300'), amount: '999.00',
    cadence: 'annual', startDate: '2024-02-29', dueDays: 30, memo: 'Annual license, renewed on Feb 29 (Feb 28 in common years)',
  });
  const daily = await createRule(db, companyId, {
    name: 'Cloud usage', type: 'expense', partyId: p.cloud, categoryId: code('5200'), amount: '12.40',
    cadence: 'daily', startDate: addDays(today, -10), memo: 'Daily metered hosting',
  });
  await setPauseUntil(db, companyId, daily.id, { pauseUntil: addDays(today, -7) });
}

/**
 * A second, smaller demo company (euros, Paris time) so the company switcher has somewhere to go and shows that
 * each company's books are its own: a café's weekly bread invoices (four paid, this week's open) and a paid flour
 * bill, paid from what the café paid first (cash never below zero).
 */
async function seedSecondDemoCompany(db: Db, now: Date): Promise<Company> {
  const company = await createCompany(db, { name: SECOND_DEMO_COMPANY_NAME, baseCurrency: 'EUR', timeZone: SECOND_DEMO_TIME_ZONE });
  const today = todayInZone(now, SECOND_DEMO_TIME_ZONE);
  const chart = await listAccounts(db, company.id);
  const code = (c: string) => chart.find((a) => a.code === c)!.id;
  const cafe = (await createParty(db, company.id, { kind: 'customer', name: 'Café du Lac', email: 'compta@cafedulac.example' })).id;
  const mill = (await createParty(db, company.id, { kind: 'vendor', name: 'Moulin Farine SARL' })).id;
  const bread = (issueOffset: number) =>
    createDocument(db, company.id, 'invoice', {
      partyId: cafe, issueDate: addDays(today, issueOffset), dueDate: addDays(today, issueOffset + 30), amount: '640.00', categoryId: code('4300'), memo: 'Weekly bread and pastries',
    });
  // Four weeks delivered and paid a week later, so the bakery has the cash for its flour; this week's is open.
  const delivered = [];
  for (const offset of [-34, -27, -20, -13]) delivered.push({ doc: await bread(offset), paidOn: addDays(today, offset + 7) });
  await bread(-6);
  const flour = await createDocument(db, company.id, 'bill', {
    partyId: mill, issueDate: addDays(today, -15), dueDate: addDays(today, -1), amount: '318.50', categoryId: code('5400'), memo: 'Flour, 25 kg sacks',
  });
  for (const { doc, paidOn } of delivered) await recordPayment(db, company.id, { documentId: doc.id, amount: '640.00', date: paidOn });
  await recordPayment(db, company.id, { documentId: flour.id, amount: '318.50', date: addDays(today, -3) });
  return company;
}

/** Creates the demo user with `password` (hashed by the library) as owner of each given company, in order. */
async function seedDemoUser(auth: Auth, db: Db, companyIds: string[], password: string): Promise<void> {
  await createUserWithPassword(auth, { email: DEMO_USER_EMAIL, name: DEMO_USER_NAME, password });
  for (const companyId of companyIds) {
    await addMember(auth, db, companyId, { email: DEMO_USER_EMAIL, name: DEMO_USER_NAME, role: 'owner' });
  }
}

export interface SeededDemo {
  companies: Company[];
  /** The demo user's password in clear when it was generated here; null when the caller chose it. */
  generatedPassword: string | null;
}

/**
 * The whole first-run demo: both demo companies and the demo user owning them. `password` null generates one
 * (returned once, for the caller to print).
 */
export async function seedDemo(auth: Auth, db: Db, now: Date, password: string | null): Promise<SeededDemo> {
  const first = await seedDemoCompany(db, now);
  const second = await seedSecondDemoCompany(db, now);
  const generatedPassword = password ? null : generateRandomString(DEMO_PASSWORD_LENGTH, 'a-z', 'A-Z', '0-9');
  await seedDemoUser(auth, db, [first.id, second.id], password ?? generatedPassword!);
  return { companies: [first, second], generatedPassword };
}
