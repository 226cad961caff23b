import { companyRoute } from '@/lib/http/route';
import { comparedProfitAndLoss } from '@/lib/ledger/report-comparison';
import { COMPARISON_LABELS } from '@/lib/ledger/report-periods';
import { getReportBasis } from '@/lib/ledger/report-preferences';
import { profitAndLossView, reportCsv } from '@/lib/ledger/report-rows';
import { profitAndLossPageQuery } from '@/lib/ledger/schemas';
import { csvQuery, csvResponse } from '../../csv-response';

/**
 * GET /reports/profit-and-loss/csv?from&to&basis&compare: the P&L the screen shows for the same query, as CSV (the
 * same rows, lib/ledger/report-rows.ts). No basis: a signed-in user's remembered one, else accrual.
 */
export const GET = companyRoute({ name: 'GET /reports/profit-and-loss/csv', role: 'viewer' }, async (ctx, request) => {
  const query = csvQuery(request, profitAndLossPageQuery);
  const basis = query.basis ?? (ctx.caller.kind === 'session' ? await getReportBasis(ctx.db, ctx.company.id, ctx.caller.userId) : 'accrual');
  const compare = query.compare ?? 'previous_period';
  const pl = await comparedProfitAndLoss(ctx.db, ctx.company.id, { from: query.from, to: query.to }, basis, compare);
  const csv = reportCsv(profitAndLossView(pl, COMPARISON_LABELS[compare]), ctx.company.baseCurrency);
  return csvResponse(`profit-and-loss_${query.from}_${query.to}_${basis}.csv`, csv);
});
