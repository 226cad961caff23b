'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useState, type ReactNode, type RefObject } from 'react';
import { toast } from 'sonner';
import type { FormAction } from '@/components/forms/action-form';
import type { PreviewRow } from './rule-preview-data';
import type { RunSummaryView } from './run-summary';

/** The list's query key: every operation invalidates it, so the list shows what the operation did. */
export const RULE_LIST_KEY = ['recurring-rules'] as const;

/**
 * The server actions the recurring screens call, handed down by the page (a dev tool is absent when the tools are
 * off; a write is absent for a viewer, who is shown no write control).
 */
export interface RuleActions {
  list: FormAction<unknown>;
  preview: FormAction<PreviewRow[]>;
  pause?: FormAction<unknown>;
  resume?: FormAction<unknown>;
  skipNext?: FormAction<unknown>;
  delete?: FormAction<unknown>;
  runNow?: FormAction<RunSummaryView>;
  force?: FormAction<unknown>;
  simulate?: FormAction<RunSummaryView>;
  rawJson?: FormAction<string>;
  runDue?: FormAction<RunSummaryView>;
  simulateDue?: FormAction<RunSummaryView>;
}

interface ActionsContextValue {
  actions: RuleActions;
  /** Re-render the server-rendered page after an operation (the rule's page; the list refreshes through its query). */
  refreshPage: boolean;
}

const ActionsContext = createContext<ActionsContextValue | null>(null);

export function RuleActionsProvider({ actions, refreshPage = false, children }: { actions: RuleActions; refreshPage?: boolean; children: ReactNode }) {
  return <ActionsContext value={{ actions, refreshPage }}>{children}</ActionsContext>;
}

function useActionsContext(): ActionsContextValue {
  const value = useContext(ActionsContext);
  if (!value) throw new Error('recurring actions used outside RuleActionsProvider');
  return value;
}

export function useRuleActions(): RuleActions {
  return useActionsContext().actions;
}

/** A server action called with plain fields, its data on success, an Error with the shown message otherwise. */
export async function callAction<T>(action: FormAction<T>, fields: Record<string, string>): Promise<{ data: T; message?: string }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const result = await action(null, form);
  if (!result.ok) throw new Error(result.error.message);
  return { data: result.data, message: result.message };
}

/**
 * Runs an operation on a rule: a toast with its outcome, then the list (and a server-rendered page such as the
 * rule's own) refreshed, or, with `navigateTo`, that page once it succeeded. `pending` names the operation in flight.
 */
export function useRuleOperation() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { refreshPage } = useActionsContext();
  const [pending, setPending] = useState<string | null>(null);

  async function run<T>(
    label: string,
    action: FormAction<T>,
    fields: Record<string, string>,
    options: { subject?: string; toastResult?: boolean; navigateTo?: string } = {},
  ) {
    setPending(label);
    let done = false;
    try {
      const { data, message } = await callAction(action, fields);
      done = true;
      if (options.toastResult !== false) toast.success(options.subject ? `${options.subject}: ${message ?? 'done'}` : (message ?? 'Done'));
      return data;
    } catch (error) {
      toast.error(options.subject ? `${options.subject}: ${(error as Error).message}` : (error as Error).message);
      return undefined;
    } finally {
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: RULE_LIST_KEY });
      // A page the operation made pointless (a deleted rule's own) is left, not re-rendered.
      if (done && options.navigateTo) router.push(options.navigateTo);
      else if (refreshPage) router.refresh();
    }
  }

  return { run, pending };
}

/** What a dialog of a rule's menu shows (its preview, its stored JSON), asked for each time it opens. */
export function useRuleDialogQuery<T>(name: string, action: FormAction<T> | undefined, rule: { id: number }, open: boolean) {
  return useQuery({
    queryKey: [name, rule.id],
    queryFn: async () => (await callAction(action!, { ruleId: String(rule.id) })).data,
    enabled: open && action !== undefined,
    staleTime: 0,
  });
}

/** What every dialog opened from a rule's menu takes: its open state, the rule, and where focus goes back. */
export interface RuleDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  rule: { id: number; name: string };
  returnFocus?: RefObject<HTMLElement | null>;
}
