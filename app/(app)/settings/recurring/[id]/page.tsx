import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatInstant } from '@/lib/dates/format-instant';
import { AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { describeSchedule } from '@/lib/recurring/calendar';
import { previewRule } from '@/lib/recurring/preview';
import { scheduleOf } from '@/lib/recurring/rule-state';
import { getRuleOrThrow, ruleHistory } from '@/lib/recurring/rules';
import { companyContext } from '@/lib/session/company-context';
import { SKIP_LABEL, STATUS_LABEL } from '../rule-labels';

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, company } = await companyContext();
  const ruleId = Number(id);
  if (!Number.isSafeInteger(ruleId) || ruleId <= 0) notFound();
  const rule = await getRuleOrThrow(db, company.id, ruleId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const [preview, history] = await Promise.all([previewRule(db, company.id, rule.id, 5), ruleHistory(db, company.id, rule.id, 100)]);
  const money = (minor: number) => formatMoney(minor, company.baseCurrency);
  return (
    <>
      <p>
        <Link href="/settings/recurring">← Recurring rules</Link>
      </p>
      <h1>{rule.name}</h1>
      <dl className="facts">
        <dt>Cadence</dt>
        <dd>{describeSchedule(scheduleOf(rule))}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`badge ${rule.status}`}>{STATUS_LABEL[rule.status]}</span> {rule.statusReason ?? ''}
        </dd>
        <dt>Amount</dt>
        <dd>{money(rule.amountMinor)}</dd>
        <dt>Next run</dt>
        <dd>{rule.status === 'active' ? formatInstant(rule.nextRunAt, company.timeZone) : '—'}</dd>
        <dt>Last run</dt>
        <dd>{formatInstant(rule.lastRunAt, company.timeZone)}</dd>
        <dt>Posted</dt>
        <dd>
          {rule.occurrencesPosted}
          {rule.maxOccurrences ? ` of ${rule.maxOccurrences}` : ''}
        </dd>
        <dt>Due terms</dt>
        <dd>{rule.dueDate ? `Due ${rule.dueDate} (manual)` : `Net ${rule.dueDays}`}</dd>
        <dt>Catch-up</dt>
        <dd>{{ all: 'Post every missed date', latest: 'Post only the latest missed date', none: 'Post nothing missed' }[rule.catchUp]}</dd>
        {rule.pauseUntil ? (
          <>
            <dt>Pause until</dt>
            <dd>{rule.pauseUntil}</dd>
          </>
        ) : null}
      </dl>

      <h2>Next occurrences</h2>
      {preview.length === 0 ? (
        <p className="muted">Nothing left to post.</p>
      ) : (
        <table data-testid="preview">
          <thead>
            <tr>
              <th>Date</th>
              <th>Posts at</th>
              <th>Due</th>
              <th>Journal lines</th>
            </tr>
          </thead>
          <tbody>
            {preview.map((p) => (
              <tr key={p.occurrenceDate}>
                <td>
                  {p.occurrenceDate}
                  {p.skipReason ? <div className="muted">{SKIP_LABEL[p.skipReason]}</div> : null}
                </td>
                <td>{formatInstant(p.runAt, company.timeZone)}</td>
                <td>{p.dueDate}</td>
                <td>
                  {p.lines.map((l) => (
                    <div key={l.side}>
                      {l.side} {l.accountCode} {l.accountName} {money(l.amountMinor)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>History</h2>
      {history.length === 0 ? (
        <p className="muted">Nothing has run yet.</p>
      ) : (
        <table data-testid="history">
          <thead>
            <tr>
              <th>Date</th>
              <th>Outcome</th>
              <th>Document</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={`${h.occurrenceDate}-${h.outcome}-${i}`}>
                <td>{h.occurrenceDate ?? '—'}</td>
                <td>{h.outcome === 'posted' ? 'Posted' : h.outcome === 'skipped' && h.reason ? SKIP_LABEL[h.reason as keyof typeof SKIP_LABEL] : `${h.outcome.replaceAll('_', ' ')}: ${h.message ?? ''}`}</td>
                <td>{h.documentNumber ? `${h.documentNumber} (${h.reference})` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
