'use client';

import { useQuery } from '@tanstack/react-query';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import type { RefObject } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { callAction, useRuleActions, type RuleDialogProps } from './rule-operations';
import type { RunSummaryView } from './run-summary';

/** What a run or a dry run did (or would do), rule by rule. */
export function RunSummary({ summary }: { summary: RunSummaryView }) {
  return (
    <div className="grid gap-3 text-sm" data-testid="run-summary">
      <p className="m-0 font-medium">{summary.headline}</p>
      {summary.rules.length > 0 && (
        <div className="table-wrap">
          <table aria-label={summary.dryRun ? 'What would be posted' : 'What was posted'} tabIndex={0}>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Date</th>
                <th scope="col">Outcome</th>
                <th scope="col">Reference</th>
              </tr>
            </thead>
            <tbody>
              {summary.rules.flatMap((rule) => [
                ...rule.posted.map((p) => (
                  <tr key={`${rule.ruleId}-p-${p.date}`}>
                    <td>#{rule.ruleId}</td>
                    <td className="date">
                      <time dateTime={p.date}>{p.date}</time>
                    </td>
                    <td>{summary.dryRun ? `Would post, due ${p.dueDate}` : `Posted, due ${p.dueDate}`}</td>
                    <td className="date">{p.reference}</td>
                  </tr>
                )),
                ...rule.skipped.map((s) => (
                  <tr key={`${rule.ruleId}-s-${s.date}`}>
                    <td>#{rule.ruleId}</td>
                    <td className="date">
                      <time dateTime={s.date}>{s.date}</time>
                    </td>
                    <td>{s.reason}</td>
                    <td>—</td>
                  </tr>
                )),
                ...rule.duplicates.map((d) => (
                  <tr key={`${rule.ruleId}-d-${d}`}>
                    <td>#{rule.ruleId}</td>
                    <td className="date">
                      <time dateTime={d}>{d}</time>
                    </td>
                    <td>Already posted</td>
                    <td>—</td>
                  </tr>
                )),
              ])}
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
  const actions = useRuleActions();
  const raw = useQuery({
    queryKey: ['recurring-rule-raw', rule.id],
    queryFn: async () => (await callAction(actions.rawJson!, { ruleId: String(rule.id) })).data,
    enabled: open && actions.rawJson !== undefined,
    staleTime: 0,
  });
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
