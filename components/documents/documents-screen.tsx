import type { DocumentKind } from '@/db/schema/enums';
import type { FormAction } from '@/components/forms/action-form';
import { canRecord, ReadOnlyNote } from '@/components/forms/read-only-note';
import type { SelectOption } from '@/components/forms/field';
import { PartyForm } from '@/components/parties/party-form';
import type { DocumentRow } from '@/lib/ledger/documents';
import type { Role } from '@/lib/auth/roles';
import { formatMoney } from '@/lib/money';
import { DOCUMENT_COPY } from './document-copy';
import { DocumentForm, type CreatedDocument } from './document-form';
import { DocumentTable } from './document-table';

interface DocumentsScreenProps {
  kind: DocumentKind;
  rows: DocumentRow[];
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
  const { kind, rows, outstandingMinor, currency, today } = props;
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
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{copy.plural}</h2>
        <DocumentTable kind={kind} rows={rows} currency={currency} today={today} />
      </section>
    </>
  );
}
