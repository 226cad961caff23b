import { z } from 'zod';
import { describeProblemTypes } from '@/lib/api/openapi';
import { HTTP_PROBLEM_CODES, PROBLEM_TYPES } from '@/lib/api/problem';
import { notFound } from '@/lib/errors';
import { publicRoute, reply } from '@/lib/http/api-route';

const problemTypeResponse = z
  .object({ type: z.string(), code: z.enum(Object.keys(PROBLEM_TYPES) as [string, ...string[]]), status: z.number().int(), title: z.string() })
  .meta({ id: 'ProblemType' });

/** GET /api/problems/:code: what a problem's `type` names, so the URI in every error answer leads somewhere. */
export const GET = publicRoute(
  {
    method: 'GET',
    path: '/api/problems/{code}',
    operationId: 'getProblemType',
    summary: 'Describe a problem type',
    description: `The \`type\` of every error answer is \`/api/problems/{code}\`. Codes raised by the HTTP layer itself: ${HTTP_PROBLEM_CODES.join(', ')}.`,
    tags: ['Reference'],
    params: z.object({ code: z.string().max(64).meta({ description: 'The problem code with dashes, e.g. `not-found`' }) }),
    responses: { 200: { description: 'The problem type', schema: problemTypeResponse } },
  },
  async ({ params }) => {
    const found = describeProblemTypes().find((p) => p.type === `/api/problems/${params.code}`);
    if (!found) throw notFound('Problem type');
    return reply(200, found);
  },
);
