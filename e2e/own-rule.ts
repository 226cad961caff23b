import { expect, type APIRequestContext } from '@playwright/test';

/**
 * A customer and an invoice rule of the spec's own, made over the API as the signed-in person (the session of the
 * page's context; a session write names its origin for the cross-site check). Its values are the spec's, whatever
 * the demo company holds.
 */
export async function apiCall<T>(request: APIRequestContext, baseURL: string, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const response = await request.fetch(`${baseURL}${path}`, { method, data, headers: { origin: baseURL } });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export async function createOwnInvoiceRule(
  request: APIRequestContext,
  baseURL: string,
  rule: { name: string; cadence: string; startDate: string; amount: string; options?: Record<string, unknown> },
): Promise<{ id: number }> {
  const customer = await apiCall<{ id: number }>(request, baseURL, 'POST', '/api/parties', { kind: 'customer', name: `${rule.name} customer` });
  const categories = await apiCall<{ data: { id: number; archivedAt: string | null }[] }>(request, baseURL, 'GET', '/api/categories?type=invoice');
  const categoryId = categories.data.find((c) => c.archivedAt === null)!.id;
  return apiCall<{ id: number }>(request, baseURL, 'POST', '/api/recurring', {
    name: rule.name,
    type: 'invoice',
    cadence: rule.cadence,
    startDate: rule.startDate,
    payload: { partyId: customer.id, amount: rule.amount, categoryId },
    options: rule.options,
  });
}
