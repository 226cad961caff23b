import { csvResponse } from '@/lib/csv';
import { companyRoute } from '@/lib/http/route';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';
import { partyRows } from '../party-rows';

/** GET /parties/export: the parties screen as CSV, customers and vendors by name, balances as decimal strings. */
export const GET = companyRoute({ name: 'GET /parties/export', role: 'viewer' }, async ({ db, company }) => {
  const rows = await partyRows(db, company.id);
  const digits = currencyMinorDigits(company.baseCurrency);
  const money = (minor: bigint) => toDecimalString(minor, digits);
  async function* batches() {
    yield rows.map((p) => [p.kind === 'customer' ? 'Customer' : 'Vendor', p.name, p.email, money(p.receivableMinor), money(p.payableMinor), money(p.creditMinor)]);
  }
  return csvResponse('customers-and-vendors.csv', ['Kind', 'Name', 'Email', 'Owes you', 'You owe', 'Credit'], batches());
});
