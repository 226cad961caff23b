// The app's API over real HTTP in a process of its own, for the API tests: it boots like the app (register()
// from instrumentation.ts: environment, migrations, runner) and serves every route.ts under app/api with Next's
// App Router matching (static segments before [param] before [...catchAll]), so a test drives the real
// handlers, wrappers and database through sockets, with several such processes on one PostgreSQL when it needs
// them. Prints `LISTENING <port>` when ready; SIGTERM stops it. The browser suite runs `next start` itself.
import fs from 'node:fs';
import http from 'node:http';
import { register as registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// 'server-only' throws outside Next's server bundles; here we are the server.
registerHooks(
  `data:text/javascript,${encodeURIComponent(
    "export async function resolve(s, c, next) { return s === 'server-only' ? { url: 'data:text/javascript,', shortCircuit: true } : next(s, c); }",
  )}`,
);
process.env.NEXT_RUNTIME = 'nodejs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const API_DIR = path.join(ROOT, 'app', 'api');

interface RouteFile {
  file: string;
  segments: string[];
}

function routeFiles(dir = API_DIR, segments: string[] = ['api']): RouteFile[] {
  const found: RouteFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...routeFiles(path.join(dir, entry.name), [...segments, entry.name]));
    else if (entry.name === 'route.ts') found.push({ file: path.join(dir, entry.name), segments });
  }
  return found;
}

/** Next's precedence: at each depth a static segment beats [param], which beats [...catchAll]. */
function rank(route: RouteFile): string {
  return route.segments.map((s) => (s.startsWith('[...') ? '2' : s.startsWith('[') ? '1' : '0')).join('');
}

function match(route: RouteFile, parts: string[]): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    if (segment.startsWith('[...')) {
      const rest = parts.slice(i);
      if (rest.length === 0) return null;
      params[segment.slice(4, -1)] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.startsWith('[')) params[segment.slice(1, -1)] = part;
    else if (segment !== part) return null;
  }
  return parts.length === route.segments.length ? params : null;
}

const routes = routeFiles().sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
const modules = new Map<string, Promise<Record<string, unknown>>>();
const load = (file: string) => {
  let mod = modules.get(file);
  if (!mod) modules.set(file, (mod = import(pathToFileURL(file).href) as Promise<Record<string, unknown>>));
  return mod;
};

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const parts = url.pathname
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const request = new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks) });
  let response: Response = new Response(null, { status: 404 });
  for (const route of routes) {
    const params = match(route, parts);
    if (!params) continue;
    const handler = (await load(route.file))[method] as Handler | undefined;
    response = handler ? await handler(request, { params: Promise.resolve(params) }) : new Response(null, { status: 405 });
    break;
  }
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) out['set-cookie'] = cookies;
  res.writeHead(response.status, out);
  res.end(method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
}

try {
  const { register } = await import('../../instrumentation');
  await register();
  // Load every route before listening, so the first requests race each other, not the module loader.
  await Promise.all(routes.map((r) => load(r.file)));
} catch (error) {
  process.stderr.write(`BOOT FAILED ${(error as Error).stack}\n`);
  process.exit(1);
}

const server = http.createServer((req, res) => {
  serve(req, res).catch((error: unknown) => {
    process.stderr.write(`REQUEST FAILED ${(error as Error).stack}\n`);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(Number(process.env.API_SERVER_PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`);
});

process.once('SIGTERM', () => {
  server.close();
  void (async () => {
    const { database } = await import('@/db/client');
    await (await database()).close();
    process.exit(0);
  })();
});
