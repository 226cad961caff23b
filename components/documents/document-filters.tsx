import Link from 'next/link';
import type { SelectOption } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { STATUS_LABEL } from '@/components/status-badge';
import { DOCUMENT_STATUSES, type DocumentStatus } from '@/db/schema/enums';


const SORT_LABEL = { date: 'Issue date', number: 'Number', party: 'Party', amount: 'Amount', due: 'Due date' } as const;

/** What the filter form shows: the view's current values, as its URL holds them. */
export interface FilterValues {
  q?: string;
  status?: readonly DocumentStatus[];
  party?: number;
  from?: string;
  to?: string;
  rule?: string;
  sort?: keyof typeof SORT_LABEL;
  dir?: 'asc' | 'desc';
  size?: number;
}

interface DocumentFiltersProps {
  listPath: string;
  partyLabel: string;
  values: FilterValues;
  /** The fields the URL got wrong, each with its message. */
  errors: Partial<Record<keyof FilterValues, string>>;
  parties: readonly SelectOption[];
  rules: readonly SelectOption[];
  pageSizes: readonly number[];
}

/**
 * The filters of a document list as a plain GET form: submitting it puts the view in the URL, so it works
 * before the page hydrates, can be linked, and survives a reload.
 */
export function DocumentFilters({ listPath, partyLabel, values, errors, parties, rules, pageSizes }: DocumentFiltersProps) {
  const error = (field: keyof FilterValues) =>
    errors[field] ? (
      <p id={`filter-${field}-error`} className="text-sm text-destructive">
        {errors[field]}
      </p>
    ) : null;
  const described = (field: keyof FilterValues) =>
    errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `filter-${field}-error` } : {};
  const selected = new Set(values.status ?? []);
  return (
    <form method="get" action={listPath} role="search" aria-label="Filter the list" className="grid gap-3 rounded-lg border border-border bg-card p-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <label className="grid gap-1 text-sm lg:col-span-2">
          <span>Search</span>
          <Input type="search" name="q" defaultValue={values.q ?? ''} placeholder="Number, reference, party or memo" {...described('q')} />
          {error('q')}
        </label>
        <label className="grid gap-1 text-sm">
          <span>{partyLabel}</span>
          <NativeSelect name="party" defaultValue={values.party === undefined ? '' : String(values.party)} {...described('party')}>
            <option value="">Any</option>
            {parties.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </NativeSelect>
          {error('party')}
        </label>
        <label className="grid gap-1 text-sm">
          <span>Origin</span>
          <NativeSelect name="rule" defaultValue={values.rule ?? ''} {...described('rule')}>
            <option value="">Any origin</option>
            <option value="manual">Entered by hand</option>
            <option value="any">From any rule</option>
            {rules.map((r) => (
              <option key={r.value} value={r.value}>
                From rule {r.label}
              </option>
            ))}
          </NativeSelect>
          {error('rule')}
        </label>
        <label className="grid gap-1 text-sm">
          <span>Issued from</span>
          <Input type="date" name="from" defaultValue={values.from ?? ''} {...described('from')} />
          {error('from')}
        </label>
        <label className="grid gap-1 text-sm">
          <span>Issued to</span>
          <Input type="date" name="to" defaultValue={values.to ?? ''} {...described('to')} />
          {error('to')}
        </label>
        <label className="grid gap-1 text-sm">
          <span>Sort by</span>
          <NativeSelect name="sort" defaultValue={values.sort ?? 'date'}>
            {Object.entries(SORT_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm">
          <span>Order</span>
          <NativeSelect name="dir" defaultValue={values.dir ?? 'desc'}>
            <option value="desc">Descending</option>
            <option value="asc">Ascending</option>
          </NativeSelect>
        </label>
      </div>
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" {...described('status')}>
          <legend className="mb-1 text-sm">Status</legend>
          {DOCUMENT_STATUSES.map((status) => (
            <label key={status} className="inline-flex items-center gap-1.5">
              <input type="checkbox" name="status" value={status} defaultChecked={selected.has(status)} />
              {STATUS_LABEL[status]}
            </label>
          ))}
          {error('status')}
        </fieldset>
        <label className="grid gap-1 text-sm">
          <span>Rows a page</span>
          <NativeSelect name="size" defaultValue={String(values.size ?? 50)} className="w-24">
            {pageSizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </NativeSelect>
        </label>
        <div className="ml-auto flex gap-2">
          <Link href={listPath} className="inline-flex h-9 items-center px-2 text-sm underline-offset-4 hover:underline">
            Clear filters
          </Link>
          <Button type="submit">Apply</Button>
        </div>
      </div>
    </form>
  );
}
