import type { FormAction } from '@/components/forms/action-form';
import type { CreatedDocument } from '@/components/documents/document-form';
import type { SortLink } from '@/components/documents/document-table';
import { DocumentsScreen } from '@/components/documents/documents-screen';
import type { DocumentKind } from '@/db/schema/enums';
import { DOCUMENT_COPY } from '@/components/documents/document-copy';
import { todayInZone } from '@/lib/dates/calendar-date';
import { listCategories } from '@/lib/ledger/accounts';
import type { Db } from '@/db/client';
import type { KeysetPosition } from '@/lib/keyset';
import { countDocuments, DOCUMENT_SORTS, listDocumentsPage, listDocumentsPageBefore, type DocumentListRow, type DocumentSort } from '@/lib/ledger/document-list';
import { listParties } from '@/lib/ledger/parties';
import { openBalancesByParty } from '@/lib/ledger/reports';
import { listRules } from '@/lib/recurring/rules';
import type { SessionCompanyContext } from '@/lib/session/company-context';
import { DOCUMENT_SCREENS } from './document-kinds';
import { filtersOf, listSearch, PAGE_SIZES, pageQueryOf, parseDocumentListParams, type DocumentListParams } from './list-params';

/** The props Next gives a list page: its URL's search params, the view's state. */
export interface DocumentsPageParams {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

interface DocumentsPageProps {
  /** The page's own companyContext(): each page resolves (and so checks) the session itself. */
  ctx: SessionCompanyContext;
  kind: DocumentKind;
  searchParams: DocumentsPageParams['searchParams'];
  createDocumentAction: FormAction<CreatedDocument>;
  createPartyAction: FormAction<unknown>;
}

const SEARCH_COUNT_CAP = 1000; // a search reads every row's text: counting the first 1,001 matches says enough

// Dates and amounts read best newest and largest first; names and numbers from A.
const FIRST_DIRECTION: Record<DocumentSort, 'asc' | 'desc'> = { date: 'desc', due: 'desc', amount: 'desc', number: 'asc', party: 'asc' };

function sortLinksOf(path: string, params: DocumentListParams): Record<DocumentSort, SortLink> {
  const current = params.sort ?? 'date';
  const direction = params.dir ?? 'desc';
  return Object.fromEntries(
    DOCUMENT_SORTS.map((by) => {
      const active = by === current ? direction : null;
      const dir = active ? (active === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[by];
      return [by, { href: `${path}${listSearch(params, { sort: by, dir })}`, active }];
    }),
  ) as Record<DocumentSort, SortLink>;
}

interface ViewPage {
  items: DocumentListRow[];
  next: KeysetPosition | null;
  /** Where the page before this one ends; null on the first page. */
  previous: KeysetPosition | null;
}

/**
 * The page the URL asks for: the first, the one after `after` (Next), or the one before `before` (Previous). A
 * Previous that finds nothing before its page shows the first page itself, so the first page never offers a
 * Previous, even when rows were added or deleted meanwhile.
 */
async function viewPage(db: Db, companyId: string, kind: DocumentKind, params: DocumentListParams): Promise<ViewPage> {
  // The position is this function's to choose: `after` for Next, none for the first page or a Previous.
  const query = { ...pageQueryOf(params), after: undefined };
  if (params.before) {
    const back = await listDocumentsPageBefore(db, companyId, kind, { ...query, sort: query.sort!, before: params.before });
    if (back.previous && back.items.length > 0) return back;
    const first = await listDocumentsPage(db, companyId, kind, query);
    return { items: first.items, next: first.next, previous: null };
  }
  const page = await listDocumentsPage(db, companyId, kind, { ...query, after: params.after });
  return { items: page.items, next: page.next, previous: params.after ? page.first : null };
}

/**
 * The invoices or the expenses screen with its data: the view its URL asks for (filters, search, order, page),
 * what is outstanding, and the choices of the forms.
 */
export async function DocumentsPage({ ctx: { db, company, role }, kind, searchParams, createDocumentAction, createPartyAction }: DocumentsPageProps) {
  const { partyKind, categoryType } = DOCUMENT_SCREENS[kind];
  const path = DOCUMENT_COPY[kind].listPath;
  const { params, errors } = parseDocumentListParams(await searchParams);
  const ruleType = kind === 'invoice' ? 'invoice' : 'expense';
  const [page, total, open, parties, categories, rules] = await Promise.all([
    viewPage(db, company.id, kind, params),
    countDocuments(db, company.id, kind, filtersOf(params), { cap: params.q ? SEARCH_COUNT_CAP : undefined }),
    openBalancesByParty(db, company.id, kind),
    listParties(db, company.id, partyKind),
    listCategories(db, company.id, categoryType),
    listRules(db, company.id),
  ]);
  const filtered = Object.values(filtersOf(params)).some((v) => v !== undefined);
  const partyOptions = parties.map((p) => ({ value: String(p.id), label: p.name }));
  return (
    <DocumentsScreen
      kind={kind}
      rows={page.items}
      list={{
        total,
        totalCapped: params.q !== undefined && total > SEARCH_COUNT_CAP,
        filtered,
        sortLinks: sortLinksOf(path, params),
        nextHref: page.next ? `${path}${listSearch(params, { after: page.next })}` : null,
        previousHref: page.previous ? `${path}${listSearch(params, { before: page.previous })}` : null,
        // Past the first page (also past the last row, where a page is empty and has no first row to go back from).
        firstHref: page.previous || (params.after && page.items.length === 0) ? `${path}${listSearch(params)}` : null,
        csvHref: `${path}/export${listSearch({ ...params, size: undefined })}`,
        filters: {
          values: params,
          errors,
          parties: partyOptions,
          rules: rules.filter((r) => r.type === ruleType).map((r) => ({ value: String(r.id), label: r.name })),
          pageSizes: PAGE_SIZES,
        },
      }}
      outstandingMinor={open.reduce((t, p) => t + p.openMinor, 0n)}
      parties={partyOptions}
      categories={categories.map((a) => ({ value: String(a.id), label: a.name }))}
      currency={company.baseCurrency}
      today={todayInZone(new Date(), company.timeZone ?? undefined)}
      createDocumentAction={createDocumentAction}
      createPartyAction={createPartyAction}
      role={role}
    />
  );
}
