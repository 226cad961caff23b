import Link from 'next/link';
import { notFound } from 'next/navigation';
import { StatementTable } from '@/components/parties/statement-table';
import { DateFilter, QueryError, queryProblems, reportHref } from '@/components/reports/date-filter';
import { queryValue } from '@/components/reports/report-table';
import { todayInZone } from '@/lib/dates/calendar-date';
import { AppError } from '@/lib/errors';
import { partyStatement, statementRange, type StatementRange } from '@/lib/ledger/party-statement';
import { matchingPreset, PERIOD_PRESETS, PRESET_LABELS, presetPeriod } from '@/lib/ledger/report-periods';
import { formatMoney } from '@/lib/money';
import { recordId } from '@/lib/schemas/common';
import { companyContext } from '@/lib/session/company-context';

export const metadata = { title: 'Statement' };

/** What the closing balance means, in the party's words. */
function closingText(kind: 'customer' | 'vendor', closingMinor: bigint, money: (minor: bigint) => string): string {
  if (closingMinor === 0n) return 'Settled: nothing is owed either way.';
  if (kind === 'customer') return closingMinor > 0n ? `They owe you ${money(closingMinor)}.` : `They have ${money(-closingMinor)} of credit.`;
  return closingMinor > 0n ? `You owe them ${money(closingMinor)}.` : `They owe you ${money(-closingMinor)}.`;
}

/**
 * A customer's or vendor's statement (another company's party, or a deleted one, is "not found"): every entry, or
 * those of a date range (`?from=&to=`, presets like the reports'), opening with the balance before it. Dates that
 * cannot be used are named and the whole statement is shown instead.
 */
export default async function PartyStatementPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = recordId.safeParse((await params).id);
  if (!id.success) notFound();
  const [query, { db, company }] = await Promise.all([searchParams, companyContext()]);
  const parsed = statementRange.safeParse({ from: queryValue(query.from), to: queryValue(query.to) });
  const range: StatementRange = parsed.success ? parsed.data : {};
  const statement = await partyStatement(db, company.id, id.data, range).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const { party, lines, openingMinor, closingMinor } = statement;
  const money = (minor: bigint) => formatMoney(minor, company.baseCurrency);
  const path = `/parties/${party.id}`;
  const today = todayInZone(new Date(), company.timeZone ?? undefined);
  const current = range.from && range.to ? matchingPreset({ from: range.from, to: range.to }, today) : null;
  const ranged = range.from !== undefined || range.to !== undefined;
  return (
    <>
      <header className="page-head">
        <p className="muted">
          <Link href="/parties">Customers &amp; vendors</Link> / {party.kind === 'customer' ? 'Customer' : 'Vendor'}
        </p>
        <h1>Statement of {party.name}</h1>
        <p className="muted">
          <span data-testid="statement-closing">
            {ranged && range.to ? 'At the end of the range: ' : ''}
            {closingText(party.kind, closingMinor, money)}
          </span>{' '}
          <a href={reportHref(`${path}/export`, { from: range.from, to: range.to })} download>
            Export CSV
          </a>
        </p>
      </header>
      <DateFilter
        path={path}
        fields={[
          { name: 'from', label: 'From', value: queryValue(query.from) ?? '' },
          { name: 'to', label: 'To', value: queryValue(query.to) ?? '' },
        ]}
        presets={[
          { label: 'All entries', href: path, current: !ranged },
          ...PERIOD_PRESETS.map((p) => ({ label: PRESET_LABELS[p], href: reportHref(path, { ...presetPeriod(p, today) }), current: p === current })),
        ]}
      />
      <QueryError problems={queryProblems(parsed, { from: 'From', to: 'To' })} />
      <StatementTable
        kind={party.kind}
        name={party.name}
        lines={lines}
        currency={company.baseCurrency}
        range={ranged ? { from: range.from ?? null, to: range.to ?? null, openingMinor, closingMinor } : null}
      />
    </>
  );
}
