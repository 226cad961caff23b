import Link from 'next/link';
import { formatInstant } from '@/lib/dates/format-instant';
import { listParties } from '@/lib/ledger/parties';
import { formatMoney } from '@/lib/money';
import { describeSchedule } from '@/lib/recurring/calendar';
import { ruleStateOf, scheduleOf } from '@/lib/recurring/rule-state';
import { listRules } from '@/lib/recurring/rules';
import { upcomingOccurrences } from '@/lib/recurring/upcoming';
import { companyContext } from '@/lib/session/company-context';
import { STATUS_LABEL } from './rule-labels';

export const metadata = { title: 'Recurring' };

const UPCOMING = 3;

export default async function RecurringPage() {
  const { db, company } = await companyContext();
  const [rules, parties] = await Promise.all([listRules(db, company.id), listParties(db, company.id)]);
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  return (
    <>
      <h1>Recurring rules</h1>
      <p className="muted">
        Rules post on their own date at local midnight in {company.timeZone ?? 'UTC'}. Each date posts once; anything not
        posted is recorded with its reason.
      </p>
      {rules.length === 0 ? (
        <p className="panel">No recurring rules yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Rule</th>
              <th>Party</th>
              <th className="num">Amount</th>
              <th>Cadence</th>
              <th>Next run</th>
              <th>Next dates</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => {
              const schedule = scheduleOf(rule);
              const upcoming = rule.status === 'active' || rule.status === 'paused'
                ? upcomingOccurrences(ruleStateOf(rule), UPCOMING, company.timeZone ?? undefined).map((o) => o.date)
                : [];
              return (
                <tr key={rule.id} data-testid={`rule-${rule.id}`}>
                  <td>
                    <Link href={`/settings/recurring/${rule.id}`}>{rule.name}</Link>
                    <div className="muted">{rule.type === 'invoice' ? 'Invoice' : 'Expense'}</div>
                  </td>
                  <td>{partyName.get(rule.partyId) ?? '—'}</td>
                  <td className="num">{formatMoney(rule.amountMinor, company.baseCurrency)}</td>
                  <td>{describeSchedule(schedule)}</td>
                  <td>{rule.status === 'active' ? formatInstant(rule.nextRunAt, company.timeZone) : '—'}</td>
                  <td>{upcoming.join(', ') || '—'}</td>
                  <td>
                    <span className={`badge ${rule.status}`}>{STATUS_LABEL[rule.status]}</span>
                    {rule.statusReason && rule.status !== 'active' ? <div className="muted">{rule.statusReason}</div> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
