import { z } from 'zod';
import { jobKeyRoute, reply } from '@/lib/http/api-route';
import { metrics } from '@/lib/metrics';

/** GET /api/metrics: Prometheus text format, behind the job key. */
export const GET = jobKeyRoute(
  {
    method: 'GET',
    path: '/api/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics',
    description: 'Counters of this process and gauges read from the database at scrape time (the same on every instance).',
    tags: ['Operations'],
    responses: {
      200: { description: 'Prometheus text exposition format', schema: z.string(), contentType: 'text/plain; version=0.0.4; charset=utf-8' },
    },
  },
  async () => reply(200, await metrics().registry.metrics()),
);
