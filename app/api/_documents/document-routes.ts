import { z } from 'zod';
import { DOCUMENT_STATUSES, type DocumentKind } from '@/db/schema/enums';
import { etagOfBody } from '@/lib/api/concurrency';
import { keysetQueryOf, pageQuery, pageReply, pageSchema } from '@/lib/api/pagination';
import {
  documentDetailResponse,
  documentResponse,
  paymentResponse,
  toDocumentDetailResponse,
  toDocumentResponse,
} from '@/lib/api/resources/document';
import { apiRoute, reply } from '@/lib/http/api-route';
import type { Db } from '@/db/client';
import { listDocumentsPage } from '@/lib/ledger/document-list';
import { createDocument, getDocumentOfKindOrThrow } from '@/lib/ledger/documents';
import { listDocumentPayments, recordPayment, voidDocument } from '@/lib/ledger/payments';
import { documentInput, paymentInput } from '@/lib/ledger/schemas';
import { queryDate, recordId } from '@/lib/schemas/common';

/**
 * The invoice and expense (bill) routes are twins: the same operations over the ledger's two document kinds,
 * declared once here and exported by each route.ts with its kind. An id of the other kind is 404 on either path.
 */

interface KindNames {
  path: '/api/invoices' | '/api/expenses';
  tag: string;
  /** Singular noun for summaries, and the operationId stem. */
  noun: string;
  Noun: string;
  plural: string;
  party: string;
}

const NAMES: Record<DocumentKind, KindNames> = {
  invoice: { path: '/api/invoices', tag: 'Invoices', noun: 'invoice', Noun: 'Invoice', plural: 'Invoices', party: 'customer' },
  bill: { path: '/api/expenses', tag: 'Expenses', noun: 'expense', Noun: 'Expense', plural: 'Expenses', party: 'vendor' },
};

const STATUS_LIST = DOCUMENT_STATUSES.join(', ');

const documentListQuery = pageQuery
  .extend({
    status: z
      .array(z.enum(DOCUMENT_STATUSES, { error: `status must be one of ${STATUS_LIST}` }))
      .optional()
      .meta({ description: `Only these statuses (${STATUS_LIST}); repeat it for several: \`?status=open&status=partially_paid\`` }),
    partyId: recordId.optional().meta({ description: 'Only this party’s documents' }),
    ruleId: recordId.optional().meta({ description: 'Only what this recurring rule posted' }),
    from: queryDate.optional().meta({ description: 'Issue dates on or after this date' }),
    to: queryDate.optional().meta({ description: 'Issue dates on or before this date' }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['to'], message: 'to cannot be before from' });

const idParams = z.object({ id: recordId });

/** The body of a payment: the shared payment schema, its document named by the path instead. */
const paymentBody = paymentInput.omit({ documentId: true });

/** A void takes no fields: an empty object, or no body at all. */
export const voidBody = z.object({}).meta({ description: 'No fields: send `{}` or nothing' });

async function detailOf(db: Db, companyId: string, kind: DocumentKind, id: number, currency: string) {
  const doc = await getDocumentOfKindOrThrow(db, companyId, kind, id);
  return toDocumentDetailResponse(doc, await listDocumentPayments(db, companyId, doc.id), currency);
}

/** GET /api/invoices, GET /api/expenses: filtered keyset pages in the order documents last changed. */
export function listDocumentsRoute(kind: DocumentKind) {
  const n = NAMES[kind];
  return apiRoute(
    {
      method: 'GET',
      path: n.path,
      operationId: `list${n.plural}`,
      summary: `List ${n.plural.toLowerCase()}`,
      description: `The company’s ${n.plural.toLowerCase()}, in the order they last changed (posted, paid, voided), so a sync can resume with \`updatedSince\`. Filters combine.`,
      tags: [n.tag],
      role: 'viewer',
      list: true,
      query: documentListQuery,
      responses: { 200: { description: `A page of ${n.plural.toLowerCase()}`, schema: pageSchema(documentResponse) } },
    },
    async ({ ctx, query, request }) => {
      const found = await listDocumentsPage(ctx.db, ctx.company.id, kind, {
        ...keysetQueryOf(query, ctx),
        statuses: query.status,
        partyId: query.partyId,
        ruleId: query.ruleId,
        from: query.from,
        to: query.to,
      });
      return pageReply(request, found, (doc) => toDocumentResponse(doc, ctx.company.baseCurrency));
    },
  );
}

/** POST /api/invoices, POST /api/expenses: a manual document, through the ledger's own service. */
export function createDocumentRoute(kind: DocumentKind) {
  const n = NAMES[kind];
  return apiRoute(
    {
      method: 'POST',
      path: n.path,
      operationId: `create${n.Noun}`,
      summary: `Record an ${kind === 'invoice' ? 'invoice' : 'expense'}`,
      description:
        kind === 'invoice'
          ? 'Debits Accounts Receivable and credits the revenue category. `partyId` is a customer, `categoryId` a revenue category (`GET /api/categories?type=invoice`). Without a `reference`, its number (`INV-000042`) is its reference.'
          : 'Debits the expense category and credits Accounts Payable. `partyId` is a vendor, `categoryId` an expense category (`GET /api/categories?type=expense`). Without a `reference`, its number (`BILL-000042`) is its reference.',
      tags: [n.tag],
      role: 'accountant',
      body: documentInput,
      amounts: ['amount'],
      responses: { 201: { description: `The new ${n.noun}`, schema: documentDetailResponse } },
    },
    async ({ ctx, rawBody }) => {
      const doc = await createDocument(ctx.db, ctx.company.id, kind, rawBody);
      return reply(201, toDocumentDetailResponse(doc, [], ctx.company.baseCurrency), { location: `${n.path}/${doc.id}` });
    },
  );
}

/** GET /api/invoices/:id, GET /api/expenses/:id: one document with its payments. */
export function getDocumentRoute(kind: DocumentKind) {
  const n = NAMES[kind];
  return apiRoute(
    {
      method: 'GET',
      path: `${n.path}/{id}`,
      operationId: `get${n.Noun}`,
      summary: `Get an ${n.noun} with its payments`,
      description: `Another company’s ${n.noun}, or a document of the other kind, is 404.`,
      tags: [n.tag],
      role: 'viewer',
      etag: true,
      params: idParams,
      responses: { 200: { description: `The ${n.noun}, its settlement and its payments`, schema: documentDetailResponse } },
    },
    async ({ ctx, params }) => {
      const body = await detailOf(ctx.db, ctx.company.id, kind, params.id, ctx.company.baseCurrency);
      return reply(200, body, { etag: etagOfBody(JSON.stringify(body)) });
    },
  );
}

const paymentAnswer = z.object({ payment: paymentResponse, document: documentDetailResponse }).meta({ id: 'PaymentRecorded' });

/** POST /api/invoices/:id/payments, POST /api/expenses/:id/payments. */
export function recordPaymentRoute(kind: DocumentKind) {
  const n = NAMES[kind];
  return apiRoute(
    {
      method: 'POST',
      path: `${n.path}/{id}/payments`,
      operationId: `record${n.Noun}Payment`,
      summary: kind === 'invoice' ? 'Record a payment received' : 'Record a payment made',
      description:
        kind === 'invoice'
          ? 'Debits Cash and credits Accounts Receivable up to the open balance; any excess is credited to Customer Credits (2050) and shown as the payment’s `credit`. A void invoice is 409.'
          : 'Debits Accounts Payable and credits Cash. More than the open balance is a field error on `amount`. A void expense is 409.',
      tags: [n.tag],
      role: 'accountant',
      params: idParams,
      body: paymentBody,
      amounts: ['amount'],
      responses: { 201: { description: `The payment, and the ${n.noun} as it now stands`, schema: paymentAnswer } },
    },
    async ({ ctx, params, rawBody }) => {
      const doc = await getDocumentOfKindOrThrow(ctx.db, ctx.company.id, kind, params.id);
      const entry = await recordPayment(ctx.db, ctx.company.id, { ...rawBody, documentId: doc.id }, kind);
      const detail = await detailOf(ctx.db, ctx.company.id, kind, doc.id, ctx.company.baseCurrency);
      const payment = detail.payments.find((p) => p.id === entry.id);
      if (!payment) throw new Error(`payment ${entry.id} is not among its document's payments`);
      return reply(201, { payment, document: detail });
    },
  );
}

/** POST /api/invoices/:id/void, POST /api/expenses/:id/void. */
export function voidDocumentRoute(kind: DocumentKind) {
  const n = NAMES[kind];
  return apiRoute(
    {
      method: 'POST',
      path: `${n.path}/{id}/void`,
      operationId: `void${n.Noun}`,
      summary: `Void an ${n.noun}`,
      description: `Posts a reversing entry dated like the ${n.noun} (referenced \`VOID-{its reference}\`), so its period nets to zero; the ${n.noun} stays, with status \`void\`. Its payments must be voided first (\`POST /api/payments/{id}/void\`): until then, and when it is void already, 409.`,
      tags: [n.tag],
      role: 'accountant',
      params: idParams,
      body: voidBody,
      responses: { 200: { description: `The ${n.noun}, now void`, schema: documentDetailResponse } },
    },
    async ({ ctx, params }) => {
      await voidDocument(ctx.db, ctx.company.id, kind, params.id);
      return reply(200, await detailOf(ctx.db, ctx.company.id, kind, params.id, ctx.company.baseCurrency));
    },
  );
}

export { detailOf as documentDetailOf };
