// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '@/lib/http/action';
import type { RuleListData, RuleListRow } from './rule-list-data';
import { RuleList } from './rule-list';
import { RULE_LIST_KEY, RuleActionsProvider, type RuleActions } from './rule-operations';

vi.mock('next/navigation', () => ({
  useSearchParams: () => new URLSearchParams(),
  useRouter: () => ({ refresh: vi.fn(), push: vi.fn() }),
}));

afterEach(cleanup);

const row = (status: 'Active' | 'Paused'): RuleListRow => ({
  id: 7,
  name: 'Studio rent',
  type: 'expense',
  partyName: 'Landlord',
  amount: '$1,200.00',
  cadence: 'Monthly on the 1st',
  next: null,
  lastRun: null,
  status: status === 'Active' ? 'active' : 'paused',
  badge: { label: status, tone: status === 'Active' ? 'success' : 'warning' },
  reason: null,
  note: null,
  can: { pause: status === 'Active', resume: status === 'Paused', skipNext: true, force: true },
});

const dataWith = (status: 'Active' | 'Paused'): RuleListData => ({
  rows: [row(status)],
  total: 1,
  counts: { all: 1, active: status === 'Active' ? 1 : 0, paused: status === 'Paused' ? 1 : 0, ended: 0, completed: 0, needs_review: 0, failing: 0 },
  next: null,
  previous: null,
  runs: null,
});

/** The list with a list action that answers what the test hands it, when the test says so. */
async function renderList() {
  const answers: ((data: RuleListData) => void)[] = [];
  const list = vi.fn(() => new Promise<ActionResult<unknown>>((resolve) => answers.push((data) => resolve({ ok: true, data }))));
  const noop = vi.fn(async () => ({ ok: true as const, data: undefined }));
  const actions: RuleActions = { list, preview: vi.fn(async () => ({ ok: true as const, data: [] })), pause: noop, resume: noop, skipNext: noop, delete: noop };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RuleActionsProvider actions={actions}>
        <RuleList initial={{ query: {}, data: dataWith('Active'), at: Date.now() }} canWrite zone="UTC" today="2027-01-10" />
      </RuleActionsProvider>
    </QueryClientProvider>,
  );
  await screen.findByTestId('rule-7');
  return { client, list, answer: (data: RuleListData) => act(() => answers.shift()!(data)) };
}

const badge = () => within(screen.getByTestId('rule-7')).getByTestId('rule-status');

describe('RuleList', () => {
  it('holds its rows still while a row menu is open, and shows the refreshed rows once it closes', async () => {
    const user = userEvent.setup();
    const { client, list, answer } = await renderList();
    await user.click(screen.getByRole('button', { name: 'Actions for Studio rent' }));
    expect(await screen.findByRole('menuitem', { name: 'Skip next' })).toBeTruthy();

    // A refresh lands while the menu is open (an operation elsewhere paused the rule).
    await act(async () => void client.invalidateQueries({ queryKey: RULE_LIST_KEY }));
    await waitFor(() => expect(list).toHaveBeenCalledTimes(1));
    await answer(dataWith('Paused'));
    await waitFor(() => expect(client.getQueryData([...RULE_LIST_KEY, ''])).toEqual(dataWith('Paused')));
    // The row under the pointer has not changed, and the menu is still open on the same items.
    expect(badge().textContent).toBe('Active');
    expect(screen.getByRole('menuitem', { name: 'Skip next' })).toBeTruthy();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(badge().textContent).toBe('Paused'));
  });

  it('refreshes its rows at once when no menu or dialog is open', async () => {
    const { client, list, answer } = await renderList();
    await act(async () => void client.invalidateQueries({ queryKey: RULE_LIST_KEY }));
    await waitFor(() => expect(list).toHaveBeenCalledTimes(1));
    await answer(dataWith('Paused'));
    await waitFor(() => expect(badge().textContent).toBe('Paused'));
  });
});
