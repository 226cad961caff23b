import { z } from 'zod';
import { etagOfVersion, expectedVersion, staleIfMatch } from '@/lib/api/concurrency';
import { inBodyTerms, rulePatchOf, ruleResponse, ruleUpdateBody, toRuleResponse } from '@/lib/api/resources/recurring-rule';
import { apiRoute, reply } from '@/lib/http/api-route';
import { deleteRuleChecked, patchRule } from '@/lib/recurring/patch';
import type { RuleRow } from '@/lib/recurring/rule-state';
import { getRuleOrThrow } from '@/lib/recurring/rules';
import { recordId } from '@/lib/schemas/common';

/** What the rule's operations share: its path and tag, and the version as an ETag that an If-Match names. */
const ruleOperation = { path: '/api/recurring/{id}', tags: ['Recurring'], etag: true, params: z.object({ id: recordId }) };

/** The If-Match check a write makes under the rule's lock: 412 when the version it names is not the rule's. */
function ifMatch(request: Request) {
  const expected = expectedVersion(request);
  return {
    checkVersion: (current: number) => {
      if (expected !== undefined && expected !== current) throw staleIfMatch();
    },
  };
}

/** The rule as a read and a write both answer it: its body, and its version as the ETag a later If-Match names. */
function ruleReply(rule: RuleRow, currencyCode: string) {
  return reply(200, toRuleResponse(rule, currencyCode), { etag: etagOfVersion(rule.version) });
}

/** GET /api/recurring/:id: one rule; another company's, a deleted or a missing one is 404. */
export const GET = apiRoute(
  {
    ...ruleOperation,
    method: 'GET',
    operationId: 'getRecurringRule',
    summary: 'Get a recurring rule',
    role: 'viewer',
    responses: { 200: { description: 'The rule', schema: ruleResponse } },
  },
  async ({ ctx, params }) => ruleReply(await getRuleOrThrow(ctx.db, ctx.company.id, params.id), ctx.company.baseCurrency),
);

/** PUT /api/recurring/:id: changes what the body names; everything omitted keeps its value. */
export const PUT = apiRoute(
  {
    ...ruleOperation,
    method: 'PUT',
    operationId: 'updateRecurringRule',
    summary: 'Change a recurring rule',
    description: [
      'Any part of the create body; omitted fields keep their values, and `null` clears an optional one. A changed schedule re-plans the rule from today: the dates it passes over are skipped as `edited`, or posted with `catchUpPassed`.',
      '`options.pauseUntil`, `options.resumeOn` (pauses the rule until then) and `nextRunAt` apply after the fields, through the rule’s lifecycle, in the same transaction.',
      'A stale `If-Match` is 412; a stale `version` in the body is 409.',
    ].join('\n\n'),
    role: 'accountant',
    problems: { 409: 'A stale `version` in the body, or a change the rule’s state does not allow' },
    body: ruleUpdateBody,
    amounts: ['payload.amount'],
    responses: { 200: { description: 'The rule as it now is', schema: ruleResponse } },
  },
  async ({ ctx, params, body, rawBody, request }) => {
    const rule = await inBodyTerms(() => patchRule(ctx.db, ctx.company.id, params.id, rulePatchOf(body, rawBody), ifMatch(request)));
    return ruleReply(rule, ctx.company.baseCurrency);
  },
);

/** DELETE /api/recurring/:id: soft delete (204); the rule's documents and history stay. */
export const DELETE = apiRoute(
  {
    ...ruleOperation,
    method: 'DELETE',
    operationId: 'deleteRecurringRule',
    summary: 'Delete a recurring rule',
    description: 'Soft: the rule stops and leaves the list; its documents and its history stay (`GET …/history` still answers).',
    role: 'accountant',
    responses: { 204: { description: 'Deleted' } },
  },
  async ({ ctx, params, request }) => {
    await deleteRuleChecked(ctx.db, ctx.company.id, params.id, ifMatch(request));
    return reply(204, undefined);
  },
);
