import { createHash } from 'node:crypto';
import { HttpProblem } from './problem';

/**
 * Optimistic concurrency over HTTP (RFC 9110 §8.8.3, §13.1). A single resource answers with a strong `ETag`:
 * `"v7"` from a version column, or a digest of the representation where there is none. `PUT` and `DELETE`
 * honour `If-Match` when it is sent (it stays optional): a stale tag is 412. A stale `version` in the body stays
 * the service's 409.
 */

export function etagOfVersion(version: number): string {
  return `"v${version}"`;
}

/** A strong tag of a representation that has no version: the digest of the bytes sent. */
export function etagOfBody(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** The entity tags of a conditional header: '*', a list of tags (weak ones kept with their `W/`), or null when absent. */
export function parseEntityTags(header: string | null): '*' | string[] | null {
  if (header === null) return null;
  const value = header.trim();
  if (value === '*') return '*';
  return [...value.matchAll(/(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"/g)].map((m) => m[0]);
}

const STALE = 'The resource changed since you read it: fetch it again (its ETag is new) and retry with the new tag';

/**
 * Checks `If-Match` against the current tag (strong comparison: a weak tag never matches), throwing 412 when it
 * is sent and matches nothing. Use it inside the transaction that holds the row, so the check and the write see
 * the same state; for a version column prefer `expectedVersion`, which the write itself can check.
 */
export function requireIfMatch(request: Request, currentTag: string): void {
  const tags = parseEntityTags(request.headers.get('if-match'));
  if (tags === null || tags === '*') return;
  if (!tags.includes(currentTag)) throw new HttpProblem('precondition_failed', STALE);
}

/**
 * The version an `If-Match: "v7"` asks for, for a conditional write (`… where version = 7`); undefined without
 * the header or with `*`. A tag that cannot be one of ours matches nothing, so it is 412 at once.
 */
export function expectedVersion(request: Request): number | undefined {
  const tags = parseEntityTags(request.headers.get('if-match'));
  if (tags === null || tags === '*') return undefined;
  const versions = tags.map((t) => /^"v(\d{1,9})"$/.exec(t)?.[1]).filter((v): v is string => v !== undefined);
  if (versions.length !== 1) throw new HttpProblem('precondition_failed', STALE);
  return Number(versions[0]);
}

/** The 412 a write raises when the version `expectedVersion` gave is no longer current. */
export function staleIfMatch(): HttpProblem {
  return new HttpProblem('precondition_failed', STALE);
}

/** True when `If-None-Match` names the current tag (weak comparison): a GET may answer 304 Not Modified. */
export function isNotModified(request: Request, currentTag: string): boolean {
  const tags = parseEntityTags(request.headers.get('if-none-match'));
  if (tags === null) return false;
  if (tags === '*') return true;
  const opaque = (t: string) => t.replace(/^W\//, '');
  return tags.some((t) => opaque(t) === opaque(currentTag));
}
