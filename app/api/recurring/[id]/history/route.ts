import { z } from 'zod';
import { keysetQueryOf, pageQuery, pageReply, pageSchema } from '@/lib/api/pagination';
import { historyEntryResponse, toHistoryEntryResponse } from '@/lib/api/resources/recurring-occurrence';
import { apiRoute } from '@/lib/http/api-route';
import { ruleHistoryPage } from '@/lib/recurring/history';
import { recordId } from '@/lib/schemas/common';

/** GET /api/recurring/:id/history: every outcome of the rule, oldest first, a page at a time. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/recurring/{id}/history',
    operationId: 'listRecurringHistory',
    summary: 'What a rule did',
    description:
      'Every outcome in the order it was recorded: `posted` with its document, `skipped` with its reason, `failed`, `needs_review` and `paused_after_failures` with their message. A deleted rule’s history stays readable. `updatedSince` keeps what was recorded at or after an instant.',
    tags: ['Recurring'],
    role: 'viewer',
    list: true,
    params: z.object({ id: recordId }),
    query: pageQuery,
    responses: { 200: { description: 'A page of outcomes', schema: pageSchema(historyEntryResponse) } },
  },
  async ({ ctx, params, query, request }) => {
    const page = await ruleHistoryPage(ctx.db, ctx.company.id, params.id, keysetQueryOf(query));
    return pageReply(request, page, (entry) => toHistoryEntryResponse(entry, ctx.company.baseCurrency));
  },
);
