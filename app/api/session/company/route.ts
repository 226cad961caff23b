import { z } from 'zod';
import { companyResponse, toCompanyResponse } from '@/lib/api/resources/company';
import { getAuth } from '@/lib/auth/auth';
import { listMemberships } from '@/lib/auth/memberships';
import { notFound } from '@/lib/errors';
import { reply, userRoute } from '@/lib/http/api-route';
import { companyId } from '@/lib/schemas/common';

const switchInput = z.object({ companyId }).meta({ id: 'SessionCompanyInput' });

/**
 * PUT /api/session/company `{ companyId }`: the session's current company, what the app's company switcher sets,
 * so a script signed in by session (smoke:recurring) can work in the company it just made with POST /api/companies.
 * A company the caller does not belong to is not found, whether or not it exists.
 */
export const PUT = userRoute(
  {
    method: 'PUT',
    path: '/api/session/company',
    operationId: 'switchSessionCompany',
    summary: 'Choose the company a session works on',
    description:
      'For sessions only (an API key belongs to one company). Every later request of this session works on the chosen company, as after the app’s company switcher.',
    tags: ['Company'],
    body: switchInput,
    problems: { 404: 'A company the caller is not a member of (whether or not it exists)' },
    responses: { 200: { description: 'The company the session now works on, and the caller’s role there', schema: companyResponse } },
  },
  async ({ ctx, body, request }) => {
    const membership = (await listMemberships(ctx.db, ctx.user.userId)).find((m) => m.company.id === body.companyId);
    if (!membership) throw notFound('Company');
    await (await getAuth()).api.setActiveOrganization({ headers: request.headers, body: { organizationId: membership.company.id } });
    return reply(200, toCompanyResponse(membership.company, membership.role, 'session'));
  },
);
