import 'server-only';
import { revalidatePath } from 'next/cache';
import { DOCUMENT_COPY } from '@/components/documents/document-copy';
import type { DocumentKind } from '@/db/schema/enums';
import { formObject, runCompanyAction } from '@/lib/http/action';
import type { SessionCompanyContext } from '@/lib/session/company-context';
import { createDocument } from '@/lib/ledger/documents';
import { createParty } from '@/lib/ledger/parties';
import { recordPayment, voidEntry, type VoidInput } from '@/lib/ledger/payments';
import type { DocumentInput, PartyInput, PaymentInput } from '@/lib/ledger/schemas';
import { DOCUMENT_SCREENS } from './document-kinds';

// Form values arrive as untyped strings: the casts only name the shape, and every service parses its input with the
// shared schema, answering field errors the form shows.

/**
 * The server actions of the invoices or the expenses screen, for its actions.ts ('use server') to export under
 * their own names: each authenticates and authorizes inside (runCompanyAction), calls one service, and refreshes
 * the kind's list and detail pages.
 */
export function documentActions(kind: DocumentKind) {
  const { partyKind, actionNames } = DOCUMENT_SCREENS[kind];
  const copy = DOCUMENT_COPY[kind];
  const refresh = () => {
    revalidatePath(copy.listPath);
    revalidatePath(`${copy.listPath}/[id]`, 'page');
  };
  const run = async <T>(name: string, body: (ctx: SessionCompanyContext) => Promise<T>, message: (data: T) => string) => {
    const result = await runCompanyAction({ name, role: 'accountant' }, body, message);
    if (result.ok) refresh();
    return result;
  };
  return {
    createDocument: async (_previous: unknown, formData: FormData) =>
      run(
        actionNames.createDocument,
        ({ db, company }) => createDocument(db, company.id, kind, formObject(formData) as DocumentInput),
        (d) => `${copy.noun} ${d.number} created`,
      ),
    createParty: async (_previous: unknown, formData: FormData) =>
      run(
        actionNames.createParty,
        ({ db, company }) => createParty(db, company.id, { ...(formObject(formData) as PartyInput), kind: partyKind }),
        (p) => `${copy.party} ${p.name} added`,
      ),
    recordPayment: async (_previous: unknown, formData: FormData) =>
      run(
        actionNames.recordPayment,
        ({ db, company }) => recordPayment(db, company.id, formObject(formData) as PaymentInput, kind),
        (p) => `Payment ${p.number} recorded`,
      ),
    /** Voids a document of this kind or one of its payments (a reversing entry; the original stays). */
    voidEntry: async (_previous: unknown, formData: FormData) =>
      run(
        actionNames.voidEntry,
        ({ db, company }) => voidEntry(db, company.id, formObject(formData) as VoidInput, kind),
        (v) => `${v.memo} posted`,
      ),
  };
}
