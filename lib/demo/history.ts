import type { Db } from '@/db/client';
import { addDays, addMonths, daysInMonth, getWeekday } from '@/lib/dates/calendar-date';
import { createDocument } from '@/lib/ledger/documents';
import { recordPayment } from '@/lib/ledger/payments';

/**
 * Twelve months of the demo studio's books before its recurring rules take over, all dated relative to the seed's
 * `today` so the demo stays alive, and all fixed for a given today (no randomness). The rent and payroll rules
 * start this month (see seed.ts), so the manual rent and payroll bills stop at last month: one document per rent
 * month, never two. Every cash movement is a payment, and the studio is paid before it pays, so cash never goes
 * below zero on any day.
 */

export interface DemoParties {
  acme: number;
  globex: number;
  initech: number;
  landlord: number;
  cloud: number;
  power: number;
  payroll: number;
}

interface DocumentPlan {
  kind: 'invoice' | 'bill';
  partyId: number;
  issueDate: string;
  terms: number;
  amount: string;
  category: string;
  memo: string;
  /** Payments as [date, amount]; a date after today is left out (the document stays open). */
  payments: [string, string][];
}

/** The first day of the month `monthsBack` months before `today`'s month. */
export function monthStartBefore(today: string, monthsBack: number): string {
  return addMonths(`${today.slice(0, 7)}-01`, -monthsBack);
}

/** The last day of the month that starts on `first`. */
function endOfMonth(first: string): string {
  return `${first.slice(0, 8)}${String(daysInMonth(Number(first.slice(0, 4)), Number(first.slice(5, 7)))).padStart(2, '0')}`;
}

/** The last Friday of the month that starts on `first` (the payroll rule's day). */
function lastFriday(first: string): string {
  const last = endOfMonth(first);
  return addDays(last, -((getWeekday(last) - 5 + 7) % 7));
}

// Amounts per month, oldest first: a studio's uneven project work, fixed so the demo is the same for a given today.
const SPRINT_AMOUNTS = ['12,400.00', '13,150.00', '11,800.00', '14,200.00', '12,950.00', '13,600.00', '12,100.00', '14,750.00', '13,300.00', '12,600.00'];
const POWER_AMOUNTS = ['231.18', '254.06', '268.41', '241.77', '198.52', '176.34', '169.90', '188.25', '215.63', '236.40', '222.19', '207.85'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthName = (first: string) => `${MONTH_NAMES[Number(first.slice(5, 7)) - 1]} ${first.slice(0, 4)}`;

/** The month-by-month plan: 12 months back to last month. Rent and payroll are paid on their day. */
function monthlyPlans(today: string, p: DemoParties): DocumentPlan[] {
  const plans: DocumentPlan[] = [];
  for (let back = 12; back >= 1; back--) {
    const first = monthStartBefore(today, back);
    const nth = 12 - back; // 0 for the oldest month
    const on = (day: number) => addDays(first, day - 1);
    // Design sprints for Acme until the weekly retainer rule replaced them (months 12 to 3 back).
    if (back >= 3) {
      const issue = on(3);
      plans.push({ kind: 'invoice', partyId: p.acme, issueDate: issue, terms: 30, amount: SPRINT_AMOUNTS[nth]!, category: '4100', memo: `Design sprint, ${monthName(first)}`, payments: [[back === 7 ? addDays(issue, 50) : addDays(issue, 10), SPRINT_AMOUNTS[nth]!]] });
    }
    // Initech workshops every other month; one paid late (5 months back).
    if (back % 2 === 0) {
      const issue = on(15);
      plans.push({ kind: 'invoice', partyId: p.initech, issueDate: issue, terms: 14, amount: '3,600.00', category: '4100', memo: `Data workshop, ${monthName(first)}`, payments: [[back === 6 ? addDays(issue, 40) : addDays(issue, 12), '3,600.00']] });
    }
    // Globex's quarterly support before the rule took it over (the rule starts 4 months back).
    if (back === 10 || back === 7) {
      plans.push({ kind: 'invoice', partyId: p.globex, issueDate: on(1), terms: 30, amount: '3,000.00', category: '4200', memo: 'Quarterly support plan', payments: [[on(28), '3,000.00']] });
    }
    const rentDay = endOfMonth(first);
    plans.push({ kind: 'bill', partyId: p.landlord, issueDate: rentDay, terms: 0, amount: '2,750.00', category: '5000', memo: `Studio rent, ${monthName(first)}`, payments: [[rentDay, '2,750.00']] });
    const payday = lastFriday(first);
    plans.push({ kind: 'bill', partyId: p.payroll, issueDate: payday, terms: 0, amount: '8,400.00', category: '5100', memo: `Payroll, ${monthName(first)}`, payments: [[payday, '8,400.00']] });
    if (back >= 2) {
      plans.push({ kind: 'bill', partyId: p.cloud, issueDate: on(1), terms: 15, amount: '389.99', category: '5200', memo: 'Hosting and backups', payments: [[on(16), '389.99']] });
    }
    plans.push({ kind: 'bill', partyId: p.power, issueDate: on(10), terms: 21, amount: POWER_AMOUNTS[nth]!, category: '5300', memo: `Electricity, ${monthName(first)}`, payments: [[on(28), POWER_AMOUNTS[nth]!]] });
  }
  return plans;
}

/** The recent documents, by days from today: what the aging buckets show, and a customer credit. */
function recentPlans(today: string, p: DemoParties): DocumentPlan[] {
  const day = (offset: number) => addDays(today, offset);
  return [
    // Over 90 days past due: a workshop Initech never paid.
    { kind: 'invoice', partyId: p.initech, issueDate: day(-130), terms: 14, amount: '1,800.00', category: '4100', memo: 'Workshop follow-up sessions', payments: [] },
    // 61–90 days past due, part-paid.
    { kind: 'invoice', partyId: p.acme, issueDate: day(-95), terms: 30, amount: '3,200.00', category: '4300', memo: 'Icon set license', payments: [[day(-60), '2,000.00']] },
    // Overpaid: the customer credit of 200.00.
    { kind: 'invoice', partyId: p.acme, issueDate: day(-60), terms: 30, amount: '4,800.00', category: '4100', memo: 'Website redesign, phase 1', payments: [[day(-35), '5,000.00']] },
    // 1–30 days past due, part-paid.
    { kind: 'invoice', partyId: p.globex, issueDate: day(-40), terms: 30, amount: '1,250.00', category: '4200', memo: 'Annual support plan', payments: [[day(-10), '500.00']] },
    { kind: 'invoice', partyId: p.initech, issueDate: day(-20), terms: 14, amount: '3,600.00', category: '4100', memo: 'Data migration workshop', payments: [[day(-2), '3,600.00']] },
    // Current (not yet due).
    { kind: 'invoice', partyId: p.acme, issueDate: day(-5), terms: 30, amount: '2,400.00', category: '4300', memo: 'Design system license', payments: [] },
    // Bills: 31–60 days past due (disputed), 1–30 part-paid, and current.
    { kind: 'bill', partyId: p.power, issueDate: day(-70), terms: 21, amount: '96.40', category: '5300', memo: 'Meter reading correction (disputed)', payments: [] },
    { kind: 'bill', partyId: p.cloud, issueDate: day(-25), terms: 15, amount: '389.99', category: '5200', memo: 'Hosting and backups', payments: [[day(-8), '200.00']] },
    { kind: 'bill', partyId: p.power, issueDate: day(-12), terms: 21, amount: '214.37', category: '5300', memo: 'Electricity', payments: [] },
  ];
}

/**
 * Posts the plans in date order (documents before payments on the same day, so a payment never precedes its
 * document), with payments dated after today left out.
 */
export async function seedDemoHistory(db: Db, companyId: string, today: string, parties: DemoParties, code: (c: string) => number): Promise<void> {
  const plans = [...monthlyPlans(today, parties), ...recentPlans(today, parties)].sort((a, b) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0));
  const payments: { date: string; amount: string; documentId: number }[] = [];
  for (const plan of plans) {
    const doc = await createDocument(db, companyId, plan.kind, {
      partyId: plan.partyId, issueDate: plan.issueDate, dueDate: addDays(plan.issueDate, plan.terms), amount: plan.amount, categoryId: code(plan.category), memo: plan.memo,
    });
    for (const [date, amount] of plan.payments) if (date <= today) payments.push({ date, amount, documentId: doc.id });
  }
  payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const payment of payments) await recordPayment(db, companyId, payment);
}
