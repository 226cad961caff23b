import type { DocumentKind, PartyKind } from '@/db/schema/enums';

/**
 * What differs between the invoices and the expenses screens besides their words (components/documents/
 * document-copy.ts): whom they bill, which categories they post to, and the names their actions log under.
 */
export const DOCUMENT_SCREENS = {
  invoice: {
    partyKind: 'customer',
    categoryType: 'revenue',
    actionNames: {
      createDocument: 'createInvoiceAction',
      createParty: 'createCustomerAction',
      recordPayment: 'recordInvoicePaymentAction',
      voidEntry: 'voidInvoiceEntryAction',
    },
  },
  bill: {
    partyKind: 'vendor',
    categoryType: 'expense',
    actionNames: {
      createDocument: 'createBillAction',
      createParty: 'createVendorAction',
      recordPayment: 'recordBillPaymentAction',
      voidEntry: 'voidBillEntryAction',
    },
  },
} as const satisfies Record<
  DocumentKind,
  { partyKind: PartyKind; categoryType: 'revenue' | 'expense'; actionNames: Record<'createDocument' | 'createParty' | 'recordPayment' | 'voidEntry', string> }
>;
