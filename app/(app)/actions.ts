'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { getAuth } from '@/lib/auth/auth';
import { createCompanyWithOwner } from '@/lib/auth/new-company';
import { notFound, parseOrThrow } from '@/lib/errors';
import { formObject, runCompanyAction } from '@/lib/http/action';
import { companyProfileInput } from '@/lib/ledger/schemas';
import { companyId } from '@/lib/schemas/common';

const switchInput = z.object({ companyId });

/**
 * Makes another of the caller's companies the current one for this session (every page then shows only its
 * books). A company the caller does not belong to is not found, whether or not it exists.
 */
export async function switchCompanyAction(_previous: unknown, formData: FormData) {
  return runCompanyAction({ name: 'switchCompanyAction', role: 'viewer' }, async ({ companies }) => {
    const { companyId: target } = parseOrThrow(switchInput, formObject(formData));
    const company = companies.find((c) => c.id === target);
    if (!company) throw notFound('Company');
    const auth = await getAuth();
    await auth.api.setActiveOrganization({ headers: await headers(), body: { organizationId: company.id } });
    return { companyId: company.id, name: company.name };
  });
}

/**
 * Starts a new company (a new set of books) for the caller, who becomes its owner, and makes it this session's
 * current company: what `POST /api/companies` does, plus the switch. Any member may: the new company is theirs,
 * and nothing of the current one is touched.
 */
export async function createCompanyAction(_previous: unknown, formData: FormData) {
  return runCompanyAction({ name: 'createCompanyAction', role: 'viewer' }, async ({ db, caller }) => {
    const input = parseOrThrow(companyProfileInput, formObject(formData));
    const company = await createCompanyWithOwner(db, caller.userId, input);
    const auth = await getAuth();
    await auth.api.setActiveOrganization({ headers: await headers(), body: { organizationId: company.id } });
    return { companyId: company.id, name: company.name };
  });
}
