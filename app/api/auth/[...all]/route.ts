import { getAuth } from '@/lib/auth/auth';
import { AUTH_BASE_PATH } from '@/lib/auth/paths';
import { whenReady } from '@/lib/server/ready';

/**
 * better-auth's own endpoints, limited to what a browser needs: signing in and out and reading the session.
 * Everything else the library offers (members, companies, API keys, sign-up) is called server-side by our
 * wrappers after they authorize the caller, so it is not served here at all.
 */
const SERVED = new Set(['POST /sign-in/email', 'POST /sign-out', 'GET /get-session']);

async function handle(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.slice(AUTH_BASE_PATH.length);
  if (!SERVED.has(`${request.method} ${path}`)) {
    return Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
  }
  await whenReady();
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
