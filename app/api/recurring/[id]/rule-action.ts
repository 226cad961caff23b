import { z } from 'zod';
import { ruleEventResponse, toRuleEventResponse } from '@/lib/api/resources/recurring-occurrence';
import { apiRoute, reply, type ApiRouteHandler } from '@/lib/http/api-route';
import { applyRuleAction, type RuleAction } from '@/lib/recurring/outcomes';
import { recordId } from '@/lib/schemas/common';

/**
 * The four lifecycle endpoints (`POST /api/recurring/{id}/pause|resume|skip-next|force`) differ only in the
 * action and its words: each answers with the rule as it now is and what the action posted or skipped.
 */
export function ruleActionRoute<B extends z.ZodObject | undefined = undefined>(spec: {
  segment: 'pause' | 'resume' | 'skip-next' | 'force';
  operationId: string;
  summary: string;
  description: string;
  body?: B;
  action: (body: B extends z.ZodObject ? z.output<B> : undefined) => RuleAction;
}): ApiRouteHandler {
  return apiRoute(
    {
      method: 'POST',
      path: `/api/recurring/{id}/${spec.segment}`,
      operationId: spec.operationId,
      summary: spec.summary,
      description: `${spec.description} A deleted rule, or another company’s, is 404; an action the rule’s state does not allow is 409.`,
      tags: ['Recurring'],
      role: 'accountant',
      params: z.object({ id: recordId }),
      body: spec.body,
      responses: { 200: { description: 'The rule as it now is, and what was posted or skipped', schema: ruleEventResponse } },
    },
    async ({ ctx, params, body }) => {
      const result = await applyRuleAction(ctx.db, ctx.company.id, params.id, spec.action(body as never));
      return reply(200, toRuleEventResponse(result, ctx.company.baseCurrency));
    },
  );
}
