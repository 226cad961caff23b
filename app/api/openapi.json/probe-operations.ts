import { z } from 'zod';
import type { Operation } from '@/lib/api/operation';

/**
 * The two public probes are plain handlers of the operations side (app/api/health, app/api/recurring/health),
 * not declared through the API wrappers; they are documented here so the contract names every route. Their
 * bodies are open objects: the probes may add figures without breaking the contract.
 */
export const PROBE_OPERATIONS: Operation[] = [
  {
    method: 'GET',
    path: '/api/health',
    operationId: 'getHealth',
    summary: 'Liveness, with a database round trip',
    tags: ['Operations'],
    auth: { kind: 'public' },
    responses: {
      200: { description: 'The server and its database answer', schema: z.looseObject({ status: z.literal('ok'), database: z.enum(['postgres', 'pglite']) }) },
    },
  },
  {
    method: 'GET',
    path: '/api/recurring/health',
    operationId: 'getRecurringHealth',
    summary: 'The recurring scheduler’s health, across companies (counts only)',
    tags: ['Operations'],
    auth: { kind: 'public' },
    responses: {
      200: { description: 'Healthy', schema: z.looseObject({ status: z.literal('healthy'), reason: z.null(), intervalMinutes: z.number().int() }) },
      503: {
        description: 'Unhealthy: the oldest due occurrence has waited more than two intervals',
        schema: z.looseObject({ status: z.literal('unhealthy'), reason: z.string(), intervalMinutes: z.number().int() }),
      },
    },
  },
];
