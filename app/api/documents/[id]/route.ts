import { NextResponse } from 'next/server';
import { z } from 'zod';
import { parseOrThrow } from '@/lib/errors';
import { companyRoute } from '@/lib/http/route';
import { getDocumentOrThrow, type DocumentRow } from '@/lib/ledger/documents';
import { recordId } from '@/lib/schemas/common';

export type DocumentResponse = DocumentRow;

const params = z.object({ id: recordId });

/** GET /api/documents/:id: an invoice or bill of the company; another company's is 404, as is a missing one. */
export const GET = companyRoute<{ id: string }>({ name: 'GET /api/documents/:id', role: 'viewer' }, async ({ db, company }, _request, raw) => {
  const { id } = parseOrThrow(params, raw);
  return NextResponse.json((await getDocumentOrThrow(db, company.id, id)) satisfies DocumentResponse);
});
