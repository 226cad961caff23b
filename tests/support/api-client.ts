import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildWorld, type World } from './auth-world';
import { setDatabaseClock } from './db-clock';
import { call, type Answer } from './http-call';
import { exitCodeOf, killAllProcesses, startTsProcess, type TsProcess } from './processes';
import { openTestDatabase, type TestDatabase } from './test-db';

/** A started API server process (tests/support/api-server.ts) and its base URL. */
export interface ApiServer {
  process: TsProcess;
  url: string;
  stop(): Promise<void>;
}

export async function startApiServer(env: Record<string, string>): Promise<ApiServer> {
  const p = startTsProcess('tests/support/api-server.ts', { AILEGR_DEMO: 'false', AILEGR_RECURRING_CRON: 'false', ...env });
  const line = await p.waitForLine((l) => l.startsWith('LISTENING '), 90_000);
  return {
    process: p,
    url: `http://127.0.0.1:${line.slice('LISTENING '.length)}`,
    async stop() {
      if (p.child.exitCode !== null) return;
      p.child.kill('SIGTERM');
      await exitCodeOf(p, 15_000);
    },
  };
}

export { call, type Answer } from './http-call';

const pointer = (segment: string) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));

/**
 * Checks answers against the published contract: the status must be documented for the operation, and the body
 * must validate (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses) against the schema of its media type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is walked by path, as JSON
function contractChecker(document: Record<string, any>) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'contract');
  let checked = 0;
  return {
    get checked() {
      return checked;
    },
    expectDocumented(method: string, template: string, answer: Answer) {
      const operation = document.paths?.[template]?.[method.toLowerCase()];
      expect(operation, `${method} ${template} is not in the contract`).toBeDefined();
      const response = operation.responses[String(answer.status)];
      expect(response, `${method} ${template} answered ${answer.status}, which the contract does not list`).toBeDefined();
      const content = response.content as Record<string, unknown> | undefined;
      if (!content) {
        expect(answer.text, `${method} ${template} ${answer.status} has no documented body`).toBe('');
        checked++;
        return;
      }
      const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const documented = Object.keys(content).find((type) => type.split(';')[0]!.trim() === mediaType);
      expect(documented, `${method} ${template} ${answer.status} answered ${mediaType}; documented: ${Object.keys(content).join(', ')}`).toBeDefined();
      const ref = `contract#/paths/${pointer(template)}/${method.toLowerCase()}/responses/${answer.status}/content/${pointer(documented!)}/schema`;
      const validate = ajv.getSchema(ref);
      expect(validate, ref).toBeDefined();
      const value = mediaType.endsWith('json') ? answer.body : answer.text;
      const valid = validate!(value);
      expect(valid, `${method} ${template} ${answer.status}: ${ajv.errorsText(validate!.errors)}\n${answer.text.slice(0, 500)}`).toBe(true);
      checked++;
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the contract is walked by path, as JSON
type Json = any;

/**
 * What an API test drives: a PostgreSQL database of its own holding the two-company world (auth-world.ts), an API
 * server process on it, and the contract that server publishes.
 */
export interface ApiTestBed {
  h: TestDatabase;
  w: World;
  server: ApiServer;
  /** The server's environment: a second server on the same database starts with it too. */
  env: Record<string, string>;
  /** `/api/openapi.json` as the server answered it. */
  document: Json;
  contract: ReturnType<typeof contractChecker>;
  /** A request whose answer must match the contract for `template`; a 5xx fails with the server's last log lines. */
  documented(method: string, template: string, pathAndQuery: string, options?: Parameters<typeof call>[3]): Promise<Answer>;
}

/**
 * Sets up an `ApiTestBed` before the enclosing `describe`'s tests and tears it down after them; its fields are
 * there from the first test (and in the describe's own `beforeAll`s, which run after this one's). `tag` keeps the
 * world's names apart; `clockAt` fixes the database's `now()` at an instant before the world is built; `env` adds to
 * (or overrides) the server's environment.
 */
export function useApiTestBed(tag: string, options: { env?: Record<string, string>; clockAt?: string } = {}): ApiTestBed {
  const bed = {
    async documented(method, template, pathAndQuery, callOptions = {}) {
      const answer = await call(bed.server.url, method, pathAndQuery, callOptions);
      if (answer.status >= 500) {
        throw new Error(`${method} ${pathAndQuery} answered ${answer.status}; server log:\n${bed.server.process.lines.slice(-5).join('\n')}`);
      }
      bed.contract.expectDocumented(method, template, answer);
      return answer;
    },
  } as ApiTestBed;

  beforeAll(async () => {
    bed.h = await openTestDatabase('postgres', { clock: options.clockAt !== undefined });
    if (options.clockAt !== undefined) await setDatabaseClock(bed.h.db, options.clockAt);
    bed.w = await buildWorld(bed.h, tag);
    bed.env = { DATABASE_URL: bed.h.url!, AILEGR_API_RATE_LIMIT_PER_MINUTE: '100000', ...options.env };
    bed.server = await startApiServer(bed.env);
    const answer = await call(bed.server.url, 'GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    bed.document = answer.body;
    bed.contract = contractChecker(bed.document);
  });
  afterAll(async () => {
    await bed.server?.stop();
    await killAllProcesses();
    await bed.h?.close();
  });
  return bed;
}
