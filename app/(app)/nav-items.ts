export interface NavItem {
  href: string;
  label: string;
  /** The link is the current section on this path and below it ('/' matches itself only). */
  section: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Overview', section: '/' },
  { href: '/invoices', label: 'Invoices', section: '/invoices' },
  { href: '/expenses', label: 'Expenses', section: '/expenses' },
  { href: '/parties', label: 'Customers & vendors', section: '/parties' },
  { href: '/reports/profit-and-loss', label: 'Profit & Loss', section: '/reports/profit-and-loss' },
  { href: '/reports/balance-sheet', label: 'Balance Sheet', section: '/reports/balance-sheet' },
  { href: '/settings/company', label: 'Settings', section: '/settings' },
];

/** Whether `pathname` is inside the section (`/invoices/12` is in `/invoices`, `/invoicesX` is not). */
export function isInSection(pathname: string, section: string): boolean {
  if (section === '/') return pathname === '/';
  return pathname === section || pathname.startsWith(`${section}/`);
}
