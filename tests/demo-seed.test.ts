import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql-batch';
import { todayInZone } from '@/lib/dates/calendar-date';
import { seedDemo, seedDemoCompany } from '@/lib/demo/seed';
import { balanceSheet } from '@/lib/ledger/reports';
import { runDueRules } from '@/lib/recurring/sweep';
import { bindAppToDatabase } from './support/auth-world';
import { setDatabaseClock } from './support/db-clock';
import { openTestDatabase, type TestDatabase } from './support/test-db';

// Issue 13, "Demo data that is right and alive": October's rent was entered by hand AND posted by the rent rule,
// Lakeside Bakery showed cash of −€318.50, and the Overview had no history to chart. The demo is seeded as of
// several "todays" (a month end, a leap day, mid-month) and its first sweep run, then its books are checked.

interface DocumentRow {
  company: string;
  kind: 'invoice' | 'bill';
  partyName: string;
  category: string;
  entryDate: string;
  amountMinor: string;
  ruleId: string | null;
}

async function documentsOf(h: TestDatabase): Promise<DocumentRow[]> {
  return rowsOf<DocumentRow>(
    await h.db.execute(sql`
      select c.name as company, e.kind, p.name as "partyName", a.code as category, e.entry_date::text as "entryDate",
             e.amount_minor::text as "amountMinor", e.rule_id::text as "ruleId"
      from journal_entries e
      join companies c on c.id = e.company_id
      join parties p on p.company_id = e.company_id and p.id = e.party_id
      join accounts a on a.company_id = e.company_id and a.id = e.category_account_id
      where e.kind in ('invoice', 'bill')
      order by c.name, e.entry_date, e.id`),
  );
}

/** Each company's cash balance at the end of every day on which cash moved, oldest first. */
async function cashByDay(h: TestDatabase): Promise<{ company: string; day: string; balance: string }[]> {
  return rowsOf(
    await h.db.execute(sql`
      select company, day, (sum(net) over (partition by company order by day))::text as balance
      from (
        select c.name as company, e.entry_date::text as day, sum(l.amount_minor) as net
        from journal_lines l
        join journal_entries e on e.company_id = l.company_id and e.id = l.entry_id
        join accounts a on a.company_id = l.company_id and a.id = l.account_id
        join companies c on c.id = l.company_id
        where a.role = 'cash'
        group by c.name, e.entry_date
      ) daily
      order by company, day`),
  );
}

const NOWS = [
  // Today, as this was written: Dec 1 in New York, the day after a month-end rent.
  '2026-12-01T21:00:00Z',
  // Mid-month (the sign-in test's demo instant).
  '2026-03-10T12:00:00Z',
  // A month's last day in New York (July 31, 16:00): the rent rule's first posting is today.
  '2026-07-31T20:00:00Z',
  // Feb 29, 2028 (23:00 in New York, already Mar 1 in Paris).
  '2028-03-01T04:00:00Z',
];

describe.each(NOWS)('the demo seeded at %s, after its first sweep', (now) => {
  let h: TestDatabase;
  let documents: DocumentRow[];
  const today = todayInZone(new Date(now), 'America/New_York');
  beforeAll(async () => {
    h = await openTestDatabase('pglite', { clock: true });
    await setDatabaseClock(h.db, now);
    await seedDemo(bindAppToDatabase(h), h.db, new Date(now), 'a chosen demo password');
    const summary = await runDueRules(h.db, { trigger: 'manual' });
    expect(summary.failures).toBe(0);
    expect(summary.posted).toBeGreaterThan(0);
    documents = await documentsOf(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the books balance: every entry nets to zero and each company’s balance sheet balances today', async () => {
    const unbalanced = rowsOf(
      await h.db.execute(sql`select entry_id from journal_lines group by company_id, entry_id having sum(amount_minor) <> 0`),
    );
    expect(unbalanced).toEqual([]);
    const companies = rowsOf<{ id: string; name: string; time_zone: string }>(await h.db.execute(sql`select id, name, time_zone from companies`));
    expect(companies.map((c) => c.name).sort()).toEqual(['Lakeside Bakery', 'Northwind Studio']);
    for (const company of companies) {
      const bs = await balanceSheet(h.db, company.id, todayInZone(new Date(now), company.time_zone));
      expect(bs.balanced, company.name).toBe(true);
    }
  });

  it('cash never goes below zero at the end of any day, so at no month end either, in either company', async () => {
    const days = await cashByDay(h);
    expect(days.filter((d) => BigInt(d.balance) < 0n)).toEqual([]);
    // Both companies' cash moved (the history is real): the bakery was paid before it paid for flour.
    expect(new Set(days.map((d) => d.company))).toEqual(new Set(['Lakeside Bakery', 'Northwind Studio']));
  });

  it('one rent bill and one payroll bill per month, by hand up to last month and by the rules from this month', () => {
    const northwind = documents.filter((d) => d.company === 'Northwind Studio');
    for (const [party, category] of [['Harbor Properties', '5000'], ['Gusto Payroll', '5100']] as const) {
      const bills = northwind.filter((d) => d.partyName === party && d.category === category);
      const months = bills.map((d) => d.entryDate.slice(0, 7));
      expect(new Set(months).size, party).toBe(months.length);
      // Twelve months of history, then only rule postings (none dated after today).
      const manual = bills.filter((d) => d.ruleId === null);
      expect(manual, party).toHaveLength(12);
      expect(manual.every((d) => d.entryDate < `${today.slice(0, 7)}-01`), party).toBe(true);
      expect(bills.filter((d) => d.ruleId !== null).every((d) => d.entryDate >= `${today.slice(0, 7)}-01` && d.entryDate <= today), party).toBe(true);
    }
  });

  it('no rule posting has a manual document for the same party, category and amount in the same month', () => {
    const key = (d: DocumentRow) => `${d.company}|${d.partyName}|${d.category}|${d.amountMinor}|${d.entryDate.slice(0, 7)}`;
    const posted = documents.filter((d) => d.ruleId !== null);
    expect(posted.length).toBeGreaterThan(0);
    const manual = new Set(documents.filter((d) => d.ruleId === null).map(key));
    expect(posted.filter((d) => manual.has(key(d)))).toEqual([]);
  });

  it('twelve months of history: revenue and expenses in each of the last twelve months', () => {
    const northwind = documents.filter((d) => d.company === 'Northwind Studio' && d.ruleId === null);
    const firstOfThisMonth = `${today.slice(0, 7)}-01`;
    const months = (kind: 'invoice' | 'bill') => new Set(northwind.filter((d) => d.kind === kind && d.entryDate < firstOfThisMonth).map((d) => d.entryDate.slice(0, 7)));
    expect(months('invoice').size).toBe(12);
    expect(months('bill').size).toBe(12);
  });
});

describe('the demo company for a given today', () => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is the same every time it is seeded: no randomness', async () => {
    const now = new Date('2026-12-01T21:00:00Z');
    const shape = async (companyId: string) =>
      rowsOf(
        await h.db.execute(sql`
          select kind, reference, entry_date::text, due_date::text, amount_minor::text, paid_minor::text, memo
          from journal_entries where company_id = ${companyId} order by id`),
      );
    const first = await seedDemoCompany(h.db, now);
    const second = await seedDemoCompany(h.db, now);
    const a = await shape(first.id);
    expect(a.length).toBeGreaterThan(100);
    expect(await shape(second.id)).toEqual(a);
  });
});
