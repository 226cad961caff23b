import { z } from 'zod';
import { occurrenceCountQuery, previewOccurrenceResponse, toPreviewResponse } from '@/lib/api/resources/recurring-occurrence';
import { inBodyTerms, ruleCreateBody, ruleFieldsOf } from '@/lib/api/resources/recurring-rule';
import { apiRoute, reply } from '@/lib/http/api-route';
import { newRuleInput } from '@/lib/recurring/patch';
import { previewDraft } from '@/lib/recurring/preview';

/** POST /api/recurring/preview?count=5: what an unsaved rule would post, with each occurrence's journal lines. */
export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/recurring/preview',
    operationId: 'previewRecurringRule',
    summary: 'Preview an unsaved rule',
    description:
      'The body of a create, checked the same way; nothing is written. Each occurrence comes with the document it would post and its exact journal lines. References are null: they name the rule’s id, which it has once saved.',
    tags: ['Recurring'],
    role: 'viewer',
    query: occurrenceCountQuery,
    body: ruleCreateBody,
    amounts: ['payload.amount'],
    responses: { 200: { description: 'The next occurrences it would post', schema: z.object({ data: z.array(previewOccurrenceResponse) }) } },
  },
  async ({ ctx, query, rawBody }) => {
    const { fields, lifecycle } = ruleFieldsOf(rawBody);
    const preview = await inBodyTerms(async () => previewDraft(ctx.db, ctx.company.id, await newRuleInput(ctx.db, ctx.company.id, fields), query.count, lifecycle));
    return reply(200, { data: preview.map((o) => toPreviewResponse(o, ctx.company.baseCurrency)) });
  },
);
