import { expect, test } from '@playwright/test';

// The API under the production server (`next start`): what Next itself routes (the unknown-path catch-all, the
// reference page) as well as the contract. The full API behaviour is tested over HTTP in tests/api-http.test.ts.

test('the API reference at /api/docs renders from our own bundle, with every other origin blocked', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: 'AiLegr API' }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('List customers and vendors').first()).toBeVisible();
  await expect(page.getByText('Add a customer or vendor').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask AI' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('api-docs.png'), fullPage: false });
  expect(foreign, 'requests to other origins').toEqual([]);
});

test('the contract is served as OpenAPI 3.1 with every API path', async ({ request }) => {
  const answer = await request.get('/api/openapi.json');
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('application/json');
  const document = await answer.json();
  expect(document.openapi).toBe('3.1.0');
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(['/api/company', '/api/parties', '/api/parties/{id}', '/api/documents/{id}', '/api/recurring/run', '/api/metrics', '/api/openapi.json']),
  );
});

test('an unknown /api path is a JSON 404 problem under Next too, for any method, never the HTML not-found page', async ({ request }) => {
  for (const [method, path] of [
    ['GET', '/api/nope'],
    ['POST', '/api/nope'],
    ['DELETE', '/api/parties/1/nope'],
    ['GET', '/api/recurring/unknown/deeper'],
  ] as const) {
    const answer = await request.fetch(path, { method, ...(method === 'POST' ? { data: {} } : {}) });
    expect(answer.status(), `${method} ${path}`).toBe(404);
    expect(answer.headers()['content-type']).toBe('application/problem+json');
    expect(await answer.json()).toEqual({
      type: '/api/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: `No API route at ${method} ${path}: /api/openapi.json lists the routes`,
      code: 'not_found',
    });
  }
  // Every other method too; HEAD answers the same status and type with no body.
  for (const method of ['PUT', 'PATCH', 'OPTIONS', 'HEAD'] as const) {
    const answer = await request.fetch('/api/nope/deeper', { method });
    expect(answer.status(), method).toBe(404);
    expect(answer.headers()['content-type'], method).toBe('application/problem+json');
    if (method !== 'HEAD') expect((await answer.json()).detail).toBe(`No API route at ${method} /api/nope/deeper: /api/openapi.json lists the routes`);
  }
});

test('a signed-out call is a 401 problem, and a signed-in one pages the parties', async ({ playwright, baseURL, request }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const refused = await anonymous.get('/api/parties');
  expect(refused.status()).toBe(401);
  expect(refused.headers()['content-type']).toBe('application/problem+json');
  expect(await refused.json()).toMatchObject({ type: '/api/problems/unauthorized', status: 401, code: 'unauthorized' });
  await anonymous.dispose();

  const page = await request.get('/api/parties?limit=2&kind=customer');
  expect(page.status()).toBe(200);
  const body = await page.json();
  expect(body.data).toHaveLength(2);
  expect(body.nextCursor).toEqual(expect.any(String));
  expect(page.headers().link).toBe(`</api/parties?limit=2&kind=customer&cursor=${body.nextCursor}>; rel="next"`);
});
