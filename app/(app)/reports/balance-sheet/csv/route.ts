import { companyRoute } from '@/lib/http/route';
import { balanceSheetView, reportCsv } from '@/lib/ledger/report-rows';
import { balanceSheet } from '@/lib/ledger/reports';
import { asOfInput } from '@/lib/ledger/schemas';
import { csvQuery, csvResponse } from '../../csv-response';

/** GET /reports/balance-sheet/csv?asOf: the Balance Sheet the screen shows for the same date, as CSV (the same rows). */
export const GET = companyRoute({ name: 'GET /reports/balance-sheet/csv', role: 'viewer' }, async (ctx, request) => {
  const { asOf } = csvQuery(request, asOfInput);
  const csv = reportCsv(balanceSheetView(await balanceSheet(ctx.db, ctx.company.id, asOf)), ctx.company.baseCurrency);
  return csvResponse(`balance-sheet_${asOf}.csv`, csv);
});
