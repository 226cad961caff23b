import { balanceSheetResponse, toBalanceSheetResponse } from '@/lib/api/resources/reports';
import { apiRoute, reply } from '@/lib/http/api-route';
import { balanceSheet } from '@/lib/ledger/reports';
import { asOfInput } from '@/lib/ledger/schemas';

/** GET /api/reports/balance-sheet?asOf: assets, liabilities and equity as of a date, the screen's own report. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/reports/balance-sheet',
    operationId: 'getBalanceSheet',
    summary: 'Balance Sheet as of a date',
    description: 'Every entry dated on or before `asOf`; the year’s earnings and earlier years’ (retained) are shown in equity.',
    tags: ['Reports'],
    role: 'viewer',
    query: asOfInput,
    responses: { 200: { description: 'Assets, liabilities and equity by account, with their totals', schema: balanceSheetResponse } },
  },
  async ({ ctx, query }) => reply(200, toBalanceSheetResponse(await balanceSheet(ctx.db, ctx.company.id, query.asOf), ctx.company.baseCurrency)),
);
