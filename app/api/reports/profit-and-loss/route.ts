import { profitAndLossResponse, toProfitAndLossResponse } from '@/lib/api/resources/reports';
import { apiRoute, reply } from '@/lib/http/api-route';
import { profitAndLoss } from '@/lib/ledger/reports';
import { periodInput } from '@/lib/ledger/schemas';

/** GET /api/reports/profit-and-loss?from&to: revenue and expenses by category over a period, the screen's own report. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/reports/profit-and-loss',
    operationId: 'getProfitAndLoss',
    summary: 'Profit & Loss for a period',
    description: 'Accrual basis: every entry dated from `from` to `to`, inclusive, voids netting their originals. Any date PostgreSQL holds may be asked about.',
    tags: ['Reports'],
    role: 'viewer',
    query: periodInput,
    responses: { 200: { description: 'Revenue and expenses by category, and the net income', schema: profitAndLossResponse } },
  },
  async ({ ctx, query }) => reply(200, toProfitAndLossResponse(await profitAndLoss(ctx.db, ctx.company.id, query.from, query.to), ctx.company.baseCurrency)),
);
