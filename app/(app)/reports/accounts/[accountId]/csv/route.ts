import { toCsv } from '@/lib/csv';
import { notFound } from '@/lib/errors';
import { companyRoute } from '@/lib/http/route';
import { accountDrillDown, drillDownCsvRows } from '@/lib/ledger/drill-down';

/** The entries a CSV export lists at most: all of a year's at the 100,000 documents the reports are sized for. */
const CSV_ENTRY_LIMIT = 200_000;
import { drillDownQuery } from '@/lib/ledger/schemas';
import { currencyMinorDigits } from '@/lib/money';
import { recordId } from '@/lib/schemas/common';
import { csvQuery, csvResponse } from '../../../csv-response';

/** GET /reports/accounts/{accountId}/csv?from&to&basis: the entries behind a report line, as the drill-down shows them. */
export const GET = companyRoute<{ accountId: string }>({ name: 'GET /reports/accounts/[accountId]/csv', role: 'viewer' }, async (ctx, request, params) => {
  const accountId = recordId.safeParse(params.accountId);
  if (!accountId.success) throw notFound('Account');
  const query = csvQuery(request, drillDownQuery);
  const drill = await accountDrillDown(ctx.db, ctx.company.id, accountId.data, { from: query.from ?? null, to: query.to }, query.basis ?? 'accrual', CSV_ENTRY_LIMIT);
  const { header, rows } = drillDownCsvRows(drill, currencyMinorDigits(ctx.company.baseCurrency));
  return csvResponse(`account-${drill.account.code}_${query.from ?? 'start'}_${query.to}_${drill.basis}.csv`, toCsv(header, rows));
});
