import { requireJobKey } from '@/lib/http/job-key';
import { errorResponse } from '@/lib/http/route';
import { metrics } from '@/lib/metrics';
import { bootServer } from '@/lib/server/boot';

/** GET /api/metrics: Prometheus text format, behind the job key. */
export async function GET(request: Request) {
  try {
    requireJobKey(request);
    await bootServer();
    const { registry } = metrics();
    return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
  } catch (error) {
    return errorResponse(error, { route: 'metrics' });
  }
}
