'use client';

import { ColumnHeads } from '@/components/column-heads';
import { useCompanyLocale } from '@/components/company-locale';
import { DateText } from '@/components/date-text';
import type { CompanyLocale } from '@/db/schema/enums';
import { formatCalendarDate } from '@/lib/dates/display-date';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import type { RefObject } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { useRuleActions, useRuleDialogQuery, type RuleDialogProps } from './rule-operations';
import type { RunSummaryView } from './run-summary';

/** One line of a run's table per date: posted (or would be), skipped with its reason, or already posted. */
function linesOf(summary: RunSummaryView, locale: CompanyLocale) {
  return summary.rules.flatMap((rule) => [
    ...rule.posted.map((p) => ({
      key: `${rule.ruleId}-p-${p.date}`,
      ruleId: rule.ruleId,
      date: p.date,
      outcome: `${summary.dryRun ? 'Would post' : 'Posted'}, due ${formatCalendarDate(p.dueDate, locale)}`,
      reference: p.reference as string | null,
    })),
    ...rule.skipped.map((s) => ({ key: `${rule.ruleId}-s-${s.date}`, ruleId: rule.ruleId, date: s.date, outcome: s.reason, reference: null })),
    ...rule.duplicates.map((d) => ({ key: `${rule.ruleId}-d-${d}`, ruleId: rule.ruleId, date: d, outcome: 'Already posted', reference: null })),
  ]);
}

/** What a run or a dry run did (or would do), rule by rule. */
export function RunSummary({ summary }: { summary: RunSummaryView }) {
  const locale = useCompanyLocale();
  return (
    <div className="grid gap-3 text-sm" data-testid="run-summary">
      <p className="m-0 font-medium">{summary.headline}</p>
      {summary.rules.length > 0 && (
        <div className="table-wrap">
          <table aria-label={summary.dryRun ? 'What would be posted' : 'What was posted'} tabIndex={0}>
            <ColumnHeads columns={['Rule', 'Date', 'Outcome', 'Reference']} />
            <tbody>
              {linesOf(summary, locale).map((line) => (
                <tr key={line.key}>
                  <td>#{line.ruleId}</td>
                  <td className="date">
                    <DateText date={line.date} />
                  </td>
                  <td>{line.outcome}</td>
                  <td className={line.reference ? 'date' : undefined}>{line.reference ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {summary.rules.some((r) => r.review) && (
        <ul className="m-0 pl-5">
          {summary.rules.filter((r) => r.review).map((r) => (
            <li key={r.ruleId}>
              #{r.ruleId}: {r.review}
            </li>
          ))}
        </ul>
      )}
      {summary.failures.length > 0 && (
        <ul className="m-0 pl-5 text-destructive">
          {summary.failures.map((f) => (
            <li key={f.ruleId}>
              #{f.ruleId}: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function RunSummaryDialog({
  open,
  onOpenChange,
  title,
  summary,
  returnFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  summary: RunSummaryView;
  returnFocus?: RefObject<HTMLElement | null>;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl" finalFocus={returnFocus}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{summary.dryRun ? 'A dry run: nothing was written.' : 'What this run wrote.'}</DialogDescription>
        </DialogHeader>
        <RunSummary summary={summary} />
      </DialogContent>
    </Dialog>
  );
}

/** The rule as stored, asked for when the dialog opens. */
export function RawJsonDialog({
  open,
  onOpenChange,
  rule,
  returnFocus,
}: RuleDialogProps) {
  const raw = useRuleDialogQuery('recurring-rule-raw', useRuleActions().rawJson, rule, open);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl" finalFocus={returnFocus}>
        <DialogHeader>
          <DialogTitle>Raw JSON: {rule.name}</DialogTitle>
          <DialogDescription>The rule as stored.</DialogDescription>
        </DialogHeader>
        {raw.isPending ? (
          <Skeleton className="h-40" />
        ) : raw.isError ? (
          <p role="alert" className="form-error">
            {raw.error.message}
          </p>
        ) : (
          <pre data-testid="raw-json" tabIndex={0} aria-label="The rule as stored" className="m-0 max-h-[60dvh] overflow-auto rounded-md bg-muted p-3 text-xs">
            {raw.data}
          </pre>
        )}
      </DialogContent>
    </Dialog>
  );
}
