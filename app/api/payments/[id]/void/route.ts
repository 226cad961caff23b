import { z } from 'zod';
import { documentDetailResponse, paymentResponse } from '@/lib/api/resources/document';
import { apiRoute, reply } from '@/lib/http/api-route';
import { voidPayment } from '@/lib/ledger/payments';
import { recordId } from '@/lib/schemas/common';
import { documentDetailOf, voidBody } from '../../../_documents/document-routes';

/**
 * POST /api/payments/:id/void: voids a payment, received or made (payments belong to no list of their own; each
 * is listed with its document). The part it applied goes back onto the document's balance; a customer credit it
 * made is reversed with it.
 */
export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/payments/{id}/void',
    operationId: 'voidPayment',
    summary: 'Void a payment',
    description:
      'Posts a reversing entry dated like the payment (referenced `VOID-{its reference}`); what it applied goes back onto its document’s balance, and a customer credit it made is reversed with it. A void payment is 409; anything but a payment of the company is 404. Payments appear, with their ids, in `GET /api/invoices/{id}` and `GET /api/expenses/{id}`.',
    tags: ['Payments'],
    role: 'accountant',
    params: z.object({ id: recordId }),
    body: voidBody,
    responses: {
      200: {
        description: 'The payment, now void, and its document as it now stands',
        schema: z.object({ payment: paymentResponse, document: documentDetailResponse }).meta({ id: 'PaymentVoided' }),
      },
    },
  },
  async ({ ctx, params }) => {
    const { documentId, documentKind } = await voidPayment(ctx.db, ctx.company.id, params.id);
    const document = await documentDetailOf(ctx.db, ctx.company.id, documentKind, documentId, ctx.company.baseCurrency);
    const payment = document.payments.find((p) => p.id === params.id);
    if (!payment) throw new Error(`payment ${params.id} is not among its document's payments`);
    return reply(200, { payment, document });
  },
);
