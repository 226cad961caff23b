import { COMPANY_LOCALES } from '@/db/schema/enums';
import { roleAllows } from '@/lib/auth/roles';
import { formatCalendarDate, LOCALE_NAMES } from '@/lib/dates/display-date';
import { companyContext } from '@/lib/session/company-context';
import { OwnersOnly } from '../owners-only';
import { updateCompanyAction } from './actions';
import { CompanyForm } from './company-form';

export const metadata = { title: 'Company settings' };

export default async function CompanySettingsPage() {
  const { company, role } = await companyContext();
  if (!roleAllows(role, 'owner')) {
    return (
      <>
        <header className="page-head">
          <h1>Company settings</h1>
        </header>
        <p>
          {company.name} · {company.baseCurrency} · {company.timeZone ?? 'UTC'}
        </p>
        <OwnersOnly what="company settings" role={role} />
      </>
    );
  }
  // Built on the server so the lists (and their ICU names) match what the service validates against.
  const currencyNames = new Intl.DisplayNames('en', { type: 'currency' });
  const currencies = withCurrent(
    Intl.supportedValuesOf('currency').map((code) => ({ value: code, label: `${code} · ${currencyNames.of(code) ?? code}` })),
    company.baseCurrency,
  );
  // '' is UTC (no zone stored), listed first.
  const timeZones = ['', ...withCurrent(Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z })), company.timeZone).map((o) => o.value)];
  // A sample that tells day from month: 31 December.
  const locales = COMPANY_LOCALES.map((l) => ({ value: l, label: `${formatCalendarDate('2026-12-31', l)} · ${LOCALE_NAMES[l]}` }));
  return (
    <>
      <header className="page-head">
        <h1>Company settings</h1>
      </header>
      <CompanyForm
        action={updateCompanyAction}
        name={company.name}
        baseCurrency={company.baseCurrency}
        timeZone={company.timeZone ?? ''}
        currencies={currencies}
        timeZones={timeZones}
        locale={company.locale}
        locales={locales}
      />
    </>
  );
}

/** The options with the stored value added when the runtime does not list it (an alias such as `US/Eastern`). */
function withCurrent(options: { value: string; label: string }[], current: string | null) {
  if (!current || options.some((o) => o.value === current)) return options;
  return [{ value: current, label: current }, ...options];
}
