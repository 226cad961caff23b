import Link from 'next/link';
import { DateText } from '@/components/date-text';
import { CATCH_UP_LABEL, OUTCOME_LABEL, SKIP_LABEL, TYPE_LABEL } from '@/components/recurring/rule-labels';
import { menuRuleOf } from '@/components/recurring/rule-list-data';
import { previewRowsOf } from '@/components/recurring/rule-preview-data';
import { RuleActionsProvider } from '@/components/recurring/rule-operations';
import { RuleRowMenu } from '@/components/recurring/rule-row-menu';
import { PreviewTable } from '@/components/recurring/preview-table';
import { RuleStatusBadge } from '@/components/recurring/rule-status-badge';
import { ruleStatusView } from '@/components/recurring/rule-status';
import { todayInZone } from '@/lib/dates/calendar-date';
import { formatCalendarDate } from '@/lib/dates/display-date';
import { formatInstant } from '@/lib/dates/format-instant';
import { devToolsEnabled } from '@/lib/dev-tools';
import { formatMoney } from '@/lib/money';
import { describeSchedule } from '@/lib/recurring/calendar-words';
import { previewRule } from '@/lib/recurring/preview';
import { ruleLogPage, type RuleLogEntry } from '@/lib/recurring/rule-log';
import { scheduleOf } from '@/lib/recurring/rule-state';
import { companyContext } from '@/lib/session/company-context';
import { recurringActionsFor } from '../recurring-actions';
import { ruleOrNotFound } from './rule-or-not-found';

export const metadata = { title: 'Recurring rule' };

/** Occurrences the rule page previews. */
const PREVIEW_COUNT = 12;

/** The log entry's outcome in words: a skip says why, a failure what went wrong. */
function outcomeText(entry: RuleLogEntry): string {
  if (entry.outcome === 'posted') return OUTCOME_LABEL.posted;
  if (entry.outcome === 'skipped') return entry.reason ? SKIP_LABEL[entry.reason] : OUTCOME_LABEL.skipped;
  return entry.message ? `${OUTCOME_LABEL[entry.outcome]}: ${entry.message}` : OUTCOME_LABEL[entry.outcome];
}

/**
 * A rule's own page: what it posts and when, its status with the reason, its next occurrences, and its log (every
 * occurrence posted with a link to the document, skipped with the reason, failed), fifty entries a page (?page=N).
 */
export default async function RulePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { page: pageParam } = await searchParams;
  const { db, company, role } = await companyContext();
  const rule = await ruleOrNotFound(db, company.id, id);
  const requested = Number(Array.isArray(pageParam) ? pageParam[0] : pageParam);
  const [preview, log] = await Promise.all([
    rule.status === 'active' || rule.status === 'paused' ? previewRule(db, company.id, rule.id, PREVIEW_COUNT) : Promise.resolve([]),
    ruleLogPage(db, company.id, rule.id, Number.isSafeInteger(requested) && requested > 0 ? requested : 1),
  ]);
  const zone = company.timeZone ?? undefined;
  const locale = company.locale;
  const badge = ruleStatusView(rule, locale);
  const reason = rule.status !== 'active' ? rule.statusReason : rule.consecutiveFailures > 0 ? rule.lastError : null;
  const runs = rule.status === 'active' || (rule.status === 'paused' && rule.resumeOn !== null);
  const pageHref = (n: number) => `/settings/recurring/${rule.id}${n > 1 ? `?page=${n}` : ''}#log`;

  return (
    <>
      <p className="m-0">
        <Link href="/settings/recurring">← Recurring rules</Link>
      </p>
      <header className="page-head">
        <div className="grid gap-1">
          <h1>{rule.name}</h1>
          <p className="muted">
            {TYPE_LABEL[rule.type]} · times in {company.timeZone ?? 'UTC'}
          </p>
        </div>
        {/* The list row's own ⋯ menu; each operation re-renders this page, and a deleted rule's page goes back to the list. */}
        <div className="page-actions">
          <RuleActionsProvider actions={recurringActionsFor(role, devToolsEnabled())} refreshPage>
            <RuleRowMenu rule={menuRuleOf(rule)} today={todayInZone(new Date(), zone)} afterDelete="/settings/recurring" />
          </RuleActionsProvider>
        </div>
      </header>

      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="rule-page-status">
          <RuleStatusBadge view={badge} />
          {reason && reason !== badge.label ? <span className="block text-[0.8rem] text-muted-foreground">{reason}</span> : null}
        </dd>
        <dt>Amount</dt>
        <dd>{formatMoney(rule.amountMinor, company.baseCurrency)}</dd>
        <dt>Cadence</dt>
        <dd>{describeSchedule(scheduleOf(rule))}</dd>
        <dt>Starts</dt>
        <dd className="date">
          <DateText date={rule.startDate} />
        </dd>
        <dt>Ends</dt>
        <dd>
          {rule.endDate ? <DateText date={rule.endDate} /> : rule.maxOccurrences ? `After ${rule.maxOccurrences} occurrences` : 'Never'}
        </dd>
        <dt>Next run</dt>
        <dd className="date">
          {runs && rule.nextRunAt ? formatInstant(rule.nextRunAt, zone, locale) : '—'}
          {runs && rule.nextOccurrence ? (
            <span className="block text-[0.8rem] text-muted-foreground">
              posts <DateText date={rule.nextOccurrence} />
            </span>
          ) : null}
        </dd>
        <dt>Last run</dt>
        <dd className="date">{rule.lastRunAt ? formatInstant(rule.lastRunAt, zone, locale) : 'Never'}</dd>
        <dt>Posted</dt>
        <dd>
          {rule.occurrencesPosted}
          {rule.maxOccurrences ? ` of ${rule.maxOccurrences}` : ''}
        </dd>
        <dt>Due terms</dt>
        <dd>{rule.dueDate ? `Due ${formatCalendarDate(rule.dueDate, locale)} (manual)` : `Net ${rule.dueDays}`}</dd>
        <dt>Catch-up</dt>
        <dd>{CATCH_UP_LABEL[rule.catchUp]}</dd>
        {rule.pauseUntil ? (
          <>
            <dt>Skips dates through</dt>
            <dd className="date">
              <DateText date={rule.pauseUntil} />
            </dd>
          </>
        ) : null}
        {rule.resumeOn ? (
          <>
            <dt>Resumes on</dt>
            <dd className="date">
              <DateText date={rule.resumeOn} />
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="preview-heading" className="grid gap-2">
        <h2 id="preview-heading">Next occurrences</h2>
        <PreviewTable rows={previewRowsOf(preview, company.baseCurrency, company.timeZone, locale)} />
      </section>

      <section aria-labelledby="log" className="grid gap-2">
        <h2 id="log" tabIndex={-1}>
          Log
        </h2>
        {log.total === 0 ? (
          <p className="empty">Nothing has run yet.</p>
        ) : (
          <>
            <div className="table-wrap">
              <table data-testid="history" aria-label={`Log of ${rule.name}`}>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Document</th>
                    <th scope="col">Recorded</th>
                  </tr>
                </thead>
                <tbody>
                  {log.entries.map((entry, i) => (
                    <tr key={`${entry.occurrenceDate}-${entry.outcome}-${i}`}>
                      <td className="date">{entry.occurrenceDate ? <DateText date={entry.occurrenceDate} /> : '—'}</td>
                      <td>{outcomeText(entry)}</td>
                      <td className="date">
                        {entry.outcome === 'posted' ? (
                          <Link href={`/${entry.document.kind === 'invoice' ? 'invoices' : 'expenses'}/${entry.document.id}`}>
                            {entry.document.number} ({entry.document.reference})
                          </Link>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="date">{formatInstant(entry.at, zone, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {log.pages > 1 && (
              <nav aria-label="Pages of the log" className="flex items-center justify-between gap-3">
                {log.page > 1 ? <Link href={pageHref(log.page - 1)}>← Newer</Link> : <span />}
                <span className="text-sm text-muted-foreground">
                  Page {log.page} of {log.pages} · {log.total} entries
                </span>
                {log.page < log.pages ? <Link href={pageHref(log.page + 1)}>Older →</Link> : <span />}
              </nav>
            )}
          </>
        )}
      </section>
    </>
  );
}
