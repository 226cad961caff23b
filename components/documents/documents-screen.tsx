import Link from 'next/link';
import type { DocumentKind } from '@/db/schema/enums';
import type { FormAction } from '@/components/forms/action-form';
import { canRecord, ReadOnlyNote } from '@/components/forms/read-only-note';
import type { SelectOption } from '@/components/forms/field';
import { PartyForm } from '@/components/parties/party-form';
import type { DocumentListRow, DocumentSort } from '@/lib/ledger/document-list';
import type { Role } from '@/lib/auth/roles';
import { formatMoney } from '@/lib/money';
import { DOCUMENT_COPY } from './document-copy';
import { DocumentForm, type CreatedDocument } from './document-form';
import { DocumentFilters, type FilterValues } from './document-filters';
import { DocumentTable, type SortLink } from './document-table';

interface DocumentsScreenProps {
  kind: DocumentKind;
  rows: DocumentListRow[];
  /** The view: how many documents match it, its links and its filter form's state. */
  list: {
    total: number;
    /** The count stopped early: more than `total - 1` match. */
    totalCapped: boolean;
    filtered: boolean;
    sortLinks: Record<DocumentSort, SortLink>;
    /** The next page of the view, or null on its last page. */
    nextHref: string | null;
    /** The page before this one, or null on the first page. */
    previousHref: string | null;
    /** The view's first page, or null when this is it. */
    firstHref: string | null;
    /** The whole view (every page) as CSV. */
    csvHref: string;
    filters: {
      values: FilterValues;
      errors: Partial<Record<keyof FilterValues, string>>;
      parties: readonly SelectOption[];
      rules: readonly SelectOption[];
      pageSizes: readonly number[];
    };
  };
  /** A sum over every open document: a bigint, since it may pass Number.MAX_SAFE_INTEGER. */
  outstandingMinor: bigint;
  parties: readonly SelectOption[];
  categories: readonly SelectOption[];
  currency: string;
  today: string;
  createDocumentAction: FormAction<CreatedDocument>;
  createPartyAction: FormAction<unknown>;
  /** The caller's role: a viewer gets a note instead of the forms. */
  role: Role;
}

/**
 * The invoices or bills screen: what is outstanding, the new-document form with a quick party add (for those who
 * may record), the list.
 */
export function DocumentsScreen(props: DocumentsScreenProps) {
  const { kind, rows, list, outstandingMinor, currency, today } = props;
  const copy = DOCUMENT_COPY[kind];
  const partyNoun = copy.party.toLowerCase();
  return (
    <>
      <header className="page-head">
        <h1>{copy.screen}</h1>
        <p className="muted">
          Outstanding: <strong data-testid="outstanding">{formatMoney(outstandingMinor, currency)}</strong>
        </p>
      </header>
      {canRecord(props.role) ? (
        <div className="split">
          <DocumentForm
            kind={kind}
            action={props.createDocumentAction}
            parties={props.parties}
            categories={props.categories}
            currency={currency}
            today={today}
          />
          <details className="panel quick-add" open={props.parties.length === 0}>
            <summary>Add a {partyNoun}</summary>
            <p className="muted">Not in the list? Add them here and choose them in the form.</p>
            <PartyForm action={props.createPartyAction} kind={kind === 'invoice' ? 'customer' : 'vendor'} className="" />
          </details>
        </div>
      ) : (
        <ReadOnlyNote role={props.role} what={copy.plural.toLowerCase()} />
      )}
      <section aria-labelledby="list-heading" className="grid gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="list-heading">{copy.plural}</h2>
          <a href={list.csvHref} download>
            Export CSV
          </a>
        </div>
        <DocumentFilters listPath={copy.listPath} partyLabel={copy.party} {...list.filters} />
        <p className="muted" role="status" data-testid="list-count">
          {list.totalCapped
            ? `More than ${(list.total - 1).toLocaleString('en-US')} documents`
            : list.total === 1
              ? '1 document'
              : `${list.total.toLocaleString('en-US')} documents`}
          {list.filtered ? ' match' : ''}
          {list.total > rows.length ? `, ${rows.length} on this page` : ''}
        </p>
        <DocumentTable kind={kind} rows={rows} currency={currency} today={today} sortLinks={list.sortLinks} filtered={list.filtered} />
        {(list.firstHref || list.previousHref || list.nextHref) && (
          <nav aria-label={`Pages of ${copy.plural.toLowerCase()}`} className="flex flex-wrap items-center justify-between gap-3">
            <span className="flex flex-wrap gap-3">
              {list.firstHref && <Link href={list.firstHref}>← First page</Link>}
              {list.previousHref && <Link href={list.previousHref}>← Previous page</Link>}
            </span>
            {list.nextHref ? <Link href={list.nextHref}>Next page →</Link> : <span />}
          </nav>
        )}
      </section>
    </>
  );
}
