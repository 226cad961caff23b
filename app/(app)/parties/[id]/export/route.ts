import { csvResponse } from '@/lib/csv';
import { companyRoute } from '@/lib/http/route';
import { partyStatement } from '@/lib/ledger/party-statement';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';
import { recordId } from '@/lib/schemas/common';
import { parseOrThrow } from '@/lib/errors';
import { z } from 'zod';

const params = z.object({ id: recordId });

/** GET /parties/:id/export: a party's statement as CSV; another company's party is 404. */
export const GET = companyRoute<{ id: string }>({ name: 'GET /parties/:id/export', role: 'viewer' }, async ({ db, company }, _request, raw) => {
  const { id } = parseOrThrow(params, raw);
  const { party, lines } = await partyStatement(db, company.id, id);
  const digits = currencyMinorDigits(company.baseCurrency);
  const money = (minor: number | bigint) => toDecimalString(minor, digits);
  async function* batches() {
    yield lines.map((l) => [l.date, l.number, l.description, l.chargeMinor > 0 ? money(l.chargeMinor) : null, l.paymentMinor > 0 ? money(l.paymentMinor) : null, money(l.balanceMinor)]);
  }
  return csvResponse(`statement-${party.name}.csv`, ['Date', 'Entry', 'Description', 'Charges', 'Payments', 'Balance'], batches());
});
