import Link from 'next/link';
import type { DocumentKind } from '@/db/schema/enums';
import { DOCUMENT_COPY } from './document-copy';

/** What a detail page shows for an invoice or bill that does not exist (or belongs to another company). */
export function DocumentNotFound({ kind }: { kind: DocumentKind }) {
  const copy = DOCUMENT_COPY[kind];
  return (
    <section className="panel not-found">
      <h1>{copy.noun} not found</h1>
      <p>There is no such {copy.noun.toLowerCase()} in this company.</p>
      <Link href={copy.listPath}>Back to {copy.screen.toLowerCase()}</Link>
    </section>
  );
}
