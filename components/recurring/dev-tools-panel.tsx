'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { RunSummary } from './dev-tool-dialogs';
import type { RunLogRow } from './rule-list-data';
import { useRuleActions, useRuleOperation } from './rule-operations';
import type { RunSummaryView } from './run-summary';

/** The run log's columns, and whether each holds a number. */
const RUN_COLUMNS = [
  ['Started', false],
  ['Trigger', false],
  ['Rules', true],
  ['Posted', true],
  ['Skipped', true],
  ['Failed', true],
  ['Duration', true],
  ['Errors', false],
] as const;
/** The counts under Rules, Posted, Skipped and Failed. */
const COUNT_KEYS = ['rules', 'posted', 'skipped', 'failures'] as const;

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/**
 * The list's developer tools (only rendered, and only callable, while they are on): run or simulate every due rule
 * of the company now, and the sweep's last runs with their trigger, counts, duration and errors.
 */
export function DevToolsPanel({ runs }: { runs: RunLogRow[] }) {
  const actions = useRuleActions();
  const { run, pending } = useRuleOperation();
  const [summary, setSummary] = useState<RunSummaryView | null>(null);
  return (
    <section aria-labelledby="dev-tools-heading" className="panel grid gap-3" data-testid="dev-tools">
      <h2 id="dev-tools-heading" className="m-0">
        Developer tools
      </h2>
      <p className="m-0 text-sm text-muted-foreground">On under next dev or with AILEGR_DEV_TOOLS=true; never in production.</p>
      <div className="flex flex-wrap gap-2">
        {actions.runDue && (
          <Button variant="outline" disabled={pending !== null} onClick={async () => setSummary((await run('Run due now', actions.runDue!, {})) ?? null)}>
            {pending === 'Run due now' ? 'Running…' : 'Run due now'}
          </Button>
        )}
        {actions.simulateDue && (
          <Button
            variant="outline"
            disabled={pending !== null}
            onClick={async () => setSummary((await run('Simulate due', actions.simulateDue!, {}, { toastResult: false })) ?? null)}
          >
            {pending === 'Simulate due' ? 'Simulating…' : 'Simulate due'}
          </Button>
        )}
      </div>
      {summary && <RunSummary summary={summary} />}
      <h3 className="m-0 text-base font-semibold">Sweep runs</h3>
      {runs.length === 0 ? (
        <p className="m-0 text-sm text-muted-foreground">No run yet.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Sweep runs" tabIndex={0}>
            <thead>
              <tr>
                {RUN_COLUMNS.map(([label, numeric]) => (
                  <th key={label} scope="col" className={numeric ? 'num' : undefined}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td className="date">{r.startedText}</td>
                  <td>
                    {r.trigger}
                    {r.ruleId !== null ? ` · rule #${r.ruleId}` : r.companyOnly ? '' : ' · every company'}
                  </td>
                  {r.counts ? (
                    <>
                      {COUNT_KEYS.map((key) => (
                        <td key={key} className="num">
                          {r.counts![key]}
                        </td>
                      ))}
                    </>
                  ) : (
                    <td colSpan={COUNT_KEYS.length} className="muted">
                      counts cover every company
                    </td>
                  )}
                  <td className="num whitespace-nowrap">{r.durationMs === null ? 'running' : seconds(r.durationMs)}</td>
                  <td>{r.errors.length ? r.errors.map((e) => `${e.ruleId !== null ? `#${e.ruleId}: ` : ''}${e.message}`).join('; ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
