import type { FormAction } from '@/components/forms/action-form';
import type { CreatedDocument } from '@/components/documents/document-form';
import { DocumentsScreen } from '@/components/documents/documents-screen';
import type { DocumentKind } from '@/db/schema/enums';
import { todayInZone } from '@/lib/dates/calendar-date';
import { listCategories } from '@/lib/ledger/accounts';
import { listDocuments } from '@/lib/ledger/documents';
import { listParties } from '@/lib/ledger/parties';
import { openBalancesByParty } from '@/lib/ledger/reports';
import type { SessionCompanyContext } from '@/lib/session/company-context';
import { DOCUMENT_SCREENS } from './document-kinds';

interface DocumentsPageProps {
  /** The page's own companyContext(): each page resolves (and so checks) the session itself. */
  ctx: SessionCompanyContext;
  kind: DocumentKind;
  createDocumentAction: FormAction<CreatedDocument>;
  createPartyAction: FormAction<unknown>;
}

/** The invoices or the expenses screen with its data: the documents, what is outstanding, the form's choices. */
export async function DocumentsPage({ ctx: { db, company, role }, kind, createDocumentAction, createPartyAction }: DocumentsPageProps) {
  const { partyKind, categoryType } = DOCUMENT_SCREENS[kind];
  const [rows, open, parties, categories] = await Promise.all([
    listDocuments(db, company.id, kind),
    openBalancesByParty(db, company.id, kind),
    listParties(db, company.id, partyKind),
    listCategories(db, company.id, categoryType),
  ]);
  return (
    <DocumentsScreen
      kind={kind}
      rows={rows}
      outstandingMinor={open.reduce((t, p) => t + p.openMinor, 0n)}
      parties={parties.map((p) => ({ value: String(p.id), label: p.name }))}
      categories={categories.map((a) => ({ value: String(a.id), label: a.name }))}
      currency={company.baseCurrency}
      today={todayInZone(new Date(), company.timeZone ?? undefined)}
      createDocumentAction={createDocumentAction}
      createPartyAction={createPartyAction}
      role={role}
    />
  );
}
