import { profitAndLossResponse, toProfitAndLossResponse } from '@/lib/api/resources/reports';
import { apiRoute, reply } from '@/lib/http/api-route';
import { profitAndLoss } from '@/lib/ledger/reports';
import { profitAndLossQuery } from '@/lib/ledger/schemas';

/** GET /api/reports/profit-and-loss?from&to&basis: revenue and expenses by category over a period, the screen's own report. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/reports/profit-and-loss',
    operationId: 'getProfitAndLoss',
    summary: 'Profit & Loss for a period',
    description:
      'Every entry dated from `from` to `to`, inclusive, voids netting their originals. Any date PostgreSQL holds may be asked about. ' +
      '`basis=accrual` (the default): invoices and bills on their dates. `basis=cash`: a payment received is revenue on its date, for the part ' +
      'applied to the invoice, in the invoice’s category; a payment made is an expense in the bill’s category; an overpayment stays a customer ' +
      'credit (a liability), not revenue.',
    tags: ['Reports'],
    role: 'viewer',
    query: profitAndLossQuery,
    responses: { 200: { description: 'Revenue and expenses by category, and the net income', schema: profitAndLossResponse } },
  },
  async ({ ctx, query }) => reply(200, toProfitAndLossResponse(await profitAndLoss(ctx.db, ctx.company.id, query.from, query.to, query.basis ?? 'accrual'), ctx.company.baseCurrency)),
);
