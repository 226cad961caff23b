import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCompanyOrThrow } from '@/lib/ledger/companies';
import { updateCompanyProfile } from '@/lib/services/company-profile';
import { rejection, seedCompany } from './support/fixtures';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/test-db';

// Issue 13: "One date format, chosen from the company's locale". The locale is a company setting the database keeps
// to the listed values.

describe.each(BACKENDS)('a company’s locale on %s', (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('starts as en-US, changes with the profile, and stays as it is when a profile update leaves it out', async () => {
    const { company } = await seedCompany(h.db, `Locale ${backend}`);
    expect(company.locale).toBe('en-US');
    const german = await updateCompanyProfile(h.db, company.id, { name: 'Locale GmbH', baseCurrency: 'EUR', timeZone: 'Europe/Berlin', locale: 'de-DE' });
    expect(german.locale).toBe('de-DE');
    // An API client that predates the setting sends the other fields only.
    const renamed = await updateCompanyProfile(h.db, company.id, { name: 'Locale AG', baseCurrency: 'EUR', timeZone: 'Europe/Berlin' });
    expect({ name: renamed.name, locale: renamed.locale }).toEqual({ name: 'Locale AG', locale: 'de-DE' });
  });

  it('refuses a locale that is not listed with a field error, and changes nothing', async () => {
    const { company } = await seedCompany(h.db, `Bad locale ${backend}`);
    const error = await rejection(updateCompanyProfile(h.db, company.id, { name: 'Renamed', baseCurrency: 'USD', timeZone: null, locale: 'xx-XX' as 'en-US' }));
    expect(error).toMatchObject({ code: 'validation', fieldErrors: { locale: ['Choose one of the listed date formats'] } });
    expect(await getCompanyOrThrow(h.db, company.id)).toMatchObject({ name: `Bad locale ${backend}`, locale: 'en-US' });
  });

  it('is kept to the listed locales by the database too', async () => {
    const { company } = await seedCompany(h.db, `Db locale ${backend}`);
    const error = await rejection(h.db.execute(sql`update companies set locale = 'en-AU' where id = ${company.id}`));
    expect(String((error as { cause?: unknown }).cause ?? error)).toContain('invalid input value for enum company_locale: "en-AU"');
  });
});
