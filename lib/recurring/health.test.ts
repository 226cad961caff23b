import { describe, expect, it } from 'vitest';
import { assessRecurringHealth } from './health';

const calm = { oldestDueAgeSeconds: 0, failingRules: 0, autoPausedRules: 0, needsReviewRules: 0 };

describe('assessRecurringHealth', () => {
  it.each([
    ['nothing wrong', calm, { status: 'healthy', problems: [], reasons: [] }],
    ['due work exactly two intervals old', { ...calm, oldestDueAgeSeconds: 1800 }, { status: 'healthy', problems: [], reasons: [] }],
    [
      'due work one second past two intervals',
      { ...calm, oldestDueAgeSeconds: 1801 },
      { status: 'unhealthy', problems: ['backlog_late'], reasons: ['The oldest due occurrence has waited 1801s, more than two intervals (1800s)'] },
    ],
    ['one failing rule', { ...calm, failingRules: 1 }, { status: 'degraded', problems: ['rules_failing'], reasons: ['1 rule is failing'] }],
    [
      'failing rules, some paused by their failures',
      { ...calm, failingRules: 3, autoPausedRules: 2 },
      { status: 'degraded', problems: ['rules_failing', 'rules_auto_paused'], reasons: ['3 rules are failing (2 of them paused after repeated failures)'] },
    ],
    ['one rule waiting for review', { ...calm, needsReviewRules: 1 }, { status: 'degraded', problems: ['rules_need_review'], reasons: ['1 rule needs review'] }],
    ['two rules waiting for review', { ...calm, needsReviewRules: 2 }, { status: 'degraded', problems: ['rules_need_review'], reasons: ['2 rules need review'] }],
    [
      'late work and stopped rules: the late work decides',
      { oldestDueAgeSeconds: 5000, failingRules: 1, autoPausedRules: 1, needsReviewRules: 4 },
      {
        status: 'unhealthy',
        problems: ['backlog_late', 'rules_failing', 'rules_auto_paused', 'rules_need_review'],
        reasons: [
          'The oldest due occurrence has waited 5000s, more than two intervals (1800s)',
          '1 rule is failing (1 of them paused after repeated failures)',
          '4 rules need review',
        ],
      },
    ],
  ])('%s', (_name, figures, expected) => {
    expect(assessRecurringHealth(figures, 15)).toEqual(expected);
  });

  it('measures lateness against the configured interval', () => {
    expect(assessRecurringHealth({ ...calm, oldestDueAgeSeconds: 121 }, 1).problems).toEqual(['backlog_late']);
    expect(assessRecurringHealth({ ...calm, oldestDueAgeSeconds: 120 }, 1).problems).toEqual([]);
  });
});
