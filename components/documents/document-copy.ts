import type { DocumentKind } from '@/db/schema/enums';

/** The words and paths that differ between invoices and bills; everything else is shared. */
export const DOCUMENT_COPY = {
  invoice: {
    noun: 'Invoice',
    plural: 'Invoices',
    /** The list screen's name, as in the main navigation. */
    screen: 'Invoices',
    party: 'Customer',
    partyPlural: 'customers',
    listPath: '/invoices',
    paymentNoun: 'Payment received',
  },
  bill: {
    noun: 'Bill',
    plural: 'Bills',
    screen: 'Expenses',
    party: 'Vendor',
    partyPlural: 'vendors',
    listPath: '/expenses',
    paymentNoun: 'Payment made',
  },
} as const satisfies Record<DocumentKind, Record<string, string>>;

/** Payment terms offered as presets; the due date stays editable. */
export const DUE_TERM_DAYS = [0, 14, 30, 45, 60, 90] as const;
export const DEFAULT_DUE_TERM_DAYS = 30; // the most common term for small-business invoices and bills
