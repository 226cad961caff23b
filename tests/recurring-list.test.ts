import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recurringRules } from '@/db/schema/recurring';
import { createParty } from '@/lib/ledger/parties';
import { countRules, countRulesByStatus, listRulesPage } from '@/lib/recurring/list';
import { createRule, deleteRule, pauseRule } from '@/lib/recurring/rules';
import { seedCompany } from './support/fixtures';
import { ruleFor } from './support/recurring-fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

describe.each(BACKENDS)('the rule list on %s', (backend) => {
  let h: TestDatabase;
  let seeded: Awaited<ReturnType<typeof seedCompany>>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    h = await openTestDatabase(backend);
    seeded = await seedCompany(h.db, 'List Co', 'America/New_York');
    const other = await seedCompany(h.db, 'Other Co', null);
    const globex = await createParty(h.db, seeded.company.id, { kind: 'customer', name: 'Globex 100%_Ltd' });
    const make = async (name: string, overrides: Record<string, unknown>) => {
      ids[name] = (await createRule(h.db, seeded.company.id, ruleFor(seeded, { name, startDate: '2030-01-01', ...overrides }))).id;
    };
    await make('Rent', { type: 'expense', cadence: 'monthly', endOfMonth: true });
    await make('Retainer', { type: 'invoice', cadence: 'monthly', nthWeek: 5, nthWeekday: 5 });
    await make('Hosting', { type: 'invoice', partyId: globex.id, cadence: 'weekly', weekday: 1, intervalWeeks: 2 });
    await make('Cleaning', { type: 'expense', cadence: 'daily' });
    await make('Gone', { type: 'expense', cadence: 'daily' });
    await pauseRule(h.db, seeded.company.id, ids.Cleaning!);
    await deleteRule(h.db, seeded.company.id, ids.Gone!);
    await h.db.update(recurringRules).set({ consecutiveFailures: 1, updatedAt: new Date() }).where(eq(recurringRules.id, ids.Rent!));
    // Another company's rule never shows.
    await createRule(h.db, other.company.id, ruleFor(other, { name: 'Rent', startDate: '2030-01-01' }));
  });
  afterAll(async () => {
    await h?.close();
  });

  const names = (page: { items: { rule: { name: string } }[] }) => page.items.map((i) => i.rule.name);
  const list = (query: Parameters<typeof listRulesPage>[2]) => listRulesPage(h.db, seeded.company.id, query);

  it('lists every live rule of the company by name, with its party and cadence in words', async () => {
    const page = await list({ limit: 50 });
    expect(names(page)).toEqual(['Cleaning', 'Hosting', 'Rent', 'Retainer']);
    expect(page.next).toBeNull();
    expect(page.items.map((i) => [i.partyName, i.cadenceText])).toEqual([
      ['List Co Vendor', 'Daily'],
      ['Globex 100%_Ltd', 'Every 2 weeks on Monday'],
      ['List Co Vendor', 'Monthly on the last day'],
      ['List Co Customer', 'Monthly on the last Friday'],
    ]);
  });

  it('walks the list in pages from a cursor, each rule exactly once', async () => {
    const first = await list({ limit: 3 });
    expect(names(first)).toEqual(['Cleaning', 'Hosting', 'Rent']);
    const second = await list({ limit: 3, after: first.next! });
    expect(names(second)).toEqual(['Retainer']);
    expect(second.next).toBeNull();
  });

  it('filters by status, type, party and failing, and searches names and parties literally', async () => {
    expect(names(await list({ limit: 50, statuses: ['paused'] }))).toEqual(['Cleaning']);
    expect(names(await list({ limit: 50, statuses: ['deleted'] }))).toEqual(['Gone']);
    expect(names(await list({ limit: 50, type: 'invoice' }))).toEqual(['Hosting', 'Retainer']);
    expect(names(await list({ limit: 50, partyId: seeded.vendor.id }))).toEqual(['Cleaning', 'Rent']);
    expect(names(await list({ limit: 50, failing: true }))).toEqual(['Rent']);
    expect(names(await list({ limit: 50, q: 're' }))).toEqual(['Rent', 'Retainer']);
    expect(names(await list({ limit: 50, q: 'GLOBEX' }))).toEqual(['Hosting']);
    // % and _ are characters, not wildcards.
    expect(names(await list({ limit: 50, q: '100%_' }))).toEqual(['Hosting']);
    expect(names(await list({ limit: 50, q: '%' }))).toEqual(['Hosting']);
    expect(names(await list({ limit: 50, q: 'R_nt' }))).toEqual([]);
  });

  it('counts what the filters match, and the rules per status', async () => {
    expect(await countRules(h.db, seeded.company.id)).toBe(4);
    expect(await countRules(h.db, seeded.company.id, { type: 'expense', q: 'r' })).toBe(2); // Rent, and Cleaning by its vendor
    expect(await countRules(h.db, seeded.company.id, { type: 'expense', q: 'rent' })).toBe(1);
    expect(await countRulesByStatus(h.db, seeded.company.id)).toEqual({ byStatus: { active: 3, paused: 1 }, failing: 1 });
  });

  it('orders by last change for syncing, with updatedSince', async () => {
    const all = await list({ limit: 50, order: 'updated', statuses: ['active', 'paused', 'deleted'] });
    // Rent's failure count was set last; Cleaning and Gone changed after the three others were made.
    expect(names(all)).toEqual(['Retainer', 'Hosting', 'Cleaning', 'Gone', 'Rent']);
    const rent = all.items.at(-1)!.rule;
    expect(names(await list({ limit: 50, order: 'updated', updatedSince: rent.updatedAt.toISOString() }))).toEqual(['Rent']);
  });

  it('pages the unfiltered list (its prepared query) from a cursor and updatedSince as the filtered query does', async () => {
    // No filter: the query prepared once per shape. Active and paused: the query built each time, the same rules.
    const first = await list({ limit: 2, order: 'updated' });
    expect(names(first)).toEqual(['Retainer', 'Hosting']);
    const second = await list({ limit: 2, order: 'updated', after: first.next! });
    expect(names(second)).toEqual(['Cleaning', 'Rent']);
    expect(second.next).toBeNull();
    expect(names(await list({ limit: 50, order: 'updated', statuses: ['active', 'paused'] }))).toEqual(['Retainer', 'Hosting', 'Cleaning', 'Rent']);

    const hosting = first.items[1]!.rule;
    const since = await list({ limit: 1, order: 'updated', updatedSince: hosting.updatedAt.toISOString() });
    expect(names(since)).toEqual(['Hosting']);
    expect(names(await list({ limit: 1, order: 'updated', updatedSince: hosting.updatedAt.toISOString(), after: since.next! }))).toEqual(['Cleaning']);
    expect(names(await list({ limit: 1, after: { key: 'Hosting', id: ids.Hosting! } }))).toEqual(['Rent']);

    await expect(list({ limit: 2, order: 'updated', after: { key: 'not a time', id: 1 } })).rejects.toMatchObject({ code: 'validation', fieldErrors: { cursor: ['This cursor was not given out by this list: start again without it'] } });
  });
});
