import Link from 'next/link';
import { connection } from 'next/server';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { companyContext } from '@/lib/session/company-context';
import { AccountMenu } from './account-menu';
import { switchCompanyAction } from './actions';
import { CompanySwitcher } from './company-switcher';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/invoices', label: 'Invoices' },
  { href: '/expenses', label: 'Expenses' },
  { href: '/parties', label: 'Customers & vendors' },
  { href: '/reports/profit-and-loss', label: 'Profit & Loss' },
  { href: '/reports/balance-sheet', label: 'Balance Sheet' },
  { href: '/settings/company', label: 'Settings' },
];

/**
 * The signed-in shell. `companyContext()` redirects a signed-out visitor to /sign-in; every page calls it too
 * (Next renders a page alongside its layout, so the layout's redirect alone would not keep a page's data in).
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const { company, companies, role, caller } = await companyContext();
  return (
    <div className="shell">
      <header className="topbar">
        <Link href="/" className="brand">
          AiLegr
        </Link>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <Link key={item.href} href={item.href}>
              {item.label}
            </Link>
          ))}
        </nav>
        <span className="company" data-testid="current-company">
          {company.name} · {company.baseCurrency} · {company.timeZone ?? 'UTC'}
        </span>
        {companies.length > 1 && (
          <CompanySwitcher companies={companies.map((c) => ({ id: c.id, name: c.name }))} currentId={company.id} action={switchCompanyAction} />
        )}
        <AccountMenu name={caller.name} email={caller.email} roleLabel={ROLE_LABELS[role]} />
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
