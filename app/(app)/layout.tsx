import { connection } from 'next/server';
import { CompanyLocaleProvider } from '@/components/company-locale';
import { QueryProvider } from '@/components/query-provider';
import { cn } from '@/components/ui/cn';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { companyContext } from '@/lib/session/company-context';
import { AccountMenu } from './account-menu';
import { createCompanyAction, switchCompanyAction } from './actions';
import { CompanySwitcher, NewCompanyDialog } from './company-switcher';
import { ShellHeader } from './shell-header';

/**
 * The signed-in shell. `companyContext()` redirects a signed-out visitor to /sign-in; every page calls it too
 * (Next renders a page alongside its layout, so the layout's redirect alone would not keep a page's data in).
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const { company, companies, role, caller } = await companyContext();
  const canSwitch = companies.length > 1;
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to main content
      </a>
      <ShellHeader
        company={
          <div className="flex min-w-0 flex-col gap-2 lg:flex-row lg:items-center lg:gap-3">
            {canSwitch && (
              <CompanySwitcher companies={companies.map((c) => ({ id: c.id, name: c.name }))} currentId={company.id} action={switchCompanyAction} />
            )}
            <span data-testid="current-company" className="truncate text-sm text-muted-foreground">
              {/* With a switcher the select already shows the name; the whole line is still read and tested. */}
              <span className={cn(canSwitch ? 'sr-only' : 'font-medium text-foreground')}>{company.name} · </span>
              {company.baseCurrency} · {company.timeZone ?? 'UTC'}
            </span>
            <NewCompanyDialog action={createCompanyAction} baseCurrency={company.baseCurrency} timeZone={company.timeZone} />
          </div>
        }
        account={<AccountMenu name={caller.name} email={caller.email} roleLabel={ROLE_LABELS[role]} />}
      />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-6 outline-none sm:px-6">
        <CompanyLocaleProvider locale={company.locale}>
          <QueryProvider>{children}</QueryProvider>
        </CompanyLocaleProvider>
      </main>
    </div>
  );
}
