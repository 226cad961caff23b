import { z } from 'zod';
import { occurrenceCountQuery, occurrenceResponse, toOccurrenceResponse } from '@/lib/api/resources/recurring-occurrence';
import { apiRoute, reply } from '@/lib/http/api-route';
import { ruleStateOf } from '@/lib/recurring/rule-state';
import { getRuleOrThrow } from '@/lib/recurring/rules';
import { upcomingOccurrences } from '@/lib/recurring/upcoming';
import { recordId } from '@/lib/schemas/common';

/** GET /api/recurring/:id/occurrences?count=3: the rule's next occurrences, as the sweep will decide them. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/recurring/{id}/occurrences',
    operationId: 'listRecurringOccurrences',
    summary: 'The next occurrences of a rule',
    description:
      'The dates the sweep will decide, in order, and no more than the rule has left (an ended or completed rule has none). Each has its due date, the instant it is posted (`runAt`), its reference and amount, and a note where the date was clamped ("31st → Feb 28") or the local day starts later than midnight.',
    tags: ['Recurring'],
    role: 'viewer',
    params: z.object({ id: recordId }),
    query: occurrenceCountQuery,
    responses: { 200: { description: 'The next occurrences', schema: z.object({ data: z.array(occurrenceResponse) }) } },
  },
  async ({ ctx, params, query }) => {
    const rule = await getRuleOrThrow(ctx.db, ctx.company.id, params.id);
    const upcoming = upcomingOccurrences(ruleStateOf(rule), query.count, rule.timeZone ?? undefined);
    return reply(200, { data: upcoming.map((o) => toOccurrenceResponse(rule.id, rule.amountMinor, ctx.company.baseCurrency, o)) });
  },
);
