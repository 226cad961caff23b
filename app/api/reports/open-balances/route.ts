import { z } from 'zod';
import { OPEN_BALANCE_TYPES, openBalancesResponse, toOpenBalancesResponse } from '@/lib/api/resources/reports';
import { apiRoute, reply } from '@/lib/http/api-route';
import { openBalancesByParty } from '@/lib/ledger/reports';

const query = z.object({
  type: z.enum(OPEN_BALANCE_TYPES, { error: 'type must be invoice or expense' }).meta({ description: '`invoice`: receivables by customer; `expense`: payables by vendor' }),
});

/** GET /api/reports/open-balances?type=invoice|expense: what is still owed, by party. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/reports/open-balances',
    operationId: 'getOpenBalances',
    summary: 'Open receivables or payables by party',
    description: 'Open and partly paid documents summed by party, with the oldest due date of each; parties in name order.',
    tags: ['Reports'],
    role: 'viewer',
    query,
    responses: { 200: { description: 'What each party owes (or is owed), and the total', schema: openBalancesResponse } },
  },
  async ({ ctx, query }) => {
    const rows = await openBalancesByParty(ctx.db, ctx.company.id, query.type === 'invoice' ? 'invoice' : 'bill');
    return reply(200, toOpenBalancesResponse(query.type, rows, ctx.company.baseCurrency));
  },
);
