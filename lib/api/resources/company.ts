import { z } from 'zod';
import { COMPANY_LOCALES } from '@/db/schema/enums';
import { ROLES, type Role } from '@/lib/auth/roles';
import type { Company } from '@/lib/ledger/companies';
import { currency } from '../values';

const companySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  baseCurrency: currency,
  timeZone: z.string().nullable().meta({ description: 'IANA zone; null means UTC' }),
  locale: z.enum(COMPANY_LOCALES).meta({ description: 'The locale whose numeric date format the company’s screens show' }),
});

/** The caller's company, their role there, and how they are known. */
export const companyResponse = z
  .object({
    company: companySummary,
    role: z.enum(ROLES),
    via: z.enum(['session', 'api-key']),
  })
  .meta({ id: 'CompanyContext' });
export type CompanyResponse = z.output<typeof companyResponse>;

export function toCompanyResponse(company: Company, role: Role, via: 'session' | 'api-key'): CompanyResponse {
  const { id, name, baseCurrency, timeZone, locale } = company;
  return { company: { id, name, baseCurrency, timeZone, locale }, role, via };
}

/** A company just created, and its creator's role there (owner). */
export const createdCompanyResponse = z
  .object({ company: companySummary, role: z.literal('owner') })
  .meta({ id: 'CreatedCompany' });
export type CreatedCompanyResponse = z.output<typeof createdCompanyResponse>;

export function toCreatedCompanyResponse(company: Company): CreatedCompanyResponse {
  const { id, name, baseCurrency, timeZone, locale } = company;
  return { company: { id, name, baseCurrency, timeZone, locale }, role: 'owner' };
}
