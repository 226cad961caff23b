import { NextResponse } from 'next/server';
import type { Role } from '@/lib/auth/roles';
import { companyRoute, readJson } from '@/lib/http/route';
import { updateCompanyProfile, type Company } from '@/lib/ledger/companies';
import type { CompanyProfileInput } from '@/lib/ledger/schemas';

export interface CompanyResponse {
  company: Pick<Company, 'id' | 'name' | 'baseCurrency' | 'timeZone'>;
  /** The caller's role here, and how they are known: a session or an API key. */
  role: Role;
  via: 'session' | 'api-key';
}

function body({ company, role, caller }: { company: Company; role: Role; caller: { kind: 'session' | 'api-key' } }): CompanyResponse {
  const { id, name, baseCurrency, timeZone } = company;
  return { company: { id, name, baseCurrency, timeZone }, role, via: caller.kind };
}

/** GET /api/company: the company the caller works on (an API key's own company) and their role there. */
export const GET = companyRoute({ name: 'GET /api/company', role: 'viewer' }, async (ctx) => NextResponse.json(body(ctx)));

/** PATCH /api/company `{ name, baseCurrency, timeZone }`: company settings, owners only. */
export const PATCH = companyRoute({ name: 'PATCH /api/company', role: 'owner' }, async (ctx, request) => {
  const company = await updateCompanyProfile(ctx.db, ctx.company.id, (await readJson(request, 4 * 1024)) as CompanyProfileInput);
  return NextResponse.json(body({ ...ctx, company }));
});
