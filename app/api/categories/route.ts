import { z } from 'zod';
import { keysetQueryOf, pageQuery, pageReply, pageSchema } from '@/lib/api/pagination';
import { ACCOUNT_TYPE_OF_CATEGORY, CATEGORY_TYPES, categoryResponse, toCategoryResponse } from '@/lib/api/resources/category';
import { apiRoute } from '@/lib/http/api-route';
import { listCategoriesPage } from '@/lib/ledger/accounts';

const listQuery = pageQuery.extend({
  type: z
    .enum(CATEGORY_TYPES, { error: 'type must be invoice or expense' })
    .optional()
    .meta({ description: '`invoice`: the revenue categories an invoice may use; `expense`: the expense categories. Default: both' }),
});

/** GET /api/categories: the revenue and expense categories documents are booked to, archived ones marked. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/categories',
    operationId: 'listCategories',
    summary: 'List the categories documents are booked to',
    description: 'Revenue categories (for invoices) and expense categories (for expenses), archived ones included with their `archivedAt`, in the order they last changed.',
    tags: ['Categories'],
    role: 'viewer',
    list: true,
    query: listQuery,
    responses: { 200: { description: 'A page of categories', schema: pageSchema(categoryResponse) } },
  },
  async ({ ctx, query, request }) => {
    const found = await listCategoriesPage(ctx.db, ctx.company.id, { ...keysetQueryOf(query, ctx), type: query.type && ACCOUNT_TYPE_OF_CATEGORY[query.type] });
    return pageReply(request, found, toCategoryResponse);
  },
);
