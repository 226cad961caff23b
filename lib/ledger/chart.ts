import type { AccountType, SystemRole } from '@/db/schema/enums';

export interface ChartAccount {
  code: string;
  name: string;
  type: AccountType;
  role?: SystemRole;
}

/** The chart every new company starts with. Revenue categories from 4000, expense categories from 5000. */
export const DEFAULT_CHART: readonly ChartAccount[] = [
  { code: '1000', name: 'Cash', type: 'asset', role: 'cash' },
  { code: '1100', name: 'Accounts Receivable', type: 'asset', role: 'receivable' },
  { code: '2000', name: 'Accounts Payable', type: 'liability', role: 'payable' },
  { code: '2050', name: 'Customer Credits', type: 'liability', role: 'customer_credits' },
  { code: '3000', name: "Owner's Equity", type: 'equity', role: 'equity' },
  { code: '4000', name: 'Revenue', type: 'revenue', role: 'revenue' },
  { code: '4100', name: 'Consulting Revenue', type: 'revenue' },
  { code: '4200', name: 'Subscription Revenue', type: 'revenue' },
  { code: '4300', name: 'Product Sales', type: 'revenue' },
  { code: '5000', name: 'Rent', type: 'expense' },
  { code: '5100', name: 'Payroll', type: 'expense' },
  { code: '5200', name: 'Software', type: 'expense' },
  { code: '5300', name: 'Utilities', type: 'expense' },
  { code: '5400', name: 'Office Supplies', type: 'expense' },
  { code: '5500', name: 'Professional Fees', type: 'expense' },
];
