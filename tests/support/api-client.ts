import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { Answer } from './http-call';
import { exitCodeOf, startTsProcess, type TsProcess } from './processes';

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
export function contractChecker(document: Record<string, any>) {
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
