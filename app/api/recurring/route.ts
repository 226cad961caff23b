import { z } from 'zod';
import { etagOfVersion } from '@/lib/api/concurrency';
import { keysetQueryOf, pageQuery, pageReply, pageSchema } from '@/lib/api/pagination';
import { inBodyTerms, ruleCreateBody, ruleFieldsOf, ruleResponse, toRuleResponse } from '@/lib/api/resources/recurring-rule';
import { apiRoute, reply } from '@/lib/http/api-route';
import { RULE_STATUSES, RULE_TYPES } from '@/lib/recurring/constants';
import { listRulesPage } from '@/lib/recurring/list';
import { createRuleWith } from '@/lib/recurring/patch';
import { recordId } from '@/lib/schemas/common';

const listQuery = pageQuery.extend({
  status: z
    .array(z.enum(RULE_STATUSES, { error: `status is one of ${RULE_STATUSES.join(', ')}` }))
    .optional()
    .meta({ description: 'Any of these statuses (repeat it: `status=active&status=paused`); default: every status but deleted, so a sync asks for `deleted` too' }),
  type: z.enum(RULE_TYPES, { error: 'type must be invoice or expense' }).optional(),
  partyId: recordId.optional().meta({ description: 'Only this customer’s or vendor’s rules' }),
  q: z.string().trim().max(200, 'At most 200 characters').optional().meta({ description: 'Part of the rule’s name or its party’s name' }),
});

/** GET /api/recurring: the company's rules, a page at a time, in the order they last changed. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/recurring',
    operationId: 'listRecurringRules',
    summary: 'List recurring rules',
    description: 'Every rule moves to the end of this order when it changes (an edit, a posting, a pause), so a sync asks again with `updatedSince`.',
    tags: ['Recurring'],
    role: 'viewer',
    list: true,
    query: listQuery,
    responses: { 200: { description: 'A page of rules', schema: pageSchema(ruleResponse) } },
  },
  async ({ ctx, query, request }) => {
    const page = await listRulesPage(ctx.db, ctx.company.id, {
      ...keysetQueryOf(query, ctx),
      order: 'updated',
      statuses: query.status,
      type: query.type,
      partyId: query.partyId,
      q: query.q,
    });
    return pageReply(request, page, (item) => toRuleResponse(item.rule, ctx.company.baseCurrency));
  },
);

/** POST /api/recurring: creates a rule (201, with its Location). */
export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/recurring',
    operationId: 'createRecurringRule',
    summary: 'Create a recurring rule',
    description:
      'A past start date catches up at the next run, per `options.catchUp`. With `options.resumeOn` the rule starts paused until then; with `options.pauseUntil` it skips the dates on or before it.',
    tags: ['Recurring'],
    role: 'accountant',
    body: ruleCreateBody,
    amounts: ['payload.amount'],
    responses: { 201: { description: 'The new rule', schema: ruleResponse } },
  },
  async ({ ctx, rawBody }) => {
    const { fields, lifecycle } = ruleFieldsOf(rawBody);
    const rule = await inBodyTerms(() => createRuleWith(ctx.db, ctx.company.id, fields, lifecycle));
    return reply(201, toRuleResponse(rule, ctx.company.baseCurrency), { location: `/api/recurring/${rule.id}`, etag: etagOfVersion(rule.version) });
  },
);
