/**
 * The origins better-auth accepts a state-changing request from (it compares them with the request's `Origin`,
 * its CSRF check), besides the one it infers itself.
 *
 * - BETTER_AUTH_URL set: the library trusts that origin. When it is a loopback one (`http://localhost:3000`), the
 *   other loopback names for the same port are added (`127.0.0.1`, `[::1]`): they reach the same server from the
 *   same machine, and no other site can be served from them.
 * - unset: the origin the request was sent to, from its `Host` header and the scheme it came over. Left alone, the
 *   library trusts only the URL Next.js builds for a request, which names the server's configured hostname
 *   (`localhost` by default, whatever the browser typed), so `http://127.0.0.1:3000` was refused. A page of
 *   another site cannot make a browser send our `Host` with its own `Origin`, so this opens nothing to other
 *   sites; it is the same comparison Next.js makes for server actions.
 */

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
// A Host header is a name or an address with an optional port; anything else is not used.
const HOST_HEADER = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * @example trustedOriginsFor(new Request('http://localhost:3000/api/auth/sign-in/email', { headers: { host: '127.0.0.1:3000' } }), undefined)
 *   // ['http://127.0.0.1:3000']
 * @example trustedOriginsFor(undefined, 'http://localhost:3000') // ['http://127.0.0.1:3000', 'http://[::1]:3000']
 */
export function trustedOriginsFor(request: Request | undefined, publicUrl: string | undefined): string[] {
  if (publicUrl) return loopbackAliases(publicUrl);
  if (!request) return [];
  const origin = requestOrigin(request);
  return origin ? [origin] : [];
}

function loopbackAliases(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [];
  return LOOPBACK_HOSTS.filter((host) => host !== url.hostname).map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
}

/** The origin a request was addressed to: `Host`, and the scheme from `X-Forwarded-Proto` (Next.js fills it from the socket when no proxy did) or the request URL. */
function requestOrigin(request: Request): string | null {
  const host = request.headers.get('host');
  if (!host || !HOST_HEADER.test(host)) return null;
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  const scheme = forwarded === 'http' || forwarded === 'https' ? forwarded : new URL(request.url).protocol.slice(0, -1);
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}
