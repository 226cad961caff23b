'use server';

import { formObject, runCompanyAction } from '@/lib/http/action';
import { setReportBasis } from '@/lib/ledger/report-preferences';
import { reportBasisForm } from '@/lib/ledger/schemas';
import { parseOrThrow } from '@/lib/errors';

/**
 * Remembers the caller's report basis (cash or accrual) in the current company: any member may choose how they
 * read the reports, a viewer too. The toggle navigates to the report on that basis itself.
 */
export async function setReportBasisAction(_previous: unknown, formData: FormData) {
  return runCompanyAction({ name: 'setReportBasisAction', role: 'viewer' }, async ({ db, company, caller }) => {
    const { basis } = parseOrThrow(reportBasisForm, formObject(formData));
    await setReportBasis(db, company.id, caller.userId, basis);
    return { basis };
  });
}
