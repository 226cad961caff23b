import { z } from 'zod';
import { ROLES, type Role } from '@/lib/auth/roles';
import type { Company } from '@/lib/ledger/companies';
import { currency } from '../values';

/** The caller's company, their role there, and how they are known. */
export const companyResponse = z
  .object({
    company: z.object({
      id: z.uuid(),
      name: z.string(),
      baseCurrency: currency,
      timeZone: z.string().nullable().meta({ description: 'IANA zone; null means UTC' }),
    }),
    role: z.enum(ROLES),
    via: z.enum(['session', 'api-key']),
  })
  .meta({ id: 'CompanyContext' });
export type CompanyResponse = z.output<typeof companyResponse>;

export function toCompanyResponse(company: Company, role: Role, via: 'session' | 'api-key'): CompanyResponse {
  const { id, name, baseCurrency, timeZone } = company;
  return { company: { id, name, baseCurrency, timeZone }, role, via };
}
