import { createdCompanyResponse, toCreatedCompanyResponse } from '@/lib/api/resources/company';
import { createCompanyWithOwner } from '@/lib/auth/new-company';
import { reply, userRoute } from '@/lib/http/api-route';
import { companyProfileInput } from '@/lib/ledger/schemas';

/**
 * POST /api/companies `{ name, baseCurrency, timeZone? }`: a signed-in person starts a new set of books and
 * becomes its owner. By session only: an API key belongs to one company, and a key that could make companies
 * would outlive the company it was given for.
 */
export const POST = userRoute(
  {
    method: 'POST',
    path: '/api/companies',
    operationId: 'createCompany',
    summary: 'Start a new company (a new set of books)',
    description:
      'Creates the company with the default chart of accounts and makes the caller its owner. Their session keeps its current company; the app’s company switcher changes it. To work on the new company over the API, its owner creates an API key for it.',
    tags: ['Company'],
    body: companyProfileInput,
    responses: { 201: { description: 'The new company; the caller is its owner', schema: createdCompanyResponse } },
  },
  async ({ ctx, rawBody }) => reply(201, toCreatedCompanyResponse(await createCompanyWithOwner(ctx.db, ctx.user.userId, rawBody))),
);
