import { describe, expect, it } from 'vitest';
import { ruleListQuery, searchParamsOf } from './rule-list-query';
import { ruleStatusView } from './rule-status';

describe('ruleStatusView', () => {
  const view = (status: Parameters<typeof ruleStatusView>[0]['status'], more: { resumeOn?: string; consecutiveFailures?: number } = {}) =>
    ruleStatusView({ status, resumeOn: more.resumeOn ?? null, consecutiveFailures: more.consecutiveFailures ?? 0 }).label;

  it('names every status the list shows, a pause with its resume date', () => {
    expect([view('active'), view('paused'), view('paused', { resumeOn: '2027-03-01' }), view('ended'), view('completed'), view('needs_review')]).toEqual([
      'Active',
      'Paused',
      'Paused until 03/01/2027',
      'Ended',
      'Completed',
      'Needs review',
    ]);
  });

  it('writes the resume date in the company’s date format', () => {
    const paused = { status: 'paused', resumeOn: '2027-03-01', consecutiveFailures: 0 } as const;
    expect([ruleStatusView(paused, 'de-DE').label, ruleStatusView(paused, 'en-GB').label, ruleStatusView(paused, 'ja-JP').label]).toEqual([
      'Paused until 01.03.2027',
      'Paused until 01/03/2027',
      'Paused until 2027/03/01',
    ]);
  });

  it('says Failing before anything else while a live rule keeps failing, and not once it has stopped', () => {
    expect(ruleStatusView({ status: 'active', resumeOn: null, consecutiveFailures: 1 })).toEqual({ label: 'Failing', tone: 'danger' });
    expect(view('paused', { resumeOn: '2027-03-01', consecutiveFailures: 3 })).toBe('Failing');
    expect(view('ended', { consecutiveFailures: 2 })).toBe('Ended');
  });
});

describe('ruleListQuery', () => {
  it('keeps what the list knows and drops the rest, so a stale bookmark still opens the list', () => {
    expect(ruleListQuery.parse({ type: 'invoice', status: 'failing', q: '  rent  ', after: 'abc_-1' })).toEqual({
      type: 'invoice',
      status: 'failing',
      q: 'rent',
      after: 'abc_-1',
      before: undefined,
    });
    expect(ruleListQuery.parse({ type: 'bill', status: 'deleted', q: '', after: 'not a cursor!' })).toEqual({
      type: undefined,
      status: undefined,
      q: undefined,
      after: undefined,
      before: undefined,
    });
    expect(ruleListQuery.parse({ q: 'x'.repeat(300) }).q).toHaveLength(200);
  });

  it('writes only the set values to the URL', () => {
    expect(searchParamsOf({ type: 'expense', q: 'a&b' }).toString()).toBe('type=expense&q=a%26b');
  });
});
