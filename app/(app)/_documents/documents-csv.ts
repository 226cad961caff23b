import 'server-only';
import { DOCUMENT_COPY } from '@/components/documents/document-copy';
import { STATUS_LABEL } from '@/components/status-badge';
import type { DocumentKind } from '@/db/schema/enums';
import { csvResponse } from '@/lib/csv';
import { parseOrThrow } from '@/lib/errors';
import { companyRoute } from '@/lib/http/route';
import { allDocuments } from '@/lib/ledger/document-list';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';
import { documentListParams, filtersOf, pageQueryOf, rawParamsOf } from './list-params';

const HEADER = ['Number', 'Reference', 'Party', 'Issue date', 'Due date', 'Amount', 'Paid', 'Balance', 'Status', 'Category', 'Memo', 'Rule'];

/**
 * GET /invoices/export, GET /expenses/export: the whole view a list screen shows (the same URL params: search,
 * filters, order), every page of it, as CSV. Amounts are decimal strings in the company's currency, dates ISO.
 * Anyone who may read the company (a viewer too) may export it; a bad param is a 400 naming the field.
 */
export function documentsCsvRoute(kind: DocumentKind) {
  const copy = DOCUMENT_COPY[kind];
  return companyRoute({ name: `GET ${copy.listPath}/export`, role: 'viewer' }, async ({ db, company }, request) => {
    const params = parseOrThrow(documentListParams, rawParamsOf(new URL(request.url).searchParams));
    // Every page of the view from its start, whatever page the screen was on: its filters in its order.
    const query = { ...filtersOf(params), sort: pageQueryOf(params).sort };
    const digits = currencyMinorDigits(company.baseCurrency);
    const money = (minor: number) => toDecimalString(minor, digits);
    async function* rows() {
      for await (const batch of allDocuments(db, company.id, kind, query)) {
        yield batch.map((d) => [
          d.number,
          d.reference,
          d.partyName,
          d.issueDate,
          d.dueDate,
          money(d.amountMinor),
          money(d.paidMinor),
          money(d.balanceMinor),
          STATUS_LABEL[d.status],
          d.categoryName,
          d.memo,
          d.ruleName,
        ]);
      }
    }
    return csvResponse(`${copy.plural.toLowerCase()}.csv`, HEADER, rows());
  });
}
