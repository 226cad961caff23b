import { describe, expect, it } from 'vitest';
import { encodeCursor, nextLink, pageQuery, pageReply } from './pagination';

describe('pageQuery', () => {
  it('defaults the limit to 50 and decodes a cursor it gave out', () => {
    expect(pageQuery.parse({})).toEqual({ limit: 50 });
    const cursor = encodeCursor({ key: '1773100800123456', id: 42 });
    expect(pageQuery.parse({ limit: '100', cursor, updatedSince: '2026-03-10T09:00:00+01:00' })).toEqual({
      limit: 100,
      cursor: { key: '1773100800123456', id: 42 },
      updatedSince: '2026-03-10T09:00:00+01:00',
    });
  });

  it('refuses limits outside 1–100, foreign cursors and instants without an offset', () => {
    for (const limit of ['0', '101', '-1', '2.5', 'abc', '']) expect(pageQuery.safeParse({ limit }).success, limit).toBe(false);
    for (const cursor of ['abc', 'W10', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["k",1.5]').toString('base64url'), 'x'.repeat(600), '%%%']) {
      expect(pageQuery.safeParse({ cursor }).success, cursor).toBe(false);
    }
    for (const updatedSince of ['2026-03-10T09:00:00', '2026-03-10', 'yesterday', '2026-02-30T00:00:00Z']) {
      expect(pageQuery.safeParse({ updatedSince }).success, updatedSince).toBe(false);
    }
  });
});

describe('nextLink', () => {
  it('is this path and query with the cursor replaced, or nothing on the last page', () => {
    expect(nextLink('http://h.test/api/parties?kind=vendor&cursor=old&limit=2', 'new')).toEqual({
      link: '</api/parties?kind=vendor&cursor=new&limit=2>; rel="next"',
    });
    expect(nextLink('http://h.test/api/parties', null)).toEqual({});
  });
});

describe('pageReply', () => {
  it('answers 200 with the items serialized, the next cursor and its Link; the last page has neither', () => {
    const request = new Request('http://h.test/api/parties?limit=2');
    const next = { key: '1773100800123456', id: 42 };
    const cursor = encodeCursor(next);
    expect(pageReply(request, { items: [1, 2], next }, (n) => ({ id: n }))).toEqual({
      status: 200,
      body: { data: [{ id: 1 }, { id: 2 }], nextCursor: cursor },
      headers: { link: `</api/parties?limit=2&cursor=${cursor}>; rel="next"` },
    });
    expect(pageReply(request, { items: [3], next: null }, (n) => ({ id: n }))).toEqual({ status: 200, body: { data: [{ id: 3 }], nextCursor: null }, headers: {} });
  });
});
