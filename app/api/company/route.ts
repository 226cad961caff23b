import { etagOfBody } from '@/lib/api/concurrency';
import { companyResponse, toCompanyResponse } from '@/lib/api/resources/company';
import { apiRoute, reply } from '@/lib/http/api-route';
import { updateCompanyProfile } from '@/lib/services/company-profile';
import { companyProfileInput } from '@/lib/ledger/schemas';

/** GET /api/company: the company the caller works on (an API key's own company) and their role there. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/company',
    operationId: 'getCompany',
    summary: 'The caller’s company and role',
    tags: ['Company'],
    role: 'viewer',
    etag: true,
    responses: { 200: { description: 'The company, the caller’s role, and how they are known', schema: companyResponse } },
  },
  async ({ ctx }) => {
    const body = toCompanyResponse(ctx.company, ctx.role, ctx.caller.kind);
    return reply(200, body, { etag: etagOfBody(JSON.stringify(body)) });
  },
);

/** PATCH /api/company `{ name, baseCurrency, timeZone }`: company settings, owners only. */
export const PATCH = apiRoute(
  {
    method: 'PATCH',
    path: '/api/company',
    operationId: 'updateCompany',
    summary: 'Change the company’s settings',
    description: 'The currency cannot change once documents are posted; a new time zone re-plans when recurring rules wake.',
    tags: ['Company'],
    role: 'owner',
    body: companyProfileInput,
    responses: { 200: { description: 'The company as it now is', schema: companyResponse } },
  },
  async ({ ctx, rawBody }) => {
    const company = await updateCompanyProfile(ctx.db, ctx.company.id, rawBody);
    return reply(200, toCompanyResponse(company, ctx.role, ctx.caller.kind));
  },
);
