import Link from 'next/link';
import { todayInZone } from '@/lib/dates/calendar-date';
import { balanceSheet, openBalancesByParty, profitAndLoss } from '@/lib/ledger/reports';
import { formatMoney } from '@/lib/money';
import { companyContext } from '@/lib/session/company-context';
import { ToEnter } from './_reminders/to-enter';

export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const { db, company } = await companyContext();
  const today = todayInZone(new Date(), company.timeZone ?? undefined);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const [pl, bs, receivables, payables] = await Promise.all([
    profitAndLoss(db, company.id, yearStart, today),
    balanceSheet(db, company.id, today),
    openBalancesByParty(db, company.id, 'invoice'),
    openBalancesByParty(db, company.id, 'bill'),
  ]);
  const money = (minor: bigint) => formatMoney(minor, company.baseCurrency);
  const total = (list: { openMinor: bigint }[]) => list.reduce((t, r) => t + r.openMinor, 0n);
  return (
    <>
      <h1>{company.name}</h1>
      <p className="muted">Books as of {today} ({company.timeZone ?? 'UTC'}).</p>
      <section className="cards">
        <Link className="card" href="/invoices">
          <span>Open receivables</span>
          <strong data-testid="open-ar">{money(total(receivables))}</strong>
        </Link>
        <Link className="card" href="/expenses">
          <span>Open payables</span>
          <strong data-testid="open-ap">{money(total(payables))}</strong>
        </Link>
        <Link className="card" href="/reports/profit-and-loss">
          <span>Net income this year</span>
          <strong>{money(pl.netIncomeMinor)}</strong>
        </Link>
        <Link className="card" href="/reports/balance-sheet">
          <span>Total assets</span>
          <strong>{money(bs.totalAssetsMinor)}</strong>
        </Link>
      </section>
      <ToEnter />
    </>
  );
}
