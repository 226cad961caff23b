import Link from 'next/link';
import { connection } from 'next/server';
import { companyContext } from '@/lib/session/company-context';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/invoices', label: 'Invoices' },
  { href: '/expenses', label: 'Expenses' },
  { href: '/parties', label: 'Customers & vendors' },
  { href: '/reports/profit-and-loss', label: 'Profit & Loss' },
  { href: '/reports/balance-sheet', label: 'Balance Sheet' },
  { href: '/settings/recurring', label: 'Recurring' },
  { href: '/settings/company', label: 'Settings' },
];

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const { company } = await companyContext();
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
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
