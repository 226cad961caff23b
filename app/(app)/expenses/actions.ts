'use server';

import { documentActions } from '../_documents/document-actions';

const bills = documentActions('bill');

export const createBillAction = bills.createDocument;
export const createVendorAction = bills.createParty;
export const recordBillPaymentAction = bills.recordPayment;
/** Voids a bill or one of its payments (a reversing entry; the original stays). */
export const voidBillEntryAction = bills.voidEntry;
