import { RuleList } from '@/components/recurring/rule-list';
import { loadRuleList } from '@/components/recurring/rule-list-data';
import { firstValues, ruleListQuery } from '@/components/recurring/rule-list-query';
import { RuleActionsProvider } from '@/components/recurring/rule-operations';
import { canRecord } from '@/components/forms/read-only-note';
import { todayInZone } from '@/lib/dates/calendar-date';
import { devToolsEnabled } from '@/lib/dev-tools';
import { companyContext } from '@/lib/session/company-context';
import { ToEnter } from '../../_reminders/to-enter';
import { recurringActionsFor } from './recurring-actions';

export const metadata = { title: 'Recurring' };

/**
 * Settings → Recurring. The first page of the list is rendered here, so the page works and is complete before its
 * script loads; the list then refreshes itself through `listRulesAction`.
 */
export default async function RecurringPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, company, role } = await companyContext();
  const devTools = devToolsEnabled();
  const query = ruleListQuery.parse(firstValues(await searchParams));
  const data = await loadRuleList(db, company, query, { devTools });
  const zone = company.timeZone ?? 'UTC';
  const now = new Date();
  return (
    <>
      <header className="page-head">
        <h1>Recurring rules</h1>
        <p className="muted">
          Rules post on their own date at local midnight in {zone}. Each date posts once; anything not posted is recorded with its
          reason.
        </p>
      </header>
      <ToEnter />
      <RuleActionsProvider actions={recurringActionsFor(role, devTools)}>
        <RuleList
          initial={{ query, data, at: now.getTime() }}
          canWrite={canRecord(role)}
          zone={zone}
          today={todayInZone(now, company.timeZone ?? undefined)}
        />
      </RuleActionsProvider>
    </>
  );
}
