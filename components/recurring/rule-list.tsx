'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PlusIcon } from 'lucide-react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/field';
import { DevToolsPanel } from './dev-tools-panel';
import { ListHoldProvider, useListHold } from './list-hold';
import type { RuleListData, RuleListRow } from './rule-list-data';
import { firstValues, ruleListQuery, searchParamsOf, SEARCH_MAX_LENGTH, STATUS_FILTERS, type RuleListQuery } from './rule-list-query';
import { TYPE_LABEL } from './rule-labels';
import { callAction, RULE_LIST_KEY, useRuleActions } from './rule-operations';
import { DateText } from '@/components/date-text';
import { RuleRowMenu } from './rule-row-menu';
import { RuleStatusBadge } from './rule-status-badge';
import { STATUS_FILTER_LABEL } from './rule-status';

/** The list refreshes itself about this often while its tab is visible (never in a hidden one). */
const REFRESH_MS = 60_000;
/** Typing in the search box asks the server once the typing pauses this long. */
const SEARCH_DEBOUNCE_MS = 300;

const queryKeyOf = (query: RuleListQuery) => [...RULE_LIST_KEY, searchParamsOf(query).toString()] as const;

/**
 * Shows another query in the address bar. Next.js follows the history API (useSearchParams changes) without asking
 * the server for the page again: the list's query fetches only the list. Pages are pushed, so Back goes back.
 */
function navigate(next: RuleListQuery, mode: 'push' | 'replace' = 'replace') {
  const params = searchParamsOf(next).toString();
  const url = `${window.location.pathname}${params ? `?${params}` : ''}`;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/**
 * The Settings → Recurring list: filters, search and pages asked of the server, each rule with its ⋯ menu. The
 * first page arrives rendered with the page; TanStack Query then keeps it fresh: after every operation, when the
 * tab becomes visible again, and every minute while it is visible. The filters live in the URL (a GET form, so
 * they work before the script loads), and change it in place.
 */
export function RuleList({
  initial,
  canWrite,
  zone,
  today,
}: {
  initial: { query: RuleListQuery; data: RuleListData; at: number };
  canWrite: boolean;
  zone: string;
  today: string;
}) {
  const actions = useRuleActions();
  const searchParams = useSearchParams();
  const query = ruleListQuery.parse(firstValues(Object.fromEntries(searchParams)));
  const initialKey = searchParamsOf(initial.query).toString();
  const key = searchParamsOf(query).toString();
  const { held, value: holdValue } = useListHold();
  const list = useQuery({
    queryKey: queryKeyOf(query),
    queryFn: async () => (await callAction(actions.list, Object.fromEntries(searchParamsOf(query)))).data as RuleListData,
    initialData: key === initialKey ? initial.data : undefined,
    initialDataUpdatedAt: initial.at,
    placeholderData: keepPreviousData,
    // Fresh for a little while, so the first render does not ask again what the server just rendered.
    staleTime: 10_000,
    // Not while a row's menu or dialog is open (list-hold.tsx); the tab coming back asks again once it closes.
    refetchInterval: held ? false : REFRESH_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: held ? false : 'always',
  });
  const latestData = list.data ?? initial.data;
  // What the rows show holds still while a menu or dialog is open, then catches up at once.
  const [shown, setShown] = useState(latestData);
  if (!held && shown !== latestData) setShown(latestData);
  const data = held ? shown : latestData;

  const [search, setSearch] = useState(query.q ?? '');
  // The search box asks once typing pauses, from the first page.
  const latest = useRef(query);
  useEffect(() => {
    latest.current = query;
  });
  useEffect(() => {
    if ((latest.current.q ?? '') === search.trim()) return;
    const timer = setTimeout(() => navigate({ ...latest.current, q: search.trim() || undefined, after: undefined, before: undefined }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    navigate({ ...ruleListQuery.parse(Object.fromEntries(form)), after: undefined, before: undefined });
  };
  const filtered = Boolean(query.q || query.type || query.status);

  if (data.counts.all === 0 && !filtered) {
    return (
      <div className="empty grid justify-items-start gap-3" data-testid="rules-empty">
        <p className="m-0">No recurring rules yet. A rule posts an invoice or a bill on its own, on the dates you choose.</p>
        {canWrite && <NewRuleButton />}
      </div>
    );
  }

  return (
    <div className="grid grid-cols-1 gap-4">
      <form role="search" aria-label="Filter rules" method="get" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-48 flex-1 flex-col gap-1.5">
          <Label htmlFor="rule-search">Search</Label>
          <Input
            id="rule-search"
            name="q"
            type="search"
            placeholder="Rule or party name"
            maxLength={SEARCH_MAX_LENGTH}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <FilterSelect name="type" label="Type" value={query.type} onChange={(type) => navigate({ ...query, ...ruleListQuery.pick({ type: true }).parse({ type }), after: undefined, before: undefined })}>
          <option value="">All types</option>
          <option value="invoice">Invoices</option>
          <option value="expense">Expenses</option>
        </FilterSelect>
        <FilterSelect
          name="status"
          label="Status"
          value={query.status}
          onChange={(status) => navigate({ ...query, ...ruleListQuery.pick({ status: true }).parse({ status }), after: undefined, before: undefined })}
        >
          <option value="">All statuses ({data.counts.all})</option>
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {STATUS_FILTER_LABEL[status]} ({data.counts[status]})
            </option>
          ))}
        </FilterSelect>
        {/* Without a script the form is submitted by this button; with one, every change already applied. */}
        <Button type="submit" variant="outline">
          Apply
        </Button>
        {canWrite && <NewRuleButton className="ml-auto" />}
      </form>

      <p className="m-0 text-sm text-muted-foreground" aria-live="polite" data-testid="rule-count">
        {filtered ? `${data.total} of ${data.counts.all} rules match` : `${data.total} ${data.total === 1 ? 'rule' : 'rules'}`}
        {list.isFetching && !list.isPending ? <span className="sr-only"> (refreshing)</span> : null}
        {list.isError ? <span className="text-destructive"> · could not refresh: {list.error.message}</span> : null}
      </p>

      {data.rows.length === 0 ? (
        <div className="empty grid justify-items-start gap-2">
          <p className="m-0">No rules match these filters.</p>
          <Button variant="outline" size="sm" onClick={() => { setSearch(''); navigate({}); }}>
            Clear filters
          </Button>
        </div>
      ) : (
        <ListHoldProvider value={holdValue}>
          <RuleTable rows={data.rows} today={today} zone={zone} />
        </ListHoldProvider>
      )}

      {(data.previous || data.next) && (
        <nav aria-label="Pages of rules" className="flex justify-between gap-3">
          {data.previous ? <PageLink query={{ ...query, after: undefined, before: data.previous }}>← Previous</PageLink> : <span />}
          {data.next && <PageLink query={{ ...query, before: undefined, after: data.next }}>Next →</PageLink>}
        </nav>
      )}

      {data.runs && <DevToolsPanel runs={data.runs} />}
    </div>
  );
}

/** One of the list's filters: a labelled select whose every change applies at once (through `onChange`). */
function FilterSelect({
  name,
  label,
  value,
  onChange,
  children,
}: {
  name: 'type' | 'status';
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={`rule-${name}`}>{label}</Label>
      <NativeSelect id={`rule-${name}`} name={name} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        {children}
      </NativeSelect>
    </div>
  );
}

/** A link to another page of the list: a plain link without a script, an in-place page change (pushed) with one. */
function PageLink({ query, children }: { query: RuleListQuery; children: ReactNode }) {
  return (
    <a
      href={`?${searchParamsOf(query)}`}
      onClick={(event) => {
        event.preventDefault();
        navigate(query, 'push');
      }}
    >
      {children}
    </a>
  );
}

function NewRuleButton({ className }: { className?: string }) {
  return (
    <Button render={<Link href="/settings/recurring/new" />} nativeButton={false} className={className}>
      <PlusIcon aria-hidden />
      New rule
    </Button>
  );
}

/**
 * The rules as a table; on a phone each row stacks into a card (the labels come from `data-label`), so the page
 * never scrolls sideways.
 */
function RuleTable({ rows, today, zone }: { rows: RuleListRow[]; today: string; zone: string }) {
  const cell = 'max-sm:block max-sm:border-0 max-sm:px-0 max-sm:py-0.5';
  const labelled = `${cell} max-sm:before:mr-2 max-sm:before:whitespace-nowrap max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:text-muted-foreground max-sm:before:uppercase max-sm:before:content-[attr(data-label)]`;
  return (
    <div className="max-sm:overflow-visible sm:overflow-x-auto">
      <table aria-label="Recurring rules" className="rule-table max-sm:block max-sm:border-0 max-sm:bg-transparent">
        <caption className="sr-only">Times are in {zone}.</caption>
        <thead className="max-sm:sr-only">
          <tr>
            <th scope="col">Rule</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Cadence</th>
            <th scope="col">Next run</th>
            <th scope="col">Last run</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="max-sm:grid max-sm:gap-3">
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid={`rule-${row.id}`}
              className="max-sm:relative max-sm:grid max-sm:gap-1 max-sm:rounded-lg max-sm:border max-sm:border-border max-sm:bg-card max-sm:p-3 max-sm:pr-12"
            >
              <td className={cell}>
                <Link href={`/settings/recurring/${row.id}`} className="font-medium">
                  {row.name}
                </Link>
                <span className="sub">
                  {TYPE_LABEL[row.type]} · {row.partyName}
                </span>
              </td>
              <td className={`num whitespace-nowrap max-sm:text-left ${labelled}`} data-label="Amount">
                {row.amount}
              </td>
              <td className={labelled} data-label="Cadence">
                {row.cadence}
              </td>
              <td className={labelled} data-label="Next run">
                {row.next ? (
                  <>
                    <span className="whitespace-nowrap">{row.next.runAt}</span>{' '}
                    {row.next.date && (
                      <span className="sub whitespace-nowrap max-sm:inline max-sm:pl-2">
                        posts <DateText date={row.next.date} />
                      </span>
                    )}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className={`whitespace-nowrap ${labelled}`} data-label="Last run">
                {row.lastRun ?? <span className="muted">Never</span>}
              </td>
              <td className={cell}>
                <RuleStatusBadge view={row.badge} />
                {row.reason && row.reason !== row.badge.label && <span className="sub">{row.reason}</span>}
                {row.note && <span className="sub">{row.note}</span>}
              </td>
              <td className={`text-right max-sm:absolute max-sm:top-2 max-sm:right-2 ${cell}`}>
                <RuleRowMenu rule={row} today={today} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
