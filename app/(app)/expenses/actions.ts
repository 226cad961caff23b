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

function revalidateBills() {
  revalidatePath('/expenses');
  revalidatePath('/expenses/[id]', 'page');
}

export async function createBillAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'createBillAction', role: 'accountant' },
    ({ db, company }) => createDocument(db, company.id, 'bill', formObject(formData) as DocumentInput),
    (d) => `Bill ${d.number} created`,
  );
  if (result.ok) revalidateBills();
  return result;
}

export async function createVendorAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'createVendorAction', role: 'accountant' },
    ({ db, company }) => createParty(db, company.id, { ...(formObject(formData) as PartyInput), kind: 'vendor' }),
    (p) => `Vendor ${p.name} added`,
  );
  if (result.ok) revalidateBills();
  return result;
}

export async function recordBillPaymentAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'recordBillPaymentAction', role: 'accountant' },
    ({ db, company }) => recordPayment(db, company.id, formObject(formData) as PaymentInput, 'bill'),
    (p) => `Payment ${p.number} recorded`,
  );
  if (result.ok) revalidateBills();
  return result;
}

/** Voids a bill or one of its payments (a reversing entry; the original stays). */
export async function voidBillEntryAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'voidBillEntryAction', role: 'accountant' },
    ({ db, company }) => voidEntry(db, company.id, parseOrThrow(voidInput, formObject(formData)).entryId, 'bill'),
    (v) => `${v.memo} posted`,
  );
  if (result.ok) revalidateBills();
  return result;
}
