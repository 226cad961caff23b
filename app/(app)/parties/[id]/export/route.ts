import { z } from 'zod';
import { csvResponse } from '@/lib/csv';
import { parseOrThrow } from '@/lib/errors';
import { companyRoute } from '@/lib/http/route';
import { partyStatement, statementRange } from '@/lib/ledger/party-statement';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';
import { recordId } from '@/lib/schemas/common';

const params = z.object({ id: recordId });

/**
 * GET /parties/:id/export[?from=&to=]: a party's statement as CSV, the rows the statement page shows for the same
 * dates (over a range: the opening balance first, the closing balance last). Another company's party is 404; dates
 * that cannot be used are a 400 naming the field.
 */
export const GET = companyRoute<{ id: string }>({ name: 'GET /parties/:id/export', role: 'viewer' }, async ({ db, company }, request, raw) => {
  const { id } = parseOrThrow(params, raw);
  const search = new URL(request.url).searchParams;
  const range = parseOrThrow(statementRange, { from: search.get('from') ?? undefined, to: search.get('to') ?? undefined });
  const { party, lines, openingMinor, closingMinor } = await partyStatement(db, company.id, id, range);
  const digits = currencyMinorDigits(company.baseCurrency);
  const money = (minor: number | bigint) => toDecimalString(minor, digits);
  const ranged = range.from !== undefined || range.to !== undefined;
  async function* batches() {
    if (range.from !== undefined) yield [[range.from, null, 'Opening balance', null, null, money(openingMinor)]];
    yield lines.map((l) => [l.date, l.number, l.description, l.chargeMinor > 0 ? money(l.chargeMinor) : null, l.paymentMinor > 0 ? money(l.paymentMinor) : null, money(l.balanceMinor)]);
    if (ranged) yield [[range.to ?? lines.at(-1)?.date ?? range.from ?? null, null, 'Closing balance', null, null, money(closingMinor)]];
  }
  return csvResponse(`statement-${party.name}.csv`, ['Date', 'Entry', 'Description', 'Charges', 'Payments', 'Balance'], batches());
});
