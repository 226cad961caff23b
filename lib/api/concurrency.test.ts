import { describe, expect, it } from 'vitest';
import { etagOfBody, etagOfVersion, expectedVersion, isNotModified, parseEntityTags, requireIfMatch } from './concurrency';
import { HttpProblem } from './problem';

const request = (headers: Record<string, string>) => new Request('http://localhost/api/x', { headers });

function problemCode(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof HttpProblem ? error.code : 'other';
  }
}

describe('entity tags', () => {
  it('parses lists, weak tags and the wildcard', () => {
    expect(parseEntityTags(null)).toBeNull();
    expect(parseEntityTags(' * ')).toBe('*');
    expect(parseEntityTags('"v1", W/"v2" ,"abc"')).toEqual(['"v1"', 'W/"v2"', '"abc"']);
    expect(parseEntityTags('v1')).toEqual([]);
  });

  it('makes strong tags from versions and from bodies', () => {
    expect(etagOfVersion(7)).toBe('"v7"');
    expect(etagOfBody('{"a":1}')).toBe(etagOfBody('{"a":1}'));
    expect(etagOfBody('{"a":1}')).not.toBe(etagOfBody('{"a":2}'));
    expect(etagOfBody('{"a":1}')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });
});

describe('If-Match', () => {
  it('passes without the header, with *, or with the current tag among others', () => {
    expect(problemCode(() => requireIfMatch(request({}), '"v3"'))).toBeNull();
    expect(problemCode(() => requireIfMatch(request({ 'if-match': '*' }), '"v3"'))).toBeNull();
    expect(problemCode(() => requireIfMatch(request({ 'if-match': '"v2", "v3"' }), '"v3"'))).toBeNull();
  });

  it('is 412 for a stale tag, and for a weak one (If-Match compares strongly)', () => {
    expect(problemCode(() => requireIfMatch(request({ 'if-match': '"v2"' }), '"v3"'))).toBe('precondition_failed');
    expect(problemCode(() => requireIfMatch(request({ 'if-match': 'W/"v3"' }), '"v3"'))).toBe('precondition_failed');
  });

  it('gives the version a conditional write must find, and 412 at once for a tag that is not a version', () => {
    expect(expectedVersion(request({}))).toBeUndefined();
    expect(expectedVersion(request({ 'if-match': '*' }))).toBeUndefined();
    expect(expectedVersion(request({ 'if-match': '"v12"' }))).toBe(12);
    expect(problemCode(() => expectedVersion(request({ 'if-match': '"abc"' })))).toBe('precondition_failed');
    expect(problemCode(() => expectedVersion(request({ 'if-match': '"v1", "v2"' })))).toBe('precondition_failed');
  });
});

describe('If-None-Match', () => {
  it('matches weakly, and * matches anything', () => {
    expect(isNotModified(request({}), '"v3"')).toBe(false);
    expect(isNotModified(request({ 'if-none-match': 'W/"v3"' }), '"v3"')).toBe(true);
    expect(isNotModified(request({ 'if-none-match': '"v2"' }), '"v3"')).toBe(false);
    expect(isNotModified(request({ 'if-none-match': '*' }), '"v3"')).toBe(true);
  });
});
