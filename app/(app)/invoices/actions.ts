'use server';

import { revalidatePath } from 'next/cache';
import { parseOrThrow } from '@/lib/errors';
import { formObject, runCompanyAction } from '@/lib/http/action';
import { createDocument } from '@/lib/ledger/documents';
import { createParty } from '@/lib/ledger/parties';
import { recordPayment, voidEntry } from '@/lib/ledger/payments';
import { voidInput, type DocumentInput, type PartyInput, type PaymentInput } from '@/lib/ledger/schemas';

// Form values arrive as untyped strings: the casts only name the shape, and every service parses its input with the
// shared schema, answering field errors the form shows.

function revalidateInvoices() {
  revalidatePath('/invoices');
  revalidatePath('/invoices/[id]', 'page');
}

export async function createInvoiceAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'createInvoiceAction', role: 'accountant' },
    ({ db, company }) => createDocument(db, company.id, 'invoice', formObject(formData) as DocumentInput),
    (d) => `Invoice ${d.number} created`,
  );
  if (result.ok) revalidateInvoices();
  return result;
}

export async function createCustomerAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'createCustomerAction', role: 'accountant' },
    ({ db, company }) => createParty(db, company.id, { ...(formObject(formData) as PartyInput), kind: 'customer' }),
    (p) => `Customer ${p.name} added`,
  );
  if (result.ok) revalidateInvoices();
  return result;
}

export async function recordInvoicePaymentAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'recordInvoicePaymentAction', role: 'accountant' },
    ({ db, company }) => recordPayment(db, company.id, formObject(formData) as PaymentInput, 'invoice'),
    (p) => `Payment ${p.number} recorded`,
  );
  if (result.ok) revalidateInvoices();
  return result;
}

/** Voids an invoice or one of its payments (a reversing entry; the original stays). */
export async function voidInvoiceEntryAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'voidInvoiceEntryAction', role: 'accountant' },
    ({ db, company }) => voidEntry(db, company.id, parseOrThrow(voidInput, formObject(formData)).entryId, 'invoice'),
    (v) => `${v.memo} posted`,
  );
  if (result.ok) revalidateInvoices();
  return result;
}
