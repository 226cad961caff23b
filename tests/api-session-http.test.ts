import { describe, expect, it } from 'vitest';
import { useApiTestBed, type call, type Answer } from './support/api-client';
import { HAS_POSTGRES } from './support/test-db';

// PUT /api/session/company over real HTTP: what the company switcher does, for a script signed in by session
// (smoke:recurring makes its own company with POST /api/companies, then works in it).

describe.skipIf(!HAS_POSTGRES)('PUT /api/session/company over HTTP on PostgreSQL', () => {
  const bed = useApiTestBed('session');
  const documented = (method: string, template: string, options: Parameters<typeof call>[3] = {}): Promise<Answer> =>
    bed.documented(method, template, template, options);
  const currentOf = async (cookie: string) => (await documented('GET', '/api/company', { cookie })).body;

  it('moves a session to a company its user just made, and back, with the role it has in each', async () => {
    const cookie = bed.w.a.cookie.viewer;
    const made = await documented('POST', '/api/companies', { cookie, body: { name: 'Session Books', baseCurrency: 'EUR', timeZone: 'Europe/Paris' } });
    expect(made.status).toBe(201);
    const id = made.body.company.id as string;
    expect((await currentOf(cookie)).company.id).toBe(bed.w.a.company.id);

    const moved = await documented('PUT', '/api/session/company', { cookie, body: { companyId: id } });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ company: { id, name: 'Session Books', baseCurrency: 'EUR', timeZone: 'Europe/Paris', locale: 'en-US' }, role: 'owner', via: 'session' });
    expect(await currentOf(cookie)).toEqual(moved.body);
    // Its books are the new company's: the chart it was made with, nothing of company A.
    const categories = await documented('GET', '/api/categories', { cookie });
    expect(categories.body.data.map((c: { code: string }) => c.code).sort()).toEqual(['4000', '4100', '4200', '4300', '5000', '5100', '5200', '5300', '5400', '5500']);
    // Another session of another user is not moved.
    expect((await currentOf(bed.w.a.cookie.owner)).company.id).toBe(bed.w.a.company.id);

    const back = await documented('PUT', '/api/session/company', { cookie, body: { companyId: bed.w.a.company.id } });
    expect(back.body).toMatchObject({ company: { id: bed.w.a.company.id }, role: 'viewer', via: 'session' });
    expect((await currentOf(cookie)).company.id).toBe(bed.w.a.company.id);
  });

  it('answers 404 for a company the caller is not a member of, existing or not, and stays where it was', async () => {
    for (const companyId of [bed.w.b.company.id, '00000000-0000-4000-8000-000000000000']) {
      const answer = await documented('PUT', '/api/session/company', { cookie: bed.w.a.cookie.owner, body: { companyId } });
      expect(answer.body).toEqual({ type: '/api/problems/not-found', title: 'Not found', status: 404, detail: 'Company not found', code: 'not_found' });
    }
    expect((await currentOf(bed.w.a.cookie.owner)).company.id).toBe(bed.w.a.company.id);
  });

  it('refuses bad input (400 by field), an API key (403) and no credential (401)', async () => {
    const bad = await documented('PUT', '/api/session/company', { cookie: bed.w.a.cookie.owner, body: { companyId: 'nope', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ companyId: ['Unknown company'], extra: ['Unknown field: remove it'] });
    const byKey = await documented('PUT', '/api/session/company', { key: bed.w.a.key.accountant, body: { companyId: bed.w.a.company.id } });
    expect(byKey.status).toBe(403);
    const anonymous = await documented('PUT', '/api/session/company', { body: { companyId: bed.w.a.company.id } });
    expect(anonymous.status).toBe(401);
    expect((await currentOf(bed.w.a.cookie.owner)).company.id).toBe(bed.w.a.company.id);
  });
});
