import { z } from 'zod';
import type { oas31 } from 'zod-openapi';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import type { Operation } from '@/lib/api/operation';
import { publicRoute, reply, type ApiRouteHandler } from '@/lib/http/api-route';
import * as categories from '../categories/route';
import * as companies from '../companies/route';
import * as company from '../company/route';
import * as documentById from '../documents/[id]/route';
import * as expenses from '../expenses/route';
import * as expenseById from '../expenses/[id]/route';
import * as expensePayments from '../expenses/[id]/payments/route';
import * as expenseVoid from '../expenses/[id]/void/route';
import * as invoices from '../invoices/route';
import * as invoiceById from '../invoices/[id]/route';
import * as invoicePayments from '../invoices/[id]/payments/route';
import * as invoiceVoid from '../invoices/[id]/void/route';
import * as metrics from '../metrics/route';
import * as parties from '../parties/route';
import * as partyById from '../parties/[id]/route';
import * as paymentVoid from '../payments/[id]/void/route';
import * as problems from '../problems/[code]/route';
import * as recurringRun from '../recurring/run/route';
import * as balanceSheet from '../reports/balance-sheet/route';
import * as openBalances from '../reports/open-balances/route';
import * as profitAndLoss from '../reports/profit-and-loss/route';
import * as recurringRules from '../recurring/route';
import * as recurringRule from '../recurring/[id]/route';
import * as recurringForce from '../recurring/[id]/force/route';
import * as recurringHistory from '../recurring/[id]/history/route';
import * as recurringOccurrences from '../recurring/[id]/occurrences/route';
import * as recurringPause from '../recurring/[id]/pause/route';
import * as recurringResume from '../recurring/[id]/resume/route';
import * as recurringSkipNext from '../recurring/[id]/skip-next/route';
import * as recurringPreview from '../recurring/preview/route';
import * as sessionCompany from '../session/company/route';
import * as recurringReminders from '../recurring/reminders/route';
import * as recurringReminderPost from '../recurring/reminders/[id]/post/route';
import * as recurringReminderSkip from '../recurring/reminders/[id]/skip/route';
import { PROBE_OPERATIONS } from './probe-operations';

/**
 * The route modules whose handlers declare their operations: the document is assembled from them. A route
 * missing here is caught by tests/api-contract.test.ts, which walks app/api.
 */
const ROUTE_MODULES: Record<string, unknown>[] = [
  company,
  parties,
  partyById,
  documentById,
  recurringRun,
  metrics,
  problems,
  // The ledger (issue 11): documents, payments, categories, reports, new companies.
  invoices,
  invoiceById,
  invoicePayments,
  invoiceVoid,
  expenses,
  expenseById,
  expensePayments,
  expenseVoid,
  paymentVoid,
  categories,
  profitAndLoss,
  balanceSheet,
  openBalances,
  companies,
];
// Recurring rules (issue 11).
ROUTE_MODULES.push(recurringRules, recurringRule, recurringPause, recurringResume, recurringSkipNext, recurringForce);
ROUTE_MODULES.push(recurringOccurrences, recurringHistory, recurringPreview);
// The session's company, for scripts signed in by session (smoke:recurring).
ROUTE_MODULES.push(sessionCompany);
// Reminders of remind rules (issue 14).
ROUTE_MODULES.push(recurringReminders, recurringReminderPost, recurringReminderSkip);

function declaredOperations(): Operation[] {
  const handlers = ROUTE_MODULES.flatMap((mod) => Object.values(mod)).filter(
    (value): value is ApiRouteHandler => typeof value === 'function' && 'operation' in value,
  );
  return [...handlers.map((h) => h.operation), GET.operation, ...PROBE_OPERATIONS];
}

let built: oas31.OpenAPIObject | undefined;

/** GET /api/openapi.json: the OpenAPI 3.1 contract of this API, generated from the routes' own schemas. */
export const GET: ApiRouteHandler = publicRoute(
  {
    method: 'GET',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This contract, as OpenAPI 3.1',
    tags: ['Reference'],
    responses: { 200: { description: 'The OpenAPI 3.1 document', schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }) } },
  },
  async () => {
    built ??= buildOpenApiDocument(declaredOperations());
    return reply(200, built as unknown as { openapi: string; info: Record<string, unknown>; paths: Record<string, unknown> });
  },
);
