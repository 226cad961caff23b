'use server';

import { documentActions } from '../_documents/document-actions';

const invoices = documentActions('invoice');

export const createInvoiceAction = invoices.createDocument;
export const createCustomerAction = invoices.createParty;
export const recordInvoicePaymentAction = invoices.recordPayment;
/** Voids an invoice or one of its payments (a reversing entry; the original stays). */
export const voidInvoiceEntryAction = invoices.voidEntry;
